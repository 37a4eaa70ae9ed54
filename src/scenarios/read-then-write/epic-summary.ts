/**
 * Jira -> Confluence: publish a page summarising an epic and its child issues in a table.
 * Difficulty 1 gives the epic key and the space and parent ids; 2 the epic key, the space name
 * and the parent title; 3 names the epic by its summary (search for it first).
 */
import { NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { confluenceCatalog, jiraCatalog } from "../catalog/index.js";
import { PAGE_LOOKUPS } from "../confluence-create-page/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { partXhtml } from "../text/storage.js";
import { pickTemplate, render } from "../text/template.js";
import { PAGE_TOPICS, pickWord } from "../text/vocabulary.js";
import type { ExpectedWrite, RequiredRead } from "../types.js";
import { EPIC_SUMMARY_TEMPLATES } from "./templates.js";

const MAX_CHILDREN = 8;

export function buildEpicSummary(ctx: BuildContext): Draft {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const jira = jiraCatalog(ctx.worldSeed);
  const wiki = confluenceCatalog(ctx.worldSeed);
  const epic = pickOrFail(
    rng,
    jira.issues.filter((i) => i.typeName === "Epic"),
    "epic",
  );
  const children = jira.issues.filter((i) => i.parentKey === epic.key);
  if (children.length < 2 || children.length > MAX_CHILDREN) throw new NoCandidate("epic child count");
  if (d === 3 && jira.issues.filter((i) => i.typeName === "Epic" && i.summary === epic.summary).length !== 1)
    throw new NoCandidate("epic summary not unique");
  const space = pickOrFail(rng, wiki.spaces, "space");
  const inSpace = wiki.pages.filter((p) => p.spaceId === space.id);
  const parent = pickOrFail(rng, inSpace, "parent page");
  const title = `${pickWord(rng, PAGE_TOPICS, ref.split)} Epic Report ${rng.int(2, 99)}`;
  if (inSpace.some((p) => p.title.toLowerCase() === title.toLowerCase())) throw new NoCandidate("title taken");

  const b = new PlanBuilder(ctx.site());
  if (d === 3)
    b.read(op("searchJql"), {
      query: { jql: `issuetype = Epic AND summary ~ "${epic.summary.replace(/["\\]/g, (c) => `\\${c}`)}"`, fields: "summary" },
    });
  b.batch(() => {
    b.read(op("searchJql"), { query: { jql: `parent = ${epic.key}`, fields: "summary,status", maxResults: "50" } });
    if (d >= 2) {
      b.read(op("getSpaces"), {});
      b.read(op("getPages"), { query: { title: parent.title, "space-id": space.id } });
    }
  });
  const table = {
    kind: "table" as const,
    columns: ["Key", "Summary", "Status"],
    rows: children.map((c) => [c.key, c.summary, c.statusName]),
  };
  b.write(op("createPage"), {
    body: {
      spaceId: space.id,
      status: "current",
      title,
      parentId: parent.id,
      body: { representation: "storage", value: `<p>Children of ${epic.key}.</p>${partXhtml(table)}` },
    },
  });

  const publish: ExpectedWrite = {
    id: "publish",
    description: `publish "${title}" summarising ${epic.key}`,
    match: { operations: [op("createPage")] },
    args: [
      { name: "spaceId", anyOf: [{ at: "body.spaceId", is: { equals: space.id } }], idLike: true },
      { name: "parentId", anyOf: [{ at: "body.parentId", is: { equals: parent.id } }], idLike: true },
      { name: "title", anyOf: [{ at: "body.title", is: { sameText: title } }] },
    ],
    target: { response: "/id" },
    effects: [
      {
        name: "the page is in place",
        path: "/wiki/api/v2/pages/{target}",
        expect: [
          { at: "title", is: { sameText: title } },
          { at: "status", is: { equals: "current" } },
        ],
      },
      ...children.map((c) => ({
        name: `the table lists ${c.key} with its summary and status`,
        path: "/wiki/api/v2/pages/{target}",
        query: { "body-format": "storage" },
        expect: [
          { at: "body.storage.value", is: { storageHas: { elements: [{ tag: "table" }], includes: [c.key, c.summary, c.statusName] } } },
        ],
      })),
    ],
  };
  const reads: RequiredRead[] = [
    {
      id: "children",
      description: `search for the children of ${epic.key}`,
      match: { operations: ops("searchJql", "searchJqlPost") },
      before: ["publish"],
    },
  ];
  if (d >= 2) {
    reads.push(
      { id: "space", description: "look up the space id", match: { operations: ops("getSpaces", "getSpace") }, before: ["publish"] },
      { id: "parent", description: "look up the parent page id", match: { operations: ops(...PAGE_LOOKUPS) }, before: ["publish"] },
    );
  }
  const template = pickTemplate(rng, EPIC_SUMMARY_TEMPLATES, ref.split);
  const instruction = render(template.text, {
    epic: d === 3 ? `the epic "${epic.summary}"` : `the epic ${epic.key}`,
    title,
    space: d === 1 ? `space id ${space.id}` : `the "${space.name}" space`,
    parent: d === 1 ? `page id ${parent.id}` : `the page "${parent.title}"`,
  });
  return {
    instruction,
    templateId: template.id,
    entityNames: [title],
    operations: ops("searchJql", "getIssue", "getSpaces", "getSpace", "createPage", ...PAGE_LOOKUPS),
    goal: { writes: [publish], reads, state: [] },
    builder: b,
  };
}
