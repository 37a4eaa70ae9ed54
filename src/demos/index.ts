/**
 * Demonstrations for a supervised warm-up before GRPO: the oracle's episodes on train-split
 * tasks, written as the conversations chat templates render (`{messages, tools}` in Hugging
 * Face's shape), so a trainer sees exactly the prompt, tool schemas, calls and tool results an
 * agent sees in the env. Only episodes that score 1.0 become demonstrations.
 */
import { createOracle } from "../policy/oracle/index.js";
import { toTemplateConversation, type TemplateConversation } from "../policy/prompt/template-conversation.js";
import { reward } from "../reward/index.js";
import { generate } from "../scenarios/registry.js";
import { runTask } from "../scenarios/run.js";
import type { Difficulty, Split } from "../scenarios/types.js";
import { getSurface, type SurfaceName } from "../tools/index.js";

export interface DemoOptions {
  scenarios: readonly string[];
  split: Split;
  difficulties: readonly Difficulty[];
  /** Demonstrations wanted per scenario and difficulty. */
  perScenario: number;
  surface: SurfaceName;
  /** First task seed; task seeds run upwards from it, skipping tasks the oracle cannot solve on the surface. */
  firstSeed: number;
}

export interface Demo extends TemplateConversation {
  taskId: string;
  scenario: string;
  difficulty: Difficulty;
}

/** Fixed clock: demonstrations are byte-identical for the same options. */
const clock = (): number => 0;

export async function buildDemos(options: DemoOptions, onDemo?: (demo: Demo) => void): Promise<Demo[]> {
  const surface = getSurface(options.surface);
  const demos: Demo[] = [];
  for (const scenario of options.scenarios) {
    for (const difficulty of options.difficulties) {
      let found = 0;
      // Bounded search: a scenario whose tasks the surface cannot express ends instead of looping.
      for (let seed = options.firstSeed; found < options.perScenario && seed < options.firstSeed + options.perScenario * 4; seed++) {
        const task = generate({ scenario, split: options.split, difficulty, seed });
        const trace = await runTask(task, createOracle(task, options.surface), { surface: options.surface, clock });
        if (reward(task, trace).reward !== 1) continue;
        const demo: Demo = { taskId: task.id, scenario, difficulty, ...toTemplateConversation(trace.messages, surface.tools(trace.tools)) };
        demos.push(demo);
        onDemo?.(demo);
        found++;
      }
    }
  }
  return demos;
}
