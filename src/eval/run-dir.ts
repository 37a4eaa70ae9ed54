/**
 * The files of a run directory, and the append-only log of finished episodes:
 *   config.json     the run's configuration (what `--resume` continues)
 *   traces.jsonl    one trace per finished episode, exactly as src/trace defines it
 *   episodes.jsonl  one EpisodeRecord (plan position + reward) per finished episode
 * A trace is appended before its record. A run killed between the two (or mid-line) leaves an
 * orphan, which resuming drops from both files, so the episode simply runs again.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createTraceWriter } from "../trace/jsonl.js";
import type { Trace } from "../trace/types.js";
import type { EvalConfig } from "./config.js";
import { isEpisodeRecord, type EpisodeRecord } from "./records.js";

export const RUN_FILES = {
  config: "config.json",
  traces: "traces.jsonl",
  episodes: "episodes.jsonl",
  results: "results.json",
  report: "report.md",
  chartSvg: "rewards.svg",
  chartPng: "rewards.png",
} as const;

export function runFile(dir: string, file: keyof typeof RUN_FILES): string {
  return join(dir, RUN_FILES[file]);
}

export interface StoredConfig {
  atlasgymVersion: string;
  createdAt: string;
  config: EvalConfig;
}

export interface EpisodeLog {
  append(trace: Trace, record: EpisodeRecord): Promise<void>;
  close(): Promise<void>;
}

function nonEmpty(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

/** Starts a new run in `dir` (created if needed); refuses a directory that already holds episodes. */
export function startRunDir(dir: string, stored: StoredConfig): EpisodeLog {
  mkdirSync(dir, { recursive: true });
  if (nonEmpty(runFile(dir, "episodes")) || nonEmpty(runFile(dir, "traces"))) {
    throw new Error(`${dir} already holds a run: continue it with --resume ${dir}, or choose another --out`);
  }
  writeStoredConfig(dir, stored);
  return openLog(dir, false);
}

export function writeStoredConfig(dir: string, stored: StoredConfig): void {
  writeFileSync(runFile(dir, "config"), JSON.stringify(stored, null, 2) + "\n");
}

export function readStoredConfig(dir: string): StoredConfig {
  const path = runFile(dir, "config");
  if (!existsSync(path)) throw new Error(`${dir} is not an eval run (no ${RUN_FILES.config})`);
  return JSON.parse(readFileSync(path, "utf8")) as StoredConfig;
}

/** Reopens a run for appending after dropping orphans; returns the finished episodes. */
export async function resumeRunDir(dir: string): Promise<{ stored: StoredConfig; finished: EpisodeRecord[]; log: EpisodeLog }> {
  const stored = readStoredConfig(dir);
  const finished = await compactRun(dir);
  return { stored, finished, log: openLog(dir, true) };
}

function openLog(dir: string, append: boolean): EpisodeLog {
  const traces = createTraceWriter(runFile(dir, "traces"), { append });
  const records = createWriteStream(runFile(dir, "episodes"), { flags: append ? "a" : "w", encoding: "utf8" });
  let failure: Error | undefined;
  records.on("error", (error) => {
    failure = error;
  });
  return {
    async append(trace, record) {
      if (failure) throw failure;
      await traces.write(trace);
      if (!records.write(`${JSON.stringify(record)}\n`)) await once(records, "drain");
    },
    async close() {
      await traces.close();
      await new Promise<void>((resolve, reject) => records.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (failure) throw failure;
    },
  };
}

async function* lines(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) return;
  for await (const line of createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity })) {
    if (line.trim() !== "") yield line;
  }
}

function parseOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function episodeIdOfTrace(value: unknown): string | undefined {
  const id = value !== null && typeof value === "object" ? (value as { episodeId?: unknown }).episodeId : undefined;
  return typeof id === "string" ? id : undefined;
}

/** The finished episodes of every line of `episodes.jsonl` that parses (first record per episode). */
export async function readEpisodeRecords(dir: string): Promise<EpisodeRecord[]> {
  const seen = new Map<string, EpisodeRecord>();
  for await (const line of lines(runFile(dir, "episodes"))) {
    const value = parseOrUndefined(line);
    if (isEpisodeRecord(value) && !seen.has(value.episodeId)) seen.set(value.episodeId, value);
  }
  return [...seen.values()];
}

/** Keeps, in both files, only episodes that have both a trace and a record (once each). */
async function compactRun(dir: string): Promise<EpisodeRecord[]> {
  const records = new Map((await readEpisodeRecords(dir)).map((r) => [r.episodeId, r]));
  const tracesPath = runFile(dir, "traces");
  const kept = new Set<string>();
  const tracesTmp = `${tracesPath}.tmp`;
  const out = createWriteStream(tracesTmp, { encoding: "utf8" });
  for await (const line of lines(tracesPath)) {
    const id = episodeIdOfTrace(parseOrUndefined(line));
    if (id === undefined || !records.has(id) || kept.has(id)) continue;
    kept.add(id);
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(tracesTmp, tracesPath);

  const finished = [...records.values()].filter((r) => kept.has(r.episodeId));
  const episodesPath = runFile(dir, "episodes");
  writeFileSync(`${episodesPath}.tmp`, finished.map((r) => `${JSON.stringify(r)}\n`).join(""));
  renameSync(`${episodesPath}.tmp`, episodesPath);
  return finished;
}
