/**
 * Child processes of the benchmark: measurements run in fresh processes (clean heap, `--expose-gc`,
 * no interference between measurements) and servers run apart from their load generator.
 * Every child started here is tracked and killed by its pid when the benchmark exits.
 */
import { fork, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
export const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url));

const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Kills one child we started (SIGTERM, then SIGKILL if it lingers) and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export function killAllChildren(): void {
  for (const child of live) child.kill("SIGKILL");
}

process.once("exit", killAllChildren);
// A signal would end this process without "exit" handlers: stop our children first.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** A TypeScript module of this benchmark as a Node child with an IPC channel. */
export function forkTs(modulePath: string, args: readonly string[] = [], extraExecArgv: readonly string[] = []): ChildProcess {
  return track(
    fork(modulePath, [...args], {
      cwd: PROJECT_DIR,
      execArgv: ["--import", "tsx", ...extraExecArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
}

export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return track(spawn(command, [...args], options));
}

/** The next IPC message of a child that satisfies `accept`, or a rejection when it exits or times out. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (!accept(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (code ${code}, signal ${signal}) before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
