/**
 * read-then-write: work that needs reads before writes across both products. Two kinds of task:
 * turning a Confluence checklist's unchecked items into linked Jira issues, and publishing a
 * Confluence summary page of a Jira epic and its children. Stopping after the reads scores at
 * most 0.1 (no goal write).
 */
import { generateTask, type BuildContext, type Draft } from "../common.js";
import type { Scenario, TaskRef } from "../types.js";
import { buildChecklist } from "./checklist.js";
import { buildEpicSummary } from "./epic-summary.js";

export const readThenWrite: Scenario = {
  name: "read-then-write",
  summary: "Read one product to write the other: checklist items become Jira issues; an epic becomes a Confluence summary table.",
  // The reads are the point of the scenario: they weigh more than elsewhere.
  weights: { writes: 40, state: 0, reads: 15 },
  generate: (ref: TaskRef) => generateTask(ref, build),
};

function build(ctx: BuildContext): Draft {
  return ctx.rng.chance(0.5) ? buildChecklist(ctx) : buildEpicSummary(ctx);
}
