/** `atlasgym eval`: policy x scenarios x tasks x samples -> traces, results.json, report.md, rewards.png and a table. */
import { Command, InvalidArgumentError, Option } from "commander";
import {
  DEFAULT_CONFIG,
  createProgress,
  parseDifficulties,
  parseScenarios,
  parseSplits,
  readStoredConfig,
  renderTextTable,
  resultsTable,
  runEval,
  type EvalConfig,
} from "../eval/index.js";
import { scenarioNames } from "../scenarios/registry.js";
import { SURFACE_NAMES, type SurfaceName } from "../tools/index.js";

interface EvalCliOptions {
  policy?: string;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  toolFormat: "native" | "text";
  modelPath?: string;
  surface: SurfaceName;
  scenario: string;
  split: string;
  difficulty: string;
  tasks: number;
  samples: number;
  temperature?: number;
  concurrency: number;
  threads?: number;
  requestTimeout: number;
  seed: number;
  maxTurns?: number;
  successThreshold: number;
  out?: string;
  resume?: string;
}

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be an integer >= ${min}`);
    return n;
  };
}

function number(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("not a number");
  return n;
}

/** The configuration the options describe; with `onlyGiven`, only what was typed on the command line (for --resume). */
function configFromOptions(command: Command, opts: EvalCliOptions, onlyGiven: boolean): Partial<EvalConfig> {
  const given = (name: keyof EvalCliOptions): boolean => !onlyGiven || command.getOptionValueSource(name) === "cli";
  const out: Partial<EvalConfig> = {};
  if (opts.policy !== undefined && given("policy")) out.policy = opts.policy;
  if (opts.baseUrl !== undefined && opts.model !== undefined && (given("baseUrl") || given("model") || given("toolFormat"))) {
    out.openai = { baseUrl: opts.baseUrl, model: opts.model, toolFormat: opts.toolFormat };
  }
  if (opts.modelPath !== undefined && given("modelPath")) out.modelPath = opts.modelPath;
  if (given("surface")) out.surface = opts.surface;
  if (given("scenario")) out.scenarios = parseScenarios(opts.scenario, scenarioNames());
  if (given("split")) out.splits = parseSplits(opts.split);
  if (given("difficulty")) out.difficulties = parseDifficulties(opts.difficulty);
  if (given("tasks")) out.tasks = opts.tasks;
  if (given("samples")) out.samples = opts.samples;
  if (opts.temperature !== undefined && given("temperature")) out.temperature = opts.temperature;
  if (given("seed")) out.seed = opts.seed;
  if (opts.maxTurns !== undefined && given("maxTurns")) out.maxTurns = opts.maxTurns;
  if (given("successThreshold")) out.successThreshold = opts.successThreshold;
  return out;
}

function newRunConfig(command: Command, opts: EvalCliOptions): EvalConfig {
  if (opts.policy === undefined) throw new Error("--policy is required (oracle, perturbed:<failure>, embedded or openai)");
  const config = configFromOptions(command, opts, false);
  if (opts.policy === "openai" && !config.openai) throw new Error("--policy openai needs --base-url and --model");
  return { ...config, policy: opts.policy } as EvalConfig;
}

/** Ctrl-C once: stop after the running episodes (they are discarded) and write the outputs. Twice: quit now. */
function stopOnSigint(controller: AbortController): () => void {
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nstopping: writing results for the finished episodes (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}

async function evalAction(opts: EvalCliOptions, command: Command): Promise<void> {
  if (opts.out !== undefined && opts.resume !== undefined && opts.out !== opts.resume) {
    throw new Error("--resume DIR continues DIR: give --out DIR with the same directory or leave it out");
  }
  const out = opts.resume ?? opts.out;
  if (out === undefined) throw new Error("--out DIR is required (or --resume DIR)");
  const resume = opts.resume !== undefined;
  const config = resume ? { ...readStoredConfig(out).config, ...configFromOptions(command, opts, true) } : newRunConfig(command, opts);
  const apiKey = opts.apiKey ?? process.env["OPENAI_API_KEY"];

  const controller = new AbortController();
  const release = stopOnSigint(controller);
  try {
    const outcome = await runEval({
      out,
      config,
      resume,
      runtime: {
        concurrency: opts.concurrency,
        requestTimeoutMs: opts.requestTimeout * 1000,
        ...(apiKey !== undefined ? { apiKey } : {}),
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      },
      signal: controller.signal,
      progress: createProgress({ stream: process.stderr }),
    });
    process.stdout.write("\n" + renderTextTable(resultsTable(outcome.results)));
    const { files, results } = outcome;
    process.stdout.write(`\nwrote ${files.results}, ${files.report}, ${files.chartPng} (and .svg), ${files.traces}\n`);
    if (results.skipped.length > 0)
      process.stdout.write(`${results.skipped.length} tasks skipped: ${config.policy} does not apply to them\n`);
    if (outcome.interrupted) {
      process.stdout.write(`stopped early after ${results.overall.episodes} episodes; continue with: atlasgym eval --resume ${out}\n`);
      if (controller.signal.aborted) process.exitCode = 130;
    }
  } finally {
    release();
  }
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("evaluate a policy: scenarios x tasks x samples, with a results table, report and chart")
    .option("--policy <spec>", "oracle, perturbed:<failure>, embedded or openai")
    .option("--base-url <url>", "openai: API root including /v1")
    .option("--model <name>", "openai: model name")
    .option("--api-key <key>", "openai: API key (default: $OPENAI_API_KEY; never written to the run)")
    .addOption(
      new Option("--tool-format <format>", "openai: native tool_calls or tool calls in text").choices(["native", "text"]).default("native"),
    )
    .option("--model-path <gguf>", "embedded: GGUF model file (default: the installed model)")
    .addOption(new Option("--surface <name>", "tool surface").choices([...SURFACE_NAMES]).default(DEFAULT_CONFIG.surface))
    .option("--scenario <names>", "all, or a comma-separated list of scenarios", "all")
    .option("--split <split>", "train, test or all", "test")
    .option("--difficulty <d>", "1, 2, 3, a list such as 1,3, or all", "all")
    .option("--tasks <n>", "tasks per scenario", integer(1), DEFAULT_CONFIG.tasks)
    .option("--samples <k>", "samples per task (the k of pass@k and pass^k)", integer(1), DEFAULT_CONFIG.samples)
    .option("--temperature <t>", "sampling temperature (default: the policy's)", number)
    .option("--concurrency <c>", "episodes in flight at once", integer(1), 4)
    .option("--threads <n>", "embedded: llama.cpp CPU threads (default: all cores but one)", integer(1))
    .option("--request-timeout <s>", "openai: seconds to wait for one completion", integer(1), 120)
    .option("--seed <s>", "root of the task and sample seeds", integer(Number.MIN_SAFE_INTEGER), DEFAULT_CONFIG.seed)
    .option("--max-turns <n>", "override each task's turn budget", integer(1))
    .option("--success-threshold <r>", "reward counted as success for pass@k and pass^k", number, DEFAULT_CONFIG.successThreshold)
    .option("--out <dir>", "run directory for traces, results.json, report.md and rewards.png")
    .option("--resume <dir>", "continue the run in <dir>, skipping finished episodes")
    .action(evalAction);
}
