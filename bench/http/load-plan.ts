/**
 * What the load generator sends, as plain data (it crosses a process boundary):
 * - `mix`: episodes of the representative mix, each on its own pre-opened session (`/s/{id}/...`);
 * - `sessionLoop`: the trainer's loop: `POST /sessions`, the episode's tool calls, `DELETE /sessions/{id}`.
 */
import type { MixPlan } from "../mix/plan.js";

export interface MixLoad {
  kind: "mix";
  plan: MixPlan;
  roundsPerEpisode: number;
  /** Session ids handed out one per episode (never reused within a run). */
  sessionIds: string[];
}

export interface LoopEpisode {
  /** The `POST /sessions` body. */
  spec: Record<string, unknown>;
  calls: Array<{ name: string; argumentsText: string }>;
}

export interface SessionLoopLoad {
  kind: "sessionLoop";
  episodes: LoopEpisode[];
}

export type LoadPlan = MixLoad | SessionLoopLoad;

export interface LoadRequest {
  type: "run";
  url: string;
  connections: number;
  durationSec: number;
  plan: LoadPlan;
}

export interface LoadResult {
  type: "result";
  requestsPerSec: number;
  requests: number;
  durationSec: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p99: number; mean: number };
  /** Status codes of non-2xx responses (to explain them). */
  statusCounts: Record<string, number>;
}

export function isLoadResult(message: unknown): message is LoadResult {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "result";
}
