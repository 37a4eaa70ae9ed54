/**
 * confluence-create-page: create a page with a given title in a space named by id, key or name,
 * under a parent page named by id, title or relation, whose storage body must contain given
 * elements. Difficulty 1 gives ids; 2 the space key or name and the parent's title; 3 the space
 * name and the parent only as "next to" another page (read that page to find its parent).
 */
import { generateTask, NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { confluenceCatalog, type CatalogPage, type CatalogSpace } from "../catalog/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { describePart, partMatcher, partXhtml, pickContent } from "../text/storage.js";
import { joinWithAnd, pickTemplate, render } from "../text/template.js";
import { PAGE_KINDS, PAGE_TOPICS, pickWord } from "../text/vocabulary.js";
import type { ExpectedWrite, RequiredRead, Scenario, TaskRef } from "../types.js";
import { CREATE_PAGE_TEMPLATES } from "./templates.js";

export const confluenceCreatePage: Scenario = {
  name: "confluence-create-page",
  summary:
    "Create a Confluence page under a parent, resolving the space id and parent page id first, with a storage body of given elements.",
  // The page's placement and body are checked per write; there is no goal-wide state.
  weights: { writes: 45, state: 0 },
  generate: (ref: TaskRef) => generateTask(ref, build),
};

/** Operations that reveal a page's id or parent. */
export const PAGE_LOOKUPS = ["getPages", "getSpacePages", "getPage", "getChildren", "getAncestors", "searchCql"] as const;

function build(ctx: BuildContext): Draft {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const catalog = confluenceCatalog(ctx.worldSeed);
  const space = pickOrFail(rng, catalog.spaces, "space");
  const inSpace = catalog.pages.filter((p) => p.spaceId === space.id);
  const parent = pickOrFail(rng, inSpace, "parent page");
  // Difficulty 3 names the parent through one of its children ("next to <sibling>").
  const sibling =
    d === 3
      ? pickOrFail(
          rng,
          inSpace.filter((p) => p.parentId === parent.id),
          "sibling",
        )
      : undefined;
  const title = `${pickWord(rng, PAGE_TOPICS, ref.split)} ${rng.pick(PAGE_KINDS)}`;
  if (inSpace.some((p) => p.title.toLowerCase() === title.toLowerCase())) throw new NoCandidate("title taken");
  const content = pickContent(rng);

  const b = new PlanBuilder(ctx.site());
  if (d >= 2) {
    b.batch(() => {
      b.read(op("getSpaces"), { query: d === 2 && rng.chance(0.5) ? { keys: space.key } : {} });
      const lookedUp = sibling ?? parent;
      b.read(op("getPages"), { query: { title: lookedUp.title } });
    });
  }
  b.write(op("createPage"), {
    body: {
      spaceId: space.id,
      status: "current",
      title,
      parentId: parent.id,
      body: { representation: "storage", value: content.map(partXhtml).join("") },
    },
  });

  const create: ExpectedWrite = {
    id: "create",
    description: `create "${title}" under "${parent.title}" in ${space.key}`,
    match: { operations: [op("createPage")] },
    args: [
      { name: "spaceId", anyOf: [{ at: "body.spaceId", is: { equals: space.id } }], idLike: true },
      { name: "parentId", anyOf: [{ at: "body.parentId", is: { equals: parent.id } }], idLike: true },
      { name: "title", anyOf: [{ at: "body.title", is: { sameText: title } }] },
      {
        name: "published",
        anyOf: [
          { at: "body.status", is: { equals: "current" } },
          { at: "body.status", is: { absent: true } },
        ],
      },
    ],
    target: { response: "/id" },
    effects: [
      {
        name: "the page is still in place with its title",
        path: "/wiki/api/v2/pages/{target}",
        expect: [
          { at: "title", is: { sameText: title } },
          { at: "parentId", is: { equals: parent.id } },
          { at: "status", is: { equals: "current" } },
        ],
      },
      ...content.map((part) => {
        const { name, is } = partMatcher(part);
        return {
          name: `the body has ${name}`,
          path: "/wiki/api/v2/pages/{target}",
          query: { "body-format": "storage" },
          expect: [{ at: "body.storage.value", is }],
        };
      }),
    ],
  };
  const template = pickTemplate(rng, CREATE_PAGE_TEMPLATES, ref.split);
  const instruction = render(template.text, {
    title,
    space: spacePhrase(d, space, rng.chance(0.5)),
    parent: parentPhrase(d, parent, sibling),
    content: joinWithAnd(content.map(describePart)),
  });
  return {
    instruction,
    templateId: template.id,
    entityNames: [title],
    operations: ops("getSpaces", "getSpace", "createPage", ...PAGE_LOOKUPS),
    goal: { writes: [create], reads: requiredReads(d, sibling), state: [] },
    builder: b,
  };
}

function spacePhrase(d: number, space: CatalogSpace, byKey: boolean): string {
  if (d === 1) return `space id ${space.id}`;
  if (d === 2 && byKey) return `the ${space.key} space`;
  return `the "${space.name}" space`;
}

function parentPhrase(d: number, parent: CatalogPage, sibling: CatalogPage | undefined): string {
  if (d === 1) return `page id ${parent.id}`;
  if (sibling) return `the same parent as the page "${sibling.title}"`;
  return `the page "${parent.title}"`;
}

function requiredReads(d: number, sibling: CatalogPage | undefined): RequiredRead[] {
  if (d === 1) return [];
  return [
    { id: "space", description: "look up the space id", match: { operations: ops("getSpaces", "getSpace") }, before: ["create"] },
    {
      id: "parent",
      description: sibling ? `read "${sibling.title}" to find its parent` : "look up the parent page id",
      match: { operations: ops(...PAGE_LOOKUPS) },
      before: ["create"],
    },
  ];
}
