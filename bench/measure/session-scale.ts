/**
 * The live-session curve: with 10, 100, ... live sessions on the benchmark task, what opening one more costs,
 * what a read and a write through a random live session cost (the session's REST path, recorded in its trace,
 * as on `/s/{id}/...`), their throughput, and the heap each live session holds.
 */
import type { EmuRequest } from "../../src/emulator/index.js";
import type { EpisodeSession } from "../../src/server/episode-session.js";
import { SessionStore, type StoredSession } from "../../src/server/session-store.js";
import { openSession } from "../../src/server/sessions-api.js";
import { heapAfterGc } from "../lib/heap.js";
import { median } from "../lib/stats.js";
import { BENCH_SESSION_SPEC, benchStartState } from "../lib/world.js";
import { planMix } from "../mix/plan.js";
import { toEmuRequest } from "../mix/requests.js";
import { mixCall } from "../mix/steps.js";

export interface SessionScaleOptions {
  levels: number[];
  batches: number;
  /** Calls (or opened sessions) per timed batch. */
  batchSize: number;
}

export interface SessionScalePoint {
  sessions: number;
  createMicros: number;
  readMicros: number;
  writeMicros: number;
  /** Reads and writes alternating on random live sessions. */
  callsPerSec: number;
  /** Null when the heap grew by less than HEAP_NOISE_BYTES in all (too few sessions to weigh). */
  bytesPerSession: number | null;
}

/** Heap differences below this are noise (allocation-site caches, GC bookkeeping), whatever the sessions. */
export const HEAP_NOISE_BYTES = 1 << 20;

/** A deterministic pseudo-random walk over the live sessions (no Math.random: runs repeat). */
function picker(sessions: readonly StoredSession<EpisodeSession>[]): (i: number) => EpisodeSession {
  return (i) => sessions[(i * 2654435761) % sessions.length]!.value;
}

function perCall(batches: number, size: number, body: (i: number) => void): number {
  const times: number[] = [];
  let offset = 0;
  for (let b = 0; b < batches; b++) {
    const started = performance.now();
    for (let i = 0; i < size; i++) body(offset + i);
    times.push(((performance.now() - started) * 1000) / size);
    offset += size;
  }
  return median(times);
}

interface Fixture {
  store: SessionStore<EpisodeSession>;
  read: EmuRequest;
  write: EmuRequest;
}

/** One level, in its own function so nothing of a level outlives it (the next level's heap base stays clean). */
function levelPoint(level: number, options: SessionScaleOptions, { store, read, write }: Fixture): SessionScalePoint {
  store.clear();
  const base = heapAfterGc();
  const live: StoredSession<EpisodeSession>[] = [];
  while (live.length < level) live.push(openSession(store, BENCH_SESSION_SPEC));
  const grown = heapAfterGc() - base;
  // A few sessions weigh less than the heap's own noise after a GC: no number rather than a wrong one.
  const bytesPerSession = Math.abs(grown) < HEAP_NOISE_BYTES ? null : grown / level;
  const pick = picker(live);
  const createMicros = perCall(options.batches, options.batchSize, () => {
    store.delete(openSession(store, BENCH_SESSION_SPEC).id);
  });
  const readMicros = perCall(options.batches, options.batchSize, (i) => pick(i).http(read));
  const writeMicros = perCall(options.batches, options.batchSize, (i) => pick(i).http(write));
  const mixed = perCall(options.batches, options.batchSize, (i) => pick(i).http(i % 2 === 0 ? read : write));
  store.clear();
  return { sessions: level, createMicros, readMicros, writeMicros, callsPerSec: 1e6 / mixed, bytesPerSession };
}

export async function measureSessionScale(options: SessionScaleOptions): Promise<SessionScalePoint[]> {
  const plan = planMix(benchStartState(), 1);
  const fixture: Fixture = {
    store: new SessionStore<EpisodeSession>({ ttlMs: 3_600_000, maxSessions: 10_000_000 }),
    read: toEmuRequest(mixCall(plan, "getIssue", 0, 0, {})),
    write: toEmuRequest(mixCall(plan, "createIssue", 0, 0, {})),
  };
  // Warm-up: the task, its world and start state, and the code paths, before any heap base is taken.
  levelPoint(10, { ...options, batches: 1 }, fixture);
  return [...options.levels].sort((a, b) => a - b).map((level) => levelPoint(level, options, fixture));
}
