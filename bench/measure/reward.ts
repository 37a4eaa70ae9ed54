/**
 * `reward.tracesPerSec`: scoring the oracle's traces of every scenario with `reward(task, trace)`.
 * Cold: the replay memo is emptied before each pass, so every request is re-played on a fresh fork
 * (the headline). Warm: the same traces scored again, answered from the memo, as when a GRPO group's
 * samples share their calls.
 */
import { reward } from "../../src/reward/index.js";
import { readMemo, writeMemo } from "../../src/reward/memo.js";
import { cpuMsSince } from "../lib/cpu.js";
import { oracleEpisodes, type OracleEpisode } from "../lib/oracle-episodes.js";
import { spread, type Spread } from "../lib/stats.js";

export interface RewardOptions {
  runs: number;
  tasksPerScenario: number;
}

export interface RewardResult {
  tracesPerSec: Spread;
  tracesPerCpuSec: Spread;
  warmTracesPerSec: Spread;
  /** Cold traces per second of each scenario (medians). */
  perScenario: Record<string, number>;
  traces: number;
  meanReward: number;
}

function clearMemos(): void {
  readMemo.clear();
  writeMemo.clear();
}

function scoreAll(episodes: readonly OracleEpisode[]): { ms: number; cpuMs: number; total: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let total = 0;
  for (const e of episodes) total += reward(e.task, e.trace).reward;
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), total };
}

export async function measureReward(options: RewardOptions): Promise<RewardResult> {
  const episodes = await oracleEpisodes(options.tasksPerScenario);
  clearMemos();
  const first = scoreAll(episodes); // warm-up (JIT); also the check that oracle traces earn full reward
  const cold = [];
  const warm = [];
  for (let i = 0; i < options.runs; i++) {
    clearMemos();
    cold.push(scoreAll(episodes));
    warm.push(scoreAll(episodes));
  }
  const perScenario: Record<string, number> = {};
  for (const scenario of new Set(episodes.map((e) => e.spec.scenario))) {
    const subset = episodes.filter((e) => e.spec.scenario === scenario);
    const rates = [];
    for (let i = 0; i < options.runs; i++) {
      clearMemos();
      rates.push((subset.length / scoreAll(subset).ms) * 1000);
    }
    perScenario[scenario] = spread(rates).median;
  }
  const rate = (r: { ms: number }) => (episodes.length / r.ms) * 1000;
  return {
    tracesPerSec: spread(cold.map(rate)),
    tracesPerCpuSec: spread(cold.map((r) => (episodes.length / r.cpuMs) * 1000)),
    warmTracesPerSec: spread(warm.map(rate)),
    perScenario,
    traces: episodes.length,
    meanReward: first.total / episodes.length,
  };
}
