/** Machinery every scenario generator shares: world seeds per split, retries, task assembly. */
import { Rng } from "../util/rng.js";
import type { Site } from "../emulator/index.js";
import { PlanBuilder, UnsolvableStep } from "./plan-builder.js";
import { taskId, type Goal, type RequestData, type Split, type Task, type TaskRef } from "./types.js";
import { applySetup, baseWorld } from "./world.js";

/** Worlds of each split: disjoint seed ranges, so test tasks live in worlds training never saw. */
export const WORLD_SEEDS: Readonly<Record<Split, readonly number[]>> = {
  train: Array.from({ length: 12 }, (_, i) => 101 + i),
  test: Array.from({ length: 6 }, (_, i) => 9001 + i),
};

/** Thrown by a generator when a random choice leads nowhere; the next attempt chooses again. */
export class NoCandidate extends Error {}

const ATTEMPTS = 40;

/** What a scenario's build function returns; the shared code turns it into a `Task`. */
export interface Draft {
  instruction: string;
  templateId: string;
  entityNames: string[];
  operations: string[];
  goal: Omit<Goal, "maxCalls">;
  builder: PlanBuilder;
  setup?: RequestData[];
}

export interface BuildContext {
  ref: TaskRef;
  rng: Rng;
  worldSeed: number;
  /** A fresh, writable start state (world plus `setup` applied); plan steps run on it. */
  site(setup?: RequestData[]): Site;
}

/**
 * Runs `build` with fresh random choices until it yields a solvable task (its plan ran without
 * an error on the task's start state). Deterministic: attempt n always draws the same numbers.
 */
export function generateTask(ref: TaskRef, build: (ctx: BuildContext) => Draft): Task {
  const root = new Rng(`${ref.scenario}|${ref.split}|${ref.difficulty}|${ref.seed}`);
  const pool = WORLD_SEEDS[ref.split];
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const rng = root.fork(`attempt-${attempt}`);
    const worldSeed = rng.pick(pool);
    const ctx: BuildContext = {
      ref,
      rng,
      worldSeed,
      site: (setup = []) => {
        const site = baseWorld(worldSeed).fork();
        applySetup(site, setup);
        return site;
      },
    };
    try {
      return assemble(ref, worldSeed, build(ctx));
    } catch (error) {
      if (!(error instanceof NoCandidate || error instanceof UnsolvableStep)) throw error;
      lastError = error;
    }
  }
  throw new Error(`could not generate ${taskId(ref)} in ${ATTEMPTS} attempts: ${String(lastError)}`);
}

function assemble(ref: TaskRef, worldSeed: number, draft: Draft): Task {
  const calls = draft.builder.calls;
  return {
    ...ref,
    id: taskId(ref),
    worldSeed,
    setup: draft.setup ?? [],
    instruction: draft.instruction,
    operations: [...new Set(draft.operations)],
    // One call per turn (models need not batch), room for some retries and lookups, and the answer.
    turnBudget: calls + Math.max(4, Math.ceil(calls / 2)) + 1,
    goal: { ...draft.goal, maxCalls: 2 * calls + 4 },
    plan: draft.builder.steps,
    templateId: draft.templateId,
    entityNames: draft.entityNames,
  };
}

export function pickOrFail<T>(rng: Rng, items: readonly T[], what: string): T {
  if (items.length === 0) throw new NoCandidate(`no ${what}`);
  return rng.pick(items);
}

/** An ADF document of paragraphs, one per line. */
export function adfDoc(text: string): {
  type: "doc";
  version: 1;
  content: Array<{ type: "paragraph"; content: Array<{ type: "text"; text: string }> }>;
} {
  return {
    type: "doc",
    version: 1,
    content: text.split("\n").map((line) => ({ type: "paragraph", content: [{ type: "text", text: line }] })),
  };
}

/** Both spellings an API accepts for an id (`"10001"` and `10001`). */
export function idForms(id: string): Array<string | number> {
  return /^\d+$/.test(id) ? [id, Number(id)] : [id];
}
