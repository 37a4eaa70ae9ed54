/**
 * labels: add (not replace) a label on every issue or page matching a condition. Needs a
 * bounded JQL or CQL search and, for large result sets, paging through all results; removing
 * or overwriting existing labels is a side effect.
 */
import { generateTask, type BuildContext, type Draft } from "../common.js";
import { pickTemplate, render } from "../text/template.js";
import type { Scenario, TaskRef } from "../types.js";
import { buildConfluenceLabels } from "./confluence.js";
import { buildJiraLabels } from "./jira.js";
import { LABEL_TEMPLATES } from "./templates.js";

export const labels: Scenario = {
  name: "labels",
  summary:
    "Add a label to every Jira issue or Confluence page matching a condition (bounded JQL/CQL search, paging, never removing labels).",
  // Every matching target must be labelled (writes); losing existing labels counts as a side effect.
  weights: { writes: 45, state: 0 },
  generate: (ref: TaskRef) => generateTask(ref, build),
};

function build(ctx: BuildContext): Draft {
  const { targetsPhrase, label, ...draft } = ctx.rng.chance(0.5) ? buildJiraLabels(ctx) : buildConfluenceLabels(ctx);
  const template = pickTemplate(ctx.rng, LABEL_TEMPLATES, ctx.ref.split);
  const instruction = render(template.text, { label, targets: targetsPhrase });
  return { ...draft, instruction: instruction.charAt(0).toUpperCase() + instruction.slice(1), templateId: template.id };
}
