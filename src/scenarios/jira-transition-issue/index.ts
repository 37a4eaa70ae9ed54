/**
 * jira-transition-issue: move a ticket through its workflow. The transition id must come from
 * the issue's current transitions; some transitions require a resolution on their screen; some
 * targets are two transitions away (read the transitions again after the first move); the
 * ticket may be named by key or described by its title, reporter and status.
 * Difficulty 1 gives the key and the transition ids; 2 the key and the target status; 3 only a
 * description of the ticket, and more two-step targets.
 */
import { adfDoc, generateTask, idForms, NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { jiraCatalog, type CatalogIssue, type JiraCatalog } from "../catalog/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { pickTemplate, render } from "../text/template.js";
import { RATIONALES, SUBJECTS, pickWord } from "../text/vocabulary.js";
import type { ExpectedWrite, PlanValue, RequiredRead, Scenario, StateCheck, TaskRef } from "../types.js";
import { uniqueRoutes, type Route, type TransitionInfo } from "./paths.js";
import { TRANSITION_TEMPLATES } from "./templates.js";

export const jiraTransitionIssue: Scenario = {
  name: "jira-transition-issue",
  summary: "Move a Jira issue to a target status: transition ids from the issue, required screen fields, ADF comments, two-step routes.",
  // Where the issue ends up (status, resolution, comment) is as important as the calls that move it.
  weights: { writes: 25, state: 25, side_effects: 10 },
  generate: (ref: TaskRef) => generateTask(ref, build),
};

function build(ctx: BuildContext): Draft {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const catalog = jiraCatalog(ctx.worldSeed);
  const issue = pickOrFail(rng, catalog.issues, "issue");
  if (d === 3 && !describable(catalog, issue)) throw new NoCandidate("issue cannot be described uniquely");
  const routes = uniqueRoutes(() => ctx.site(), issue.key, issue.statusName);
  const twoStep = routes.filter((r) => r.steps.length === 2);
  const wantTwo = twoStep.length > 0 && rng.chance(d === 1 ? 0.2 : d === 2 ? 0.35 : 0.5);
  const route = pickOrFail(rng, wantTwo ? twoStep : routes.filter((r) => r.steps.length === 1), "route");
  const last = route.steps[route.steps.length - 1]!;
  const resolution = last.screen.includes("resolution")
    ? last.required.includes("resolution") || rng.chance(0.5)
      ? pickOrFail(rng, catalog.resolutions, "resolution")
      : undefined
    : undefined;
  const comment = rng.chance(0.5) ? `${pickWord(rng, SUBJECTS, ref.split)}: ${rng.pick(RATIONALES).toLowerCase()}.` : undefined;

  const b = new PlanBuilder(ctx.site());
  const issueParam = { issueIdOrKey: issue.key };
  if (d === 3) b.read(op("searchJql"), { query: { jql: identifyingJql(catalog, issue), fields: "summary,status,reporter" } });
  route.steps.forEach((step, i) => {
    if (d >= 2) b.read(op("getTransitions"), { params: issueParam, query: { expand: "transitions.fields" } });
    const isLast = i === route.steps.length - 1;
    const body: Record<string, PlanValue> = { transition: { id: step.id } };
    if (isLast && resolution) body["fields"] = { resolution: { name: resolution.name } };
    else if (!isLast && step.required.includes("resolution")) body["fields"] = { resolution: { name: "Done" } };
    if (isLast && comment) body["update"] = { comment: [{ add: { body: adfDoc(comment) } }] };
    b.write(op("doTransition"), { params: issueParam, body });
  });

  const keys = [issue.key, issue.id];
  const writes: ExpectedWrite[] = route.steps.map((step, i) => {
    const write: ExpectedWrite = {
      id: `move${i + 1}`,
      description: `transition ${issue.key} with "${step.name}" to ${step.toName}`,
      match: { operations: [op("doTransition")], params: { issueIdOrKey: keys } },
      args: [{ name: "transition", anyOf: [{ at: "body.transition.id", is: { oneOf: idForms(step.id) } }], idLike: true }],
    };
    if (i > 0) write.after = [`move${i}`];
    if (i === route.steps.length - 1 && resolution) {
      write.args.push({
        name: "resolution",
        anyOf: [
          { at: "body.fields.resolution.name", is: { sameText: resolution.name } },
          { at: "body.fields.resolution.id", is: { oneOf: idForms(resolution.id) } },
        ],
      });
    }
    return write;
  });
  const state: StateCheck[] = [
    {
      name: `${issue.key} is in ${route.target}`,
      path: `/rest/api/3/issue/${issue.key}`,
      query: { fields: "status,resolution" },
      expect: [
        { at: "fields.status.name", is: { equals: route.target } },
        ...(resolution ? [{ at: "fields.resolution.name", is: { equals: resolution.name } }] : []),
      ],
    },
  ];
  if (comment) {
    state.push({
      name: `${issue.key} has the comment`,
      path: `/rest/api/3/issue/${issue.key}/comment`,
      expect: [{ at: "comments.*.body", is: { adfIncludes: [comment] } }],
    });
  }
  const template = pickTemplate(rng, TRANSITION_TEMPLATES, ref.split);
  const rendered = render(template.text, {
    issue: d === 3 ? describe(catalog, issue) : issue.key,
    target: `"${route.target}"`,
    resolution: resolution ? (d === 1 ? `${resolution.name} (id ${resolution.id})` : resolution.name) : undefined,
    comment,
  });
  // Difficulty 1 names the transitions to use, after whatever the template says.
  const instruction = d === 1 ? `${rendered} ${transitionsToUse(route)}` : rendered;
  return {
    instruction: instruction.charAt(0).toUpperCase() + instruction.slice(1),
    templateId: template.id,
    entityNames: comment ? [comment] : [],
    operations: ops("getIssue", "getTransitions", "doTransition", "addComment", "searchJql", "resolutions"),
    goal: {
      writes,
      reads: requiredReads(d, route, keys),
      state,
      // Commenting separately on the same issue is as good as commenting in the transition.
      allowedWrites: comment ? [{ operations: [op("addComment")], params: { issueIdOrKey: keys } }] : [],
    },
    builder: b,
  };
}

function requiredReads(d: number, route: Route, keys: string[]): RequiredRead[] {
  if (d === 1) return [];
  const reads: RequiredRead[] = route.steps.map((step, i) => {
    const read: RequiredRead = {
      id: `transitions${i + 1}`,
      description: i === 0 ? "read the issue's available transitions" : "read the transitions again after the first move",
      match: { operations: [op("getTransitions")], params: { issueIdOrKey: keys } },
      before: [`move${i + 1}`],
    };
    if (i > 0) read.after = [`move${i}`];
    return read;
  });
  if (d === 3)
    reads.unshift({
      id: "find",
      description: "search for the described issue",
      match: { operations: ops("searchJql", "searchJqlPost") },
      before: ["move1"],
    });
  return reads;
}

function transitionsToUse(route: Route): string {
  const via = route.steps.map((s: TransitionInfo) => `transition ${s.id} ("${s.name}")`).join(" and then ");
  return `Use ${via}.`;
}

/** The issue described by title, reporter and status, when those pick out exactly one issue. */
function describable(catalog: JiraCatalog, issue: CatalogIssue): boolean {
  if (!issue.reporterId) return false;
  return (
    catalog.issues.filter((i) => i.summary === issue.summary && i.reporterId === issue.reporterId && i.statusName === issue.statusName)
      .length === 1
  );
}

function describe(catalog: JiraCatalog, issue: CatalogIssue): string {
  const reporter = catalog.users.find((u) => u.accountId === issue.reporterId)?.displayName ?? "someone";
  return `the ${issue.statusName} ${issue.typeName.toLowerCase()} "${issue.summary}" that ${reporter} reported`;
}

function identifyingJql(catalog: JiraCatalog, issue: CatalogIssue): string {
  const reporter = catalog.users.find((u) => u.accountId === issue.reporterId);
  return `summary ~ "${issue.summary.replace(/["\\]/g, (c) => `\\${c}`)}" AND reporter = "${reporter?.accountId ?? ""}" AND status = "${issue.statusName}"`;
}
