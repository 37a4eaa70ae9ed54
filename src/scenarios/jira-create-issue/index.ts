/**
 * jira-create-issue: create an issue from a request that names the project, issue type,
 * assignee and priority the way people do, with an ADF description, labels and sometimes a
 * parent or a due date. Difficulty 1 gives ids; 2 gives names (project, person, type); 3 refers
 * to people and parents indirectly (the project lead, the reporter of an issue, an epic by title).
 */
import { adfDoc, generateTask, idForms, NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { jiraCatalog, type CatalogIssue, type CatalogIssueType, type CatalogProject, type JiraCatalog } from "../catalog/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { capitalize, joinWithAnd, pickTemplate, render } from "../text/template.js";
import { LABELS, PROBLEMS, RATIONALES, SUBJECTS, pickWord, wordsFor } from "../text/vocabulary.js";
import type { ArgCheck, ExpectedWrite, PlanValue, RequiredRead, Scenario, TaskRef } from "../types.js";
import { CREATE_ISSUE_TEMPLATES } from "./templates.js";

/** Fields this scenario knows how to fill; issue types requiring anything else are skipped. */
const FILLABLE = new Set(["summary", "description", "assignee", "priority", "labels", "duedate", "parent", "reporter"]);
const STANDARD_TYPES = new Set(["Task", "Bug", "Story"]);

export const jiraCreateIssue: Scenario = {
  name: "jira-create-issue",
  summary: "Create a Jira issue with nested fields (project, type, assignee, priority, labels, ADF description, parent, due date).",
  // No goal-wide state checks: what was created is checked per write (its arguments and effects).
  weights: { writes: 40, state: 0, reads: 15 },
  generate: (ref: TaskRef) => generateTask(ref, build),
};

interface Choice {
  project: CatalogProject;
  type: CatalogIssueType;
  assignee: { accountId: string; phrase: string; via?: "lead" | { reporterOf: CatalogIssue } };
  priority: { id: string; name: string };
  parent?: CatalogIssue;
  due?: string;
  summary: string;
  description: string;
  labels: string[];
}

function build(ctx: BuildContext): Draft {
  const { rng, ref } = ctx;
  const catalog = jiraCatalog(ctx.worldSeed);
  const choice = choose(ctx, catalog);
  const d = ref.difficulty;
  const site = ctx.site();
  const b = new PlanBuilder(site);
  const { project, type } = choice;

  // Lookups a careful agent makes, batched where they are independent.
  if (d >= 2) {
    b.batch(() => {
      b.read(op("searchProjects"), { query: { query: project.name } });
      if (choice.assignee.via === undefined) b.read(op("findUsers"), { query: { query: nameOf(catalog, choice.assignee.accountId) } });
      const via = choice.assignee.via;
      if (via !== undefined && via !== "lead")
        b.read(op("getIssue"), { params: { issueIdOrKey: via.reporterOf.key }, query: { fields: "reporter" } });
      if (d === 3 && choice.parent)
        b.read(op("searchJql"), {
          query: { jql: `project = ${project.key} AND summary ~ "${escapeJql(choice.parent.summary)}"`, fields: "summary,issuetype" },
        });
    });
    b.batch(() => {
      b.read(op("createMetaTypes"), { params: { projectIdOrKey: project.key } });
      if (choice.assignee.via === "lead") b.read(op("getProject"), { params: { projectIdOrKey: project.key } });
    });
  }
  const fields: Record<string, PlanValue> = {
    project: { key: project.key },
    issuetype: { id: type.id },
    summary: choice.summary,
    description: adfDoc(choice.description),
    assignee: { accountId: choice.assignee.accountId },
    priority: { id: choice.priority.id },
    labels: choice.labels,
  };
  if (choice.parent) fields["parent"] = { key: choice.parent.key };
  if (choice.due) fields["duedate"] = choice.due;
  b.write(op("createIssue"), { body: { fields } });

  const create: ExpectedWrite = {
    id: "create",
    description: `create the ${type.name} in ${project.key}`,
    match: { operations: [op("createIssue")] },
    args: argChecks(choice),
    target: { response: "/key" },
    effects: [
      {
        name: "the created issue still has its summary, assignee and labels",
        path: "/rest/api/3/issue/{target}",
        query: { fields: "summary,assignee,labels" },
        expect: [
          { at: "fields.summary", is: { sameText: choice.summary } },
          { at: "fields.assignee.accountId", is: { equals: choice.assignee.accountId } },
          { at: "fields.labels", is: { setEquals: choice.labels } },
        ],
      },
    ],
  };
  const template = pickTemplate(rng, CREATE_ISSUE_TEMPLATES, ref.split);
  const instruction = render(template.text, {
    type: d === 1 ? `${type.name} (issue type id ${type.id})` : type.name.toLowerCase(),
    project: d === 1 ? `project ${project.key}` : `the ${project.name} project`,
    summary: choice.summary,
    description: choice.description,
    assignee: choice.assignee.phrase,
    priority: d === 1 ? `${choice.priority.name} (id ${choice.priority.id})` : choice.priority.name,
    labels: joinWithAnd(choice.labels.map((l) => `"${l}"`)),
    parent: choice.parent ? parentPhrase(d, choice.parent) : undefined,
    due: choice.due ? (d === 3 ? longDate(choice.due) : choice.due) : undefined,
  });
  return {
    instruction,
    templateId: template.id,
    entityNames: [choice.summary, ...choice.labels],
    operations: [
      ...ops("createIssue", "searchProjects", "getProject", "createMetaTypes", "createMetaFields", "findUsers", "priorities"),
      ...(d === 3 ? ops("getIssue", "searchJql") : []),
    ],
    goal: { writes: [create], reads: requiredReads(d, choice), state: [] },
    builder: b,
  };
}

function choose(ctx: BuildContext, catalog: JiraCatalog): Choice {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const project = pickOrFail(rng, catalog.projects, "project");
  const wantSubtask = d >= 2 && rng.chance(0.25);
  const types = project.issueTypes.filter((t) => (wantSubtask ? t.subtask : STANDARD_TYPES.has(t.name)) && fillable(t));
  const type = pickOrFail(rng, types, "issue type");
  const has = (field: string) => type.fields.some((f) => f.fieldId === field);
  if (!has("assignee") || !has("priority") || !has("labels") || !has("description")) throw new NoCandidate("type lacks a field");

  const projectIssues = catalog.issues.filter((i) => i.projectKey === project.key);
  let parent: CatalogIssue | undefined;
  if (type.subtask)
    parent = pickOrFail(
      rng,
      projectIssues.filter((i) => !i.subtask && i.typeName !== "Epic" && i.statusCategory !== "done"),
      "parent",
    );
  else if (has("parent") && d >= 2 && rng.chance(0.4))
    parent = pickOrFail(
      rng,
      projectIssues.filter((i) => i.typeName === "Epic"),
      "epic",
    );
  if (parent && d === 3 && projectIssues.filter((i) => i.summary.toLowerCase().includes(parent.summary.toLowerCase())).length !== 1) {
    throw new NoCandidate("parent summary is not unique");
  }

  const active = catalog.users.filter((u) => u.active && u.displayName !== "Site Admin");
  let assignee: Choice["assignee"];
  const person = pickOrFail(rng, active, "assignee");
  if (d === 1) assignee = { accountId: person.accountId, phrase: `the user with account id ${person.accountId}` };
  else if (d === 2) assignee = { accountId: person.accountId, phrase: person.displayName };
  else if (rng.chance(0.5) && active.some((u) => u.accountId === project.leadAccountId)) {
    assignee = { accountId: project.leadAccountId, phrase: `the lead of that project`, via: "lead" };
  } else {
    const reported = pickOrFail(
      rng,
      projectIssues.filter((i) => i.reporterId !== null && active.some((u) => u.accountId === i.reporterId)),
      "reported issue",
    );
    assignee = { accountId: reported.reporterId!, phrase: `whoever reported ${reported.key}`, via: { reporterOf: reported } };
  }
  if (d >= 2 && assignee.via === undefined && active.filter((u) => u.displayName === person.displayName).length !== 1)
    throw new NoCandidate("ambiguous name");

  const labels = rng.sample(wordsFor(LABELS, ref.split), rng.int(1, 2));
  const summary = `${capitalize(pickWord(rng, SUBJECTS, ref.split))} ${rng.pick(PROBLEMS)}`;
  const choice: Choice = {
    project,
    type,
    assignee,
    priority: pickOrFail(rng, catalog.priorities, "priority"),
    summary,
    description: `${rng.pick(RATIONALES)}.`,
    labels,
  };
  if (parent) choice.parent = parent;
  if (has("duedate") && rng.chance(0.35))
    choice.due = `2026-${String(rng.int(7, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  return choice;
}

function fillable(type: CatalogIssueType): boolean {
  return type.fields.every((f) => !f.required || FILLABLE.has(f.fieldId) || f.fieldId === "project" || f.fieldId === "issuetype");
}

function argChecks(choice: Choice): ArgCheck[] {
  const f = (path: string) => `body.fields.${path}`;
  const checks: ArgCheck[] = [
    {
      name: "project",
      anyOf: [
        { at: f("project.key"), is: { equals: choice.project.key } },
        { at: f("project.id"), is: { oneOf: idForms(choice.project.id) } },
      ],
      idLike: true,
    },
    {
      name: "issuetype",
      anyOf: [
        { at: f("issuetype.id"), is: { oneOf: idForms(choice.type.id) } },
        { at: f("issuetype.name"), is: { sameText: choice.type.name } },
      ],
      idLike: true,
    },
    { name: "summary", anyOf: [{ at: f("summary"), is: { sameText: choice.summary } }] },
    { name: "description", anyOf: [{ at: f("description"), is: { adfIncludes: [choice.description] } }] },
    { name: "assignee", anyOf: [{ at: f("assignee.accountId"), is: { equals: choice.assignee.accountId } }], idLike: true },
    {
      name: "priority",
      anyOf: [
        { at: f("priority.id"), is: { oneOf: idForms(choice.priority.id) } },
        { at: f("priority.name"), is: { sameText: choice.priority.name } },
      ],
    },
    { name: "labels", anyOf: [{ at: f("labels"), is: { setEquals: choice.labels } }] },
  ];
  if (choice.parent) {
    checks.push({
      name: "parent",
      anyOf: [
        { at: f("parent.key"), is: { equals: choice.parent.key } },
        { at: f("parent.id"), is: { oneOf: idForms(choice.parent.id) } },
      ],
      idLike: true,
    });
  }
  if (choice.due) checks.push({ name: "duedate", anyOf: [{ at: f("duedate"), is: { equals: choice.due } }] });
  return checks;
}

function requiredReads(d: number, choice: Choice): RequiredRead[] {
  if (d === 1) return [];
  const projectIds = [choice.project.key, choice.project.id];
  const reads: RequiredRead[] = [
    {
      id: "project",
      description: "look up the project by name",
      match: { operations: ops("searchProjects", "getProject") },
      before: ["create"],
    },
    {
      id: "createmeta",
      description: "read the project's issue types and their fields (create metadata)",
      match: { operations: ops("createMetaTypes", "createMetaFields"), params: { projectIdOrKey: projectIds } },
      before: ["create"],
    },
  ];
  const via = choice.assignee.via;
  if (via === undefined)
    reads.push({
      id: "assignee",
      description: "find the assignee's account id",
      match: { operations: ops("findUsers") },
      before: ["create"],
    });
  else if (via === "lead") {
    reads.push({
      id: "lead",
      description: "read the project to find its lead",
      match: { operations: ops("getProject"), params: { projectIdOrKey: projectIds } },
      before: ["create"],
    });
  } else {
    reads.push({
      id: "reporter",
      description: `read ${via.reporterOf.key} to find its reporter`,
      match: { operations: ops("getIssue", "searchJql", "searchJqlPost") },
      before: ["create"],
    });
  }
  if (d === 3 && choice.parent) {
    reads.push({
      id: "parent",
      description: "search for the parent issue by its summary",
      match: { operations: ops("searchJql", "searchJqlPost") },
      before: ["create"],
    });
  }
  return reads;
}

function nameOf(catalog: JiraCatalog, accountId: string): string {
  return catalog.users.find((u) => u.accountId === accountId)?.displayName ?? accountId;
}

function parentPhrase(d: number, parent: CatalogIssue): string {
  if (d < 3) return parent.key;
  return parent.typeName === "Epic" ? `the epic "${parent.summary}"` : `the ${parent.typeName.toLowerCase()} "${parent.summary}"`;
}

function escapeJql(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function longDate(iso: string): string {
  const [y, m, day] = iso.split("-").map(Number) as [number, number, number];
  return `${day} ${MONTHS[m - 1]} ${y}`;
}
