/**
 * `atlasgym train`: the whole loop on one machine. Starts the env server (unless one is given),
 * evaluates the base model on the test split, runs the Python trainer (optional supervised
 * warm-up, then GRPO) against the server, evaluates the warmed-up and the trained model the same
 * way and writes the comparison report.
 *
 * Models are evaluated by the embedded policy (llama.cpp through node-llama-cpp) after an export
 * to GGUF (`atlasgym_trainer.export_gguf`, f16): base and trained weights go through the same
 * export, prompt and decoding, on the preset's surface and difficulty. `--eval-backend serve`
 * evaluates through `atlasgym_trainer.serve` (transformers behind an OpenAI-compatible endpoint)
 * instead: slower, but exactly the trainer's own generation code.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Option, type Command } from "commander";
import { generateSite } from "../emulator/index.js";
import { buildServer } from "../server/app.js";

interface TrainOptions {
  preset: string;
  out: string;
  steps?: string;
  scenario?: string;
  model: string;
  server?: string;
  evalTasks?: string;
  evalMaxTurns: string;
  evalBackend: "gguf" | "serve";
  set: string[];
  resume: boolean;
}

/** What `atlasgym train` needs of the resolved trainer configuration. */
interface ResolvedConfig {
  env: { scenarios: string[]; surface: string; difficulty: number };
  warmup: { enabled: boolean };
  eval: { tasks: number; samples: number; split: string };
}

const PYTHON = ".venv/bin/python";
const BIN = "bin/atlasgym.js";
const PYTHON_ENV = { ...process.env, HF_HUB_OFFLINE: "1" };

/** Runs a command with inherited output; rejects on a non-zero exit. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", fail);
    child.on("exit", (code, signal) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

/** Runs a command and resolves with its standard output. */
function capture(command: string, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env: PYTHON_ENV });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** The preset with the run's overrides, resolved by the trainer's own loader (one source of truth). */
async function resolveConfig(opts: TrainOptions): Promise<ResolvedConfig> {
  const args = ["-m", "atlasgym_trainer.config", opts.preset];
  for (const s of opts.set) args.push("--set", s);
  if (opts.scenario) args.push("--set", `env.scenarios=${JSON.stringify(opts.scenario.split(","))}`);
  return JSON.parse(await capture(PYTHON, args)) as ResolvedConfig;
}

/** Starts the OpenAI-compatible model server and resolves with its base URL once it listens. */
function serveModel(model: string, port: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  return new Promise((done, fail) => {
    const child = spawn(PYTHON, ["-m", "atlasgym_trainer.serve", "--model", model, "--name", model, "--port", String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
      env: PYTHON_ENV,
    });
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`model server for ${model} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^serving .* at (http:\/\/\S+)$/.exec(line);
      if (match) done({ baseUrl: match[1]!, child });
    });
  });
}

interface EvalPlan {
  tasks: number;
  config: ResolvedConfig;
  opts: TrainOptions;
}

function evalArgs(dir: string, plan: EvalPlan): string[] {
  const { config, opts } = plan;
  const args = [BIN, "eval", "--surface", config.env.surface, "--split", config.eval.split, "--difficulty", String(config.env.difficulty)];
  args.push("--tasks", String(plan.tasks), "--samples", String(config.eval.samples), "--temperature", "0");
  args.push("--max-turns", opts.evalMaxTurns, "--out", dir);
  if (config.env.scenarios.length > 0) args.push("--scenario", config.env.scenarios.join(","));
  return args;
}

async function evaluate(label: string, model: string, dir: string, plan: EvalPlan): Promise<void> {
  process.stdout.write(`\n== eval ${label}: ${model} on the ${plan.config.eval.split} split (${plan.tasks} task(s) per scenario) ==\n`);
  mkdirSync(dir, { recursive: true });
  if (plan.opts.evalBackend === "gguf") {
    const gguf = join(dir, "model.gguf");
    await run(PYTHON, ["-m", "atlasgym_trainer.export_gguf", model, gguf], PYTHON_ENV);
    // The run has the machine to itself between phases: llama.cpp may use every core.
    const threads = String(availableParallelism());
    await run(process.execPath, [
      ...evalArgs(dir, plan),
      "--policy",
      "embedded",
      "--model-path",
      gguf,
      "--concurrency",
      "2",
      "--threads",
      threads,
    ]);
    return;
  }
  const { baseUrl, child } = await serveModel(model, 0);
  try {
    const args = [...evalArgs(dir, plan), "--policy", "openai", "--base-url", baseUrl, "--model", model];
    await run(process.execPath, [...args, "--concurrency", "1", "--request-timeout", "3600"]);
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
  }
}

export function registerTrain(program: Command): void {
  program
    .command("train")
    .description("optional warm-up and GRPO training on the env server, with before/after evals and a comparison report")
    .option("--preset <name>", "trainer preset (trainer/presets) or a YAML file", "quick")
    .requiredOption("--out <dir>", "run directory")
    .option("--steps <n>", "optimizer steps (overrides the preset)")
    .option("--scenario <names>", "comma-separated scenarios (overrides the preset)")
    .option("--model <source>", "smollm2-gguf, a .gguf file or a model directory", "smollm2-gguf")
    .option("--server <url>", "use this env server instead of starting one")
    .option("--eval-tasks <n>", "test tasks per scenario for each eval (default: the preset's eval.tasks; 0: no eval)")
    .option("--eval-max-turns <n>", "turn budget of each eval episode", "4")
    .addOption(new Option("--eval-backend <backend>", "how models are evaluated").choices(["gguf", "serve"]).default("gguf"))
    .option("--set <key=value>", "any trainer config override (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--resume", "continue the training run in --out", false)
    .action(async (opts: TrainOptions) => {
      if (!existsSync(PYTHON)) throw new Error("the trainer's venv is missing: run bash scripts/setup-python.sh");
      const out = resolve(opts.out);
      mkdirSync(out, { recursive: true });
      const config = await resolveConfig(opts);
      const plan: EvalPlan = { tasks: opts.evalTasks !== undefined ? Number(opts.evalTasks) : config.eval.tasks, config, opts };
      let url = opts.server;
      let close: (() => Promise<void>) | undefined;
      if (!url) {
        const { app } = buildServer({ site: generateSite({ seed: 1 }).fork(), quiet: true });
        url = await app.listen({ host: "127.0.0.1", port: 0 });
        close = () => app.close();
        process.stdout.write(`env server at ${url}\n`);
      }
      try {
        const runs: Array<[label: string, dir: string]> = [];
        const evalRun = async (label: string, model: string): Promise<void> => {
          const dir = join(out, `eval-${label}`);
          if (!(opts.resume && existsSync(join(dir, "results.json")))) await evaluate(label, model, dir, plan);
          runs.push([label, dir]);
        };
        if (plan.tasks > 0) await evalRun("before", opts.model);
        const args = ["-m", "atlasgym_trainer.train", "--preset", opts.preset, "--server", url, "--out", join(out, "train")];
        args.push("--model", opts.model);
        if (opts.steps) args.push("--steps", opts.steps);
        if (opts.scenario) args.push("--scenario", opts.scenario);
        for (const s of opts.set) args.push("--set", s);
        if (opts.resume) args.push("--resume");
        process.stdout.write(`\n== ${config.warmup.enabled ? "warm-up, then " : ""}GRPO: preset ${opts.preset} ==\n`);
        await run(PYTHON, args, PYTHON_ENV);
        if (plan.tasks > 0) {
          // The warm-up's own effect is measured separately, so GRPO's share of any gain is visible.
          if (config.warmup.enabled) await evalRun("warmup", join(out, "train", "warmup", "model"));
          await evalRun("after", join(out, "train", "final"));
          const report = [BIN, "report", ...runs.map(([, dir]) => dir), "--labels", runs.map(([label]) => label).join(",")];
          await run(process.execPath, [...report, "--out", join(out, "compare.md")]);
        }
        process.stdout.write(`\nrun directory: ${out}\n`);
      } finally {
        await close?.();
      }
    });
}
