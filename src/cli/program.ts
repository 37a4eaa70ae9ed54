import { Command, InvalidArgumentError } from "commander";
import { serve } from "./serve.js";
import { registerMcp } from "./mcp.js";
import { registerRun } from "./run.js";
import { registerTrain } from "./train.js";
import { registerDiagnose } from "./diagnose.js";
import { registerDemos } from "./demos.js";
import { registerEval } from "./eval.js";
import { registerReport } from "./report.js";
import { showTraceFile } from "./trace-show.js";
import { runRolloutWorker } from "../rollouts/worker.js";
import { styleFor } from "./style.js";
import { DEFAULT_ADMIN_TOKEN } from "../emulator/index.js";

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
}

export function buildCli(): Command {
  const program = new Command("atlasgym").description("RLVR environments for the Jira and Confluence Cloud REST APIs").version("0.1.0");

  program
    .command("serve")
    .description("serve the seeded default site at the real REST paths")
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--port <port>", "port to listen on", integer, 8787)
    .option("--seed <n>", "world seed", integer, 1)
    .option("--admin-token <token>", "API token of admin@example.com", DEFAULT_ADMIN_TOKEN)
    .option("-q, --quiet", "do not log one line per request", false)
    .option("--session-ttl <seconds>", "drop sessions idle for this long", integer, 900)
    .option("--max-sessions <n>", "most live sessions before POST /sessions answers 429", integer, 20000)
    .action(
      async (opts: {
        host: string;
        port: number;
        seed: number;
        adminToken: string;
        quiet: boolean;
        sessionTtl: number;
        maxSessions: number;
      }) => {
        await serve(opts);
      },
    );

  program
    .command("rollout-worker")
    .description("token-level llama.cpp generation for trainers: JSON lines on stdin/stdout (see src/rollouts/worker.ts)")
    .action(async () => {
      await runRolloutWorker(process.stdin, (line) => process.stdout.write(line + "\n"));
    });

  const trace = program.command("trace").description("inspect episode traces (JSONL)");
  trace
    .command("show")
    .description("one line per episode, or one episode in full with --episode")
    .argument("<file>", "trace file (JSONL, one episode per line)")
    .option("--episode <id>", "episode id, or its 1-based position in the file")
    .option("--full", "do not shorten arguments and results", false)
    .action(async (file: string, opts: { episode?: string; full: boolean }) => {
      const found = await showTraceFile(file, {
        episode: opts.episode,
        full: opts.full,
        style: styleFor(process.stdout),
        write: (text) => process.stdout.write(text),
      });
      if (!found) throw new Error(`no episode '${opts.episode ?? ""}' in ${file}`);
    });

  registerRun(program);
  registerEval(program);
  registerReport(program);
  registerDiagnose(program);
  registerDemos(program);
  registerTrain(program);
  registerMcp(program);

  return program;
}
