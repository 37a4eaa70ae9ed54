/**
 * How much each measurement repeats. `full` is `npm run bench` (a few minutes on 2 cores); `quick` is the
 * smoke test's tiny settings (seconds; numbers meaningless, keys and code paths exercised).
 */
import type { OptionsOf } from "./measure/index.js";

export interface BenchConfig {
  inProcess: OptionsOf<"inProcess">;
  http: OptionsOf<"http">;
  sessions: OptionsOf<"sessions">;
  reward: OptionsOf<"reward">;
  agent: OptionsOf<"agent">;
  peer: OptionsOf<"peer">;
  /** One child per scale; `batches`/`batchMs` per scale (the largest sites get fewer, longer-running calls). */
  siteScales: Array<Omit<OptionsOf<"siteScale">, "seed">>;
  sessionScale: OptionsOf<"sessionScale">;
}

export const FULL: BenchConfig = {
  inProcess: { runs: 7, runMs: 1000, roundsPerEpisode: 3 },
  http: { runs: 5, durationSec: 2, connections: 8, roundsPerEpisode: 3 },
  sessions: { runs: 7, batch: 1000, liveSessions: 10_000, memoryRuns: 2, tasksPerScenario: 4 },
  reward: { runs: 7, tasksPerScenario: 8 },
  agent: { policy: "embedded", episodes: 2, maxTurns: 1, maxTokens: 32 },
  peer: { runs: 5, durationSec: 2, connections: 8, tasksPerScenario: 2, setupVenv: true },
  siteScales: [
    { scale: 1, batches: 5, batchMs: 150 },
    { scale: 10, batches: 5, batchMs: 250 },
    { scale: 100, batches: 5, batchMs: 500 },
  ],
  sessionScale: { levels: [10, 100, 1000, 10_000], batches: 5, batchSize: 2000 },
};

export const QUICK: BenchConfig = {
  inProcess: { runs: 2, runMs: 100, roundsPerEpisode: 3 },
  http: { runs: 1, durationSec: 1, connections: 2, roundsPerEpisode: 3 },
  sessions: { runs: 2, batch: 20, liveSessions: 200, memoryRuns: 1, tasksPerScenario: 1 },
  reward: { runs: 2, tasksPerScenario: 1 },
  agent: { policy: "oracle", episodes: 1, maxTurns: 2, maxTokens: 4 },
  peer: { runs: 1, durationSec: 1, connections: 2, tasksPerScenario: 1, setupVenv: false },
  siteScales: [
    { scale: 1, batches: 1, batchMs: 5 },
    { scale: 2, batches: 1, batchMs: 5 },
  ],
  sessionScale: { levels: [10, 100], batches: 1, batchSize: 10 },
};
