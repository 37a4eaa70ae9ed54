/**
 * `atlasgym train`: the whole loop on one machine. Starts the env server (unless one is given),
 * optionally evaluates the base model on the test split, runs the Python GRPO trainer against the
 * server, evaluates the trained model the same way and writes the comparison report.
 *
 * Models are evaluated through `python -m atlasgym_trainer.serve` (an OpenAI-compatible endpoint
 * over transformers with the trainer's chat template), so base and trained models are compared on
 * exactly the prompt and the generation code the trainer used.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { generateSite } from "../emulator/index.js";
import { buildServer } from "../server/app.js";

interface TrainOptions {
  preset: string;
  out: string;
  steps?: string;
  scenario?: string;
  model: string;
  server?: string;
  evalTasks: string;
  evalMaxTurns: string;
  set: string[];
  resume: boolean;
}

const PYTHON = ".venv/bin/python";
const BIN = "bin/atlasgym.js";

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

/** Starts the OpenAI-compatible model server and resolves with its base URL once it listens. */
function serveModel(model: string, port: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  return new Promise((done, fail) => {
    const child = spawn(PYTHON, ["-m", "atlasgym_trainer.serve", "--model", model, "--name", model, "--port", String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, HF_HUB_OFFLINE: "1" },
    });
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`model server for ${model} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^serving .* at (http:\/\/\S+)$/.exec(line);
      if (match) done({ baseUrl: match[1]!, child });
    });
  });
}

async function evaluate(label: string, model: string, dir: string, opts: TrainOptions): Promise<void> {
  process.stdout.write(`\n== eval ${label}: ${model} on the test split (${opts.evalTasks} task(s) per scenario) ==\n`);
  const { baseUrl, child } = await serveModel(model, 0);
  try {
    const args = [BIN, "eval", "--policy", "openai", "--base-url", baseUrl, "--model", model, "--split", "test", "--difficulty", "1"];
    args.push(
      "--tasks",
      opts.evalTasks,
      "--samples",
      "1",
      "--temperature",
      "0",
      "--concurrency",
      "1",
      "--request-timeout",
      "3600",
      "--max-turns",
      opts.evalMaxTurns,
      "--out",
      dir,
    );
    if (opts.scenario) args.push("--scenario", opts.scenario);
    await run(process.execPath, args);
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
  }
}

export function registerTrain(program: Command): void {
  program
    .command("train")
    .description("GRPO training on the env server, with optional before/after eval and a comparison report")
    .option("--preset <name>", "trainer preset (trainer/presets) or a YAML file", "quick")
    .requiredOption("--out <dir>", "run directory")
    .option("--steps <n>", "optimizer steps (overrides the preset)")
    .option("--scenario <names>", "comma-separated scenarios (overrides the preset)")
    .option("--model <source>", "smollm2-gguf, a .gguf file or a model directory", "smollm2-gguf")
    .option("--server <url>", "use this env server instead of starting one")
    .option("--eval-tasks <n>", "test tasks per scenario for the before/after eval (0: no eval)", "0")
    .option("--eval-max-turns <n>", "turn budget of each eval episode", "4")
    .option("--set <key=value>", "any trainer config override (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--resume", "continue the training run in --out", false)
    .action(async (opts: TrainOptions) => {
      if (!existsSync(PYTHON)) throw new Error("the trainer's venv is missing: run bash scripts/setup-python.sh");
      const out = resolve(opts.out);
      mkdirSync(out, { recursive: true });
      let url = opts.server;
      let close: (() => Promise<void>) | undefined;
      if (!url) {
        const { app } = buildServer({ site: generateSite({ seed: 1 }).fork(), quiet: true });
        url = await app.listen({ host: "127.0.0.1", port: 0 });
        close = () => app.close();
        process.stdout.write(`env server at ${url}\n`);
      }
      try {
        const evalTasks = Number(opts.evalTasks);
        if (evalTasks > 0 && !opts.resume) await evaluate("before", opts.model, join(out, "eval-before"), opts);
        const args = [
          "-m",
          "atlasgym_trainer.train",
          "--preset",
          opts.preset,
          "--server",
          url,
          "--out",
          join(out, "train"),
          "--model",
          opts.model,
        ];
        if (opts.steps) args.push("--steps", opts.steps);
        if (opts.scenario) args.push("--scenario", opts.scenario);
        for (const s of opts.set) args.push("--set", s);
        if (opts.resume) args.push("--resume");
        process.stdout.write(`\n== GRPO: preset ${opts.preset} ==\n`);
        await run(PYTHON, args, { ...process.env, HF_HUB_OFFLINE: "1" });
        if (evalTasks > 0) {
          await evaluate("after", join(out, "train", "final"), join(out, "eval-after"), opts);
          await run(process.execPath, [
            BIN,
            "report",
            join(out, "eval-before"),
            join(out, "eval-after"),
            "--labels",
            "before,after",
            "--out",
            join(out, "compare.md"),
          ]);
        }
        process.stdout.write(`\nrun directory: ${out}\n`);
      } finally {
        await close?.();
      }
    });
}
