/**
 * Typical episodes: tasks of every scenario with the oracle's tool calls (what a trained policy does),
 * as session specs plus the calls' names and argument texts, and as traces for the reward.
 */
import { createOracle } from "../../src/policy/oracle/index.js";
import { SCENARIOS, generate } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Difficulty, Task } from "../../src/scenarios/types.js";
import type { Trace } from "../../src/trace/types.js";

export interface SessionSpec {
  scenario: string;
  split: "train";
  difficulty: Difficulty;
  seed: number;
}

export interface OracleEpisode {
  spec: SessionSpec;
  task: Task;
  trace: Trace;
  calls: Array<{ name: string; argumentsText: string }>;
}

/** `perScenario` tasks of each scenario (difficulties cycle 1..3), solved by the oracle in-process. */
export async function oracleEpisodes(perScenario: number): Promise<OracleEpisode[]> {
  const out: OracleEpisode[] = [];
  for (const scenario of SCENARIOS) {
    for (let seed = 0; seed < perScenario; seed++) {
      const spec: SessionSpec = { scenario: scenario.name, split: "train", difficulty: ((seed % 3) + 1) as Difficulty, seed };
      const task = generate(spec);
      const trace = await runTask(task, createOracle(task), { clock: () => 0 });
      const calls = trace.turns.flatMap((turn) => turn.calls.map((c) => ({ name: c.name ?? "", argumentsText: c.argumentsText })));
      out.push({ spec, task, trace, calls });
    }
  }
  return out;
}
