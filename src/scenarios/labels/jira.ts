/**
 * Labels on Jira issues: add a label (never replace) to every issue matching a condition.
 * Difficulty 1 lists the keys; 2 states a condition by names within a project (status,
 * assignee, priority, type, existing label); 3 refers to the set indirectly (the project lead's
 * issues, an epic's children by the epic's title, the issues reported by whoever reported X).
 */
import { NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { jiraCatalog, type CatalogIssue, type JiraCatalog } from "../catalog/index.js";
import { op, ops, type OperationName } from "../operations.js";
import { PlanBuilder, type StepArgs } from "../plan-builder.js";
import { joinWithAnd } from "../text/template.js";
import { LABELS, wordsFor } from "../text/vocabulary.js";
import type { ExpectedWrite, RequiredRead } from "../types.js";

interface Selection {
  issues: CatalogIssue[];
  /** Noun phrase for the instruction. */
  phrase: string;
  jql: string;
  /** The lookup that resolves an indirect reference before the search (difficulty 3). */
  lookup?: { step: StepArgs; operation: OperationName; read: Omit<RequiredRead, "id" | "before"> };
}

const MIN = 2;
const MAX_D2 = 15;
const MAX_D3 = 40;

export function buildJiraLabels(ctx: BuildContext): Draft & { targetsPhrase: string; label: string } {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const catalog = jiraCatalog(ctx.worldSeed);
  const selection = d === 1 ? byKeys(ctx, catalog) : d === 2 ? byCondition(ctx, catalog) : indirect(ctx, catalog);
  const label = pickOrFail(
    rng,
    wordsFor(LABELS, ref.split).filter((l) => selection.issues.every((i) => !i.labels.includes(l))),
    "new label",
  );

  const b = new PlanBuilder(ctx.site());
  if (selection.lookup) b.read(op(selection.lookup.operation), selection.lookup.step);
  if (d >= 2) {
    let page = b.read(op("searchJql"), { query: { jql: selection.jql, fields: "labels" } });
    for (let guard = 0; (page.body as { nextPageToken?: string }).nextPageToken && guard < 20; guard++) {
      page = b.read(op("searchJql"), {
        query: { jql: selection.jql, fields: "labels", nextPageToken: b.ref(page.step, "/nextPageToken") },
      });
    }
  }
  b.batch(() => {
    for (const issue of selection.issues)
      b.write(op("editIssue"), { params: { issueIdOrKey: issue.key }, body: { update: { labels: [{ add: label }] } } });
  });

  const writes: ExpectedWrite[] = selection.issues.map((issue) => ({
    id: issue.key,
    description: `add "${label}" to ${issue.key}`,
    match: { operations: [op("editIssue")], params: { issueIdOrKey: [issue.key, issue.id] } },
    args: [],
    target: { param: "issueIdOrKey" },
    effects: [
      {
        name: `${issue.key} has "${label}"`,
        path: "/rest/api/3/issue/{target}",
        query: { fields: "labels" },
        expect: [{ at: "fields.labels", is: { includesAll: [label] } }],
      },
      // Only targets that have labels can lose them.
      ...(issue.labels.length === 0
        ? []
        : [
            {
              name: `${issue.key} keeps its labels`,
              failure: "side_effect" as const,
              path: "/rest/api/3/issue/{target}",
              query: { fields: "labels" },
              expect: [{ at: "fields.labels", is: { includesAll: issue.labels } }],
            },
          ]),
    ],
  }));
  const before = writes.map((w) => w.id);
  const reads: RequiredRead[] =
    d === 1
      ? []
      : [{ id: "search", description: "search for the matching issues", match: { operations: ops("searchJql", "searchJqlPost") }, before }];
  if (selection.lookup) reads.unshift({ id: "lookup", ...selection.lookup.read, before });
  return {
    instruction: "",
    templateId: "",
    entityNames: [label],
    operations: ops("searchJql", "searchJqlPost", "getIssue", "editIssue", "getProject", "findUsers"),
    goal: { writes, reads, state: [] },
    builder: b,
    targetsPhrase: selection.phrase,
    label,
  };
}

function byKeys(ctx: BuildContext, catalog: JiraCatalog): Selection {
  const issues = ctx.rng.sample(catalog.issues, ctx.rng.int(MIN, 5));
  return { issues, phrase: `the issues ${joinWithAnd(issues.map((i) => i.key))}`, jql: "" };
}

function byCondition(ctx: BuildContext, catalog: JiraCatalog): Selection {
  const { rng } = ctx;
  const project = pickOrFail(rng, catalog.projects, "project");
  const inProject = catalog.issues.filter((i) => i.projectKey === project.key);
  const where = `the ${project.name} project`;
  const options: Array<() => Selection> = [
    () => {
      const status = pickOrFail(rng, [...new Set(inProject.map((i) => i.statusName))], "status");
      return {
        issues: inProject.filter((i) => i.statusName === status),
        phrase: `the issues in ${where} whose status is "${status}"`,
        jql: `project = ${project.key} AND status = "${status}"`,
      };
    },
    () => {
      const priority = pickOrFail(rng, [...new Set(inProject.flatMap((i) => (i.priorityName ? [i.priorityName] : [])))], "priority");
      return {
        issues: inProject.filter((i) => i.priorityName === priority),
        phrase: `the ${priority} priority issues in ${where}`,
        jql: `project = ${project.key} AND priority = "${priority}"`,
      };
    },
    () => {
      const type = pickOrFail(rng, [...new Set(inProject.map((i) => i.typeName))], "type");
      return {
        issues: inProject.filter((i) => i.typeName === type),
        phrase: `the ${type} issues in ${where}`,
        jql: `project = ${project.key} AND issuetype = "${type}"`,
      };
    },
    () => {
      const existing = pickOrFail(rng, [...new Set(inProject.flatMap((i) => i.labels))], "existing label");
      return {
        issues: inProject.filter((i) => i.labels.includes(existing)),
        phrase: `the issues in ${where} labelled "${existing}"`,
        jql: `project = ${project.key} AND labels = "${existing}"`,
      };
    },
    () => {
      const assigneeId = pickOrFail(rng, [...new Set(inProject.flatMap((i) => (i.assigneeId ? [i.assigneeId] : [])))], "assignee");
      const name = catalog.users.find((u) => u.accountId === assigneeId)?.displayName;
      if (!name) throw new NoCandidate("assignee without a name");
      return {
        issues: inProject.filter((i) => i.assigneeId === assigneeId),
        phrase: `the issues in ${where} assigned to ${name}`,
        jql: `project = ${project.key} AND assignee = "${assigneeId}"`,
      };
    },
  ];
  return sized(rng.pick(options)(), MAX_D2);
}

function indirect(ctx: BuildContext, catalog: JiraCatalog): Selection {
  const { rng } = ctx;
  const options: Array<() => Selection> = [
    () => {
      const project = pickOrFail(rng, catalog.projects, "project");
      const issues = catalog.issues.filter((i) => i.projectKey === project.key && i.assigneeId === project.leadAccountId);
      return {
        issues,
        phrase: `the issues in the ${project.name} project that are assigned to the project's lead`,
        jql: `project = ${project.key} AND assignee = "${project.leadAccountId}"`,
        lookup: {
          operation: "getProject",
          step: { params: { projectIdOrKey: project.key } },
          read: { description: "read the project to find its lead", match: { operations: ops("getProject", "searchProjects") } },
        },
      };
    },
    () => {
      const epic = pickOrFail(
        rng,
        catalog.issues.filter((i) => i.typeName === "Epic"),
        "epic",
      );
      if (catalog.issues.filter((i) => i.typeName === "Epic" && i.summary === epic.summary).length !== 1)
        throw new NoCandidate("epic title not unique");
      return {
        issues: catalog.issues.filter((i) => i.parentKey === epic.key),
        phrase: `the child issues of the epic "${epic.summary}"`,
        jql: `parent = ${epic.key}`,
        lookup: {
          operation: "searchJql",
          step: {
            query: { jql: `issuetype = Epic AND summary ~ "${epic.summary.replace(/["\\]/g, (c) => `\\${c}`)}"`, fields: "summary" },
          },
          read: { description: "find the epic by its title", match: { operations: ops("searchJql", "searchJqlPost") } },
        },
      };
    },
    () => {
      const seed = pickOrFail(
        rng,
        catalog.issues.filter((i) => i.reporterId),
        "reported issue",
      );
      const issues = catalog.issues.filter(
        (i) => i.projectKey === seed.projectKey && i.reporterId === seed.reporterId && i.statusCategory !== "done",
      );
      return {
        issues,
        phrase: `the unfinished issues in ${seed.projectKey} reported by the person who reported ${seed.key}`,
        jql: `project = ${seed.projectKey} AND reporter = "${seed.reporterId}" AND statusCategory != Done`,
        lookup: {
          operation: "getIssue",
          step: { params: { issueIdOrKey: seed.key }, query: { fields: "reporter" } },
          read: {
            description: `read ${seed.key} to find its reporter`,
            match: { operations: ops("getIssue", "searchJql", "searchJqlPost") },
          },
        },
      };
    },
  ];
  return sized(rng.pick(options)(), MAX_D3);
}

function sized(selection: Selection, max: number): Selection {
  if (selection.issues.length < MIN || selection.issues.length > max) throw new NoCandidate(`selection of ${selection.issues.length}`);
  return selection;
}
