/**
 * Checklist -> Jira: a checklist page (added to the world by the task's setup) has checked and
 * unchecked items; every unchecked item becomes an issue in a project, linked back to the page.
 * Difficulty 1 gives the page id, project key and issue type id; 2 the page title, space and
 * project names; 3 names the page only as the checklist under a parent page (list its children).
 */
import type { Site } from "../../emulator/index.js";
import { apiGet, arr, obj, str } from "../catalog/api.js";
import { adfDoc, idForms, NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { confluenceCatalog, jiraCatalog } from "../catalog/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { pickTemplate, render } from "../text/template.js";
import { PAGE_TOPICS, SUBJECTS, pickWord, wordsFor } from "../text/vocabulary.js";
import type { ExpectedWrite, RequestData, RequiredRead } from "../types.js";
import { CHECKLIST_TEMPLATES } from "./templates.js";

const VERBS = ["Document", "Load-test", "Review", "Migrate", "Monitor", "Localise", "Benchmark", "Retire", "Audit", "Demo"];
const ISSUE_TYPE_NAMES = ["Task", "Story"];

export function buildChecklist(ctx: BuildContext): Draft {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const wiki = confluenceCatalog(ctx.worldSeed);
  const jira = jiraCatalog(ctx.worldSeed);
  const space = pickOrFail(rng, wiki.spaces, "space");
  const parent = pickOrFail(
    rng,
    wiki.pages.filter((p) => p.spaceId === space.id),
    "parent page",
  );
  if (d === 3 && wiki.pages.some((p) => p.parentId === parent.id && /checklist/i.test(p.title)))
    throw new NoCandidate("another checklist under the parent");
  const title = `${pickWord(rng, PAGE_TOPICS, ref.split)} Checklist ${rng.int(2, 99)}`;
  if (wiki.pages.some((p) => p.spaceId === space.id && p.title.toLowerCase() === title.toLowerCase())) throw new NoCandidate("title taken");
  const subjects = rng.sample(wordsFor(SUBJECTS, ref.split), rng.int(4, 6));
  const items = subjects.map((s) => ({ text: `${rng.pick(VERBS)} the ${s}`, done: false }));
  for (const i of rng.sample([...items.keys()], rng.int(1, items.length - 2))) items[i]!.done = true;
  const open = items.filter((i) => !i.done);

  const project = pickOrFail(rng, jira.projects, "project");
  const type = pickOrFail(
    rng,
    project.issueTypes.filter(
      (t) =>
        ISSUE_TYPE_NAMES.includes(t.name) &&
        t.fields.every((f) => !f.required || ["summary", "reporter", "project", "issuetype"].includes(f.fieldId)),
    ),
    "issue type",
  );

  const setup: RequestData[] = [
    {
      method: "POST",
      path: "/wiki/api/v2/pages",
      json: {
        spaceId: space.id,
        status: "current",
        title,
        parentId: parent.id,
        body: { representation: "storage", value: checklistXhtml(items) },
      },
    },
  ];
  const site = ctx.site(setup);
  const pageId = findPageId(site, space.id, title);
  const b = new PlanBuilder(site);
  if (d === 3) b.read(op("getChildren"), { params: { id: parent.id }, query: { limit: "250" } });
  if (d >= 2) {
    b.batch(() => {
      b.read(op("getPage"), { params: { id: pageId }, query: { "body-format": "storage" } });
      b.read(op("searchProjects"), { query: { query: project.name } });
    });
    b.read(op("createMetaTypes"), { params: { projectIdOrKey: project.key } });
  } else {
    b.read(op("getPage"), { params: { id: pageId }, query: { "body-format": "storage" } });
  }
  const pageUrl = `${site.meta.baseUrl}/wiki/spaces/${space.key}/pages/${pageId}`;
  b.batch(() => {
    for (const item of open) {
      b.write(op("createIssue"), {
        body: {
          fields: {
            project: { key: project.key },
            issuetype: { id: type.id },
            summary: item.text,
            description: adfDoc(`From the checklist: ${pageUrl}`),
          },
        },
      });
    }
  });

  const writes: ExpectedWrite[] = open.map((item, i) => ({
    id: `item${i + 1}`,
    description: `create the ${type.name} "${item.text}"`,
    match: { operations: [op("createIssue")] },
    args: [
      {
        name: "project",
        anyOf: [
          { at: "body.fields.project.key", is: { equals: project.key } },
          { at: "body.fields.project.id", is: { oneOf: idForms(project.id) } },
        ],
        idLike: true,
      },
      {
        name: "issuetype",
        anyOf: [
          { at: "body.fields.issuetype.id", is: { oneOf: idForms(type.id) } },
          { at: "body.fields.issuetype.name", is: { sameText: type.name } },
        ],
        idLike: true,
      },
      { name: "summary", anyOf: [{ at: "body.fields.summary", is: { sameText: item.text } }] },
      { name: "link to the page", anyOf: [{ at: "body.fields.description", is: { adfIncludes: [pageId] } }] },
    ],
    target: { response: "/key" },
    effects: [
      {
        name: "the issue still exists with its summary",
        path: "/rest/api/3/issue/{target}",
        query: { fields: "summary" },
        expect: [{ at: "fields.summary", is: { sameText: item.text } }],
      },
    ],
  }));
  const writeIds = writes.map((w) => w.id);
  const reads: RequiredRead[] = [
    {
      id: "checklist",
      description: "read the checklist page's body",
      match: {
        operations: ops("getPage", "getPages", "getSpacePages"),
        where: [{ at: "query.body-format", is: { oneOf: ["storage", "atlas_doc_format", "view", "export_view"] } }],
      },
      before: writeIds,
    },
  ];
  if (d >= 2)
    reads.push({
      id: "project",
      description: "look up the project by name",
      match: { operations: ops("searchProjects", "getProject") },
      before: writeIds,
    });
  if (d === 3)
    reads.push({
      id: "find",
      description: "list the parent's children to find the checklist",
      match: { operations: ops("getChildren", "getPages", "getSpacePages", "searchCql") },
      before: writeIds,
    });

  const template = pickTemplate(rng, CHECKLIST_TEMPLATES, ref.split);
  const instruction = render(template.text, {
    page: d === 1 ? `page id ${pageId}` : d === 2 ? `"${title}"` : `the checklist page under "${parent.title}"`,
    space: d === 1 ? `space ${space.key}` : `the "${space.name}" space`,
    type: d === 1 ? `${type.name} (issue type id ${type.id})` : type.name,
    project: d === 1 ? `project ${project.key}` : `the ${project.name} project`,
  });
  return {
    instruction,
    templateId: template.id,
    entityNames: [title, ...items.map((i) => i.text)],
    operations: ops(
      "getPage",
      "getPages",
      "getSpacePages",
      "getChildren",
      "getSpaces",
      "searchCql",
      "searchProjects",
      "getProject",
      "createMetaTypes",
      "createIssue",
    ),
    goal: { writes, reads, state: [] },
    builder: b,
    setup,
  };
}

function checklistXhtml(items: ReadonlyArray<{ text: string; done: boolean }>): string {
  const tasks = items
    .map(
      (item, i) =>
        `<ac:task><ac:task-id>${i + 1}</ac:task-id><ac:task-status>${item.done ? "complete" : "incomplete"}</ac:task-status><ac:task-body>${item.text}</ac:task-body></ac:task>`,
    )
    .join("");
  return `<p>Work left before we can close this out.</p><ac:task-list>${tasks}</ac:task-list>`;
}

/** The id of the page the setup created, looked up through the API like any page. */
function findPageId(site: Site, spaceId: string, title: string): string {
  const found = arr(obj(apiGet(site, "/wiki/api/v2/pages", { "space-id": spaceId, title }))["results"]);
  const id = str(obj(found[0])["id"]);
  if (id === "") throw new Error(`setup page "${title}" not found`);
  return id;
}
