/**
 * `sessions.createMicros`: median time to open a session on a warm task (the task generated and its world
 * built once, as in a GRPO group): EpisodeSession (fork of the start state, tools, prompt) plus the store entry.
 * `sessions.bytesPerSession`: heap growth over the shared base divided by the number of live sessions,
 * with 10,000 sessions, measured after full garbage collections (run with --expose-gc).
 */
import { EpisodeSession } from "../../src/server/episode-session.js";
import { SessionStore } from "../../src/server/session-store.js";
import { openSession } from "../../src/server/sessions-api.js";
import { startState } from "../../src/scenarios/world.js";
import { heapAfterGc } from "../lib/heap.js";
import { oracleEpisodes, type OracleEpisode } from "../lib/oracle-episodes.js";
import { spread, type Spread } from "../lib/stats.js";

export interface SessionsOptions {
  runs: number;
  /** Sessions opened per timed batch. */
  batch: number;
  liveSessions: number;
  memoryRuns: number;
  tasksPerScenario: number;
}

export interface SessionsResult {
  createMicros: Spread;
  /** The fork alone: `startState(task)`. */
  forkMicros: Spread;
  bytesPerSession: Spread;
  /** The same after every session ran its oracle episode (its writes and its recorded trace). */
  bytesPerSessionAfterEpisode: Spread;
  liveSessions: number;
  tasks: number;
}

function newStore(): SessionStore<EpisodeSession> {
  return new SessionStore<EpisodeSession>({ ttlMs: 3_600_000, maxSessions: 10_000_000 });
}

function timeCreates(episodes: readonly OracleEpisode[], batch: number): { create: number; fork: number } {
  const store = newStore();
  let started = performance.now();
  for (let i = 0; i < batch; i++) openSession(store, episodes[i % episodes.length]!.spec);
  const create = ((performance.now() - started) * 1000) / batch;
  started = performance.now();
  const keep = [];
  for (let i = 0; i < batch; i++) keep.push(startState(episodes[i % episodes.length]!.task));
  const fork = ((performance.now() - started) * 1000) / batch;
  store.clear();
  return { create, fork };
}

function memoryRun(episodes: readonly OracleEpisode[], count: number): { fresh: number; afterEpisode: number } {
  const store = newStore();
  const base = heapAfterGc();
  for (let i = 0; i < count; i++) openSession(store, episodes[i % episodes.length]!.spec);
  const fresh = (heapAfterGc() - base) / count;
  let i = 0;
  for (const stored of store.values()) {
    for (const call of episodes[i++ % episodes.length]!.calls) stored.value.callTool(call.name, call.argumentsText);
  }
  const afterEpisode = (heapAfterGc() - base) / count;
  store.clear();
  return { fresh, afterEpisode };
}

export async function measureSessions(options: SessionsOptions): Promise<SessionsResult> {
  const episodes = await oracleEpisodes(options.tasksPerScenario);
  timeCreates(episodes, options.batch); // warm-up: tasks, worlds, start states, JIT
  const creates = [];
  for (let i = 0; i < options.runs; i++) creates.push(timeCreates(episodes, options.batch));
  const memory = [];
  for (let i = 0; i < options.memoryRuns; i++) memory.push(memoryRun(episodes, options.liveSessions));
  return {
    createMicros: spread(creates.map((c) => c.create)),
    forkMicros: spread(creates.map((c) => c.fork)),
    bytesPerSession: spread(memory.map((m) => m.fresh)),
    bytesPerSessionAfterEpisode: spread(memory.map((m) => m.afterEpisode)),
    liveSessions: options.liveSessions,
    tasks: episodes.length,
  };
}
