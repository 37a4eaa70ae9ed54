/** Traces as JSONL: one episode per line, streamed to and from files. */
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { CallRecord, Trace, TurnRecord } from "./types.js";

/** One JSONL line (JSON.stringify escapes newlines, so a trace never spans lines). */
export function traceLine(trace: Trace): string {
  return `${JSON.stringify(trace)}\n`;
}

export interface TraceWriter {
  /** Appends one trace; resolves when the stream can take more (backpressure). */
  write(trace: Trace): Promise<void>;
  close(): Promise<void>;
}

export function createTraceWriter(path: string, options: { append?: boolean } = {}): TraceWriter {
  const stream: WriteStream = createWriteStream(path, { flags: options.append ? "a" : "w", encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  return {
    async write(trace) {
      if (failure) throw failure;
      if (!stream.write(traceLine(trace))) await once(stream, "drain");
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  };
}

/** A line of a trace file: the parsed value, or why it is not JSON. */
export type TraceLine = { line: number; value: unknown } | { line: number; error: string };

/** Reads a JSONL file line by line (1-based line numbers), skipping blank lines. */
export async function* readTraceLines(path: string): AsyncGenerator<TraceLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === "") continue;
    try {
      yield { line: n, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line: n, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Every trace in a file (unvalidated values; see `validateTrace`). */
export async function readTraces(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const entry of readTraceLines(path)) {
    if ("error" in entry) throw new Error(`${path}:${entry.line}: not JSON: ${entry.error}`);
    out.push(entry.value);
  }
  return out;
}

export type UntimedTrace = Omit<Trace, "timing" | "turns"> & {
  turns: Array<Omit<TurnRecord, "timing" | "calls"> & { calls: Array<Omit<CallRecord, "timing">> }>;
};

/** The trace without its `timing` fields (episode, turns, calls): what determinism checks compare. */
export function withoutTiming(trace: Trace): UntimedTrace {
  const { timing: _episode, ...rest } = trace;
  const turns = trace.turns.map(({ timing: _turn, ...turn }) => ({ ...turn, calls: turn.calls.map(({ timing: _call, ...call }) => call) }));
  return { ...rest, turns };
}
