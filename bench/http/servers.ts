/** Starting the server processes and the load generator process, and talking to them. */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { BENCH_DIR, forkTs, nextMessage, stopChild } from "../lib/processes.js";
import { isLoadResult, type LoadPlan, type LoadResult } from "./load-plan.js";
import { isOpened, isReady, type Opened } from "./server-messages.js";

const START_TIMEOUT_MS = 120_000;

export interface NodeServer {
  child: ChildProcess;
  url: string;
}

/** Extra Node flags for server processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (see tools/profile.ts). */
function serverExecArgv(): string[] {
  return (process.env["ATLASGYM_BENCH_SERVER_ARGV"] ?? "").split(/\s+/).filter((a) => a.length > 0);
}

export async function startNodeServer(
  file: "atlasgym-server-child.ts" | "bare-server-child.ts" | "payload-server-child.ts",
): Promise<NodeServer> {
  const child = forkTs(join(BENCH_DIR, "http", file), [], serverExecArgv());
  const ready = await nextMessage(child, isReady, START_TIMEOUT_MS);
  return { child, url: `http://127.0.0.1:${ready.port}` };
}

/** Asks the atlasgym server process to replace its live sessions with `count` fresh ones. */
export async function openSessions(server: NodeServer, count: number): Promise<Opened> {
  server.child.send({ type: "open", count });
  return nextMessage(server.child, isOpened, START_TIMEOUT_MS);
}

interface LoadError {
  type: "error";
  error: string;
}

function isLoadAnswer(message: unknown): message is LoadResult | LoadError {
  return isLoadResult(message) || (typeof message === "object" && message !== null && (message as { type?: unknown }).type === "error");
}

export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadGenerator> {
    const child = forkTs(join(BENCH_DIR, "http", "load-child.ts"));
    await nextMessage(child, (m): m is { type: "ready" } => (m as { type?: unknown } | null)?.type === "ready", START_TIMEOUT_MS);
    return new LoadGenerator(child);
  }

  async run(url: string, plan: LoadPlan, connections: number, durationSec: number): Promise<LoadResult> {
    this.child.send({ type: "run", url, connections, durationSec, plan });
    const answer = await nextMessage(this.child, isLoadAnswer, durationSec * 1000 + 60_000);
    if (answer.type === "error") throw new Error(`load generator: ${answer.error}`);
    return answer;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
