/**
 * Labels on Confluence pages, written through the v1 label endpoint: add a label (never
 * replace) to every page matching a condition. Difficulty 1 lists page ids; 2 names a space and
 * an existing label (one page of CQL results); 3 names pages by their place in the tree or by a
 * label common enough that the CQL results span several pages (follow `_links.next`).
 */
import { NoCandidate, pickOrFail, type BuildContext, type Draft } from "../common.js";
import { confluenceCatalog, type CatalogPage, type ConfluenceCatalog } from "../catalog/index.js";
import { op, ops } from "../operations.js";
import { PlanBuilder } from "../plan-builder.js";
import { joinWithAnd } from "../text/template.js";
import { LABELS, wordsFor } from "../text/vocabulary.js";
import type { ExpectedWrite, RequiredRead } from "../types.js";

/** CQL's default page size: more matches than this need paging. */
const CQL_PAGE = 25;

interface Selection {
  pages: CatalogPage[];
  phrase: string;
  cql: string;
}

export function buildConfluenceLabels(ctx: BuildContext): Draft & { targetsPhrase: string; label: string } {
  const { rng, ref } = ctx;
  const d = ref.difficulty;
  const catalog = confluenceCatalog(ctx.worldSeed);
  const selection = d === 1 ? byIds(ctx, catalog) : d === 2 ? bySpaceAndLabel(ctx, catalog, 2, CQL_PAGE) : deep(ctx, catalog);
  const label = pickOrFail(
    rng,
    wordsFor(LABELS, ref.split).filter((l) => selection.pages.every((p) => !p.labels.includes(l))),
    "new label",
  );

  const b = new PlanBuilder(ctx.site());
  if (d >= 2) {
    for (let start = 0; start === 0 || start < selection.pages.length; start += CQL_PAGE) {
      b.read(op("searchCql"), { query: start === 0 ? { cql: selection.cql } : { cql: selection.cql, start: String(start) } });
    }
  }
  b.batch(() => {
    for (const page of selection.pages) b.write(op("addLabels"), { params: { id: page.id }, body: [{ prefix: "global", name: label }] });
  });

  const writes: ExpectedWrite[] = selection.pages.map((page) => ({
    id: `page-${page.id}`,
    description: `add "${label}" to "${page.title}"`,
    match: { operations: [op("addLabels")], params: { id: [page.id] } },
    args: [],
    target: { param: "id" },
    effects: [
      {
        name: `"${page.title}" has "${label}"`,
        path: "/wiki/api/v2/pages/{target}/labels",
        query: { limit: "250" },
        expect: [{ at: "results.*.name", is: { equals: label } }],
      },
      // Only targets that have labels can lose them.
      ...(page.labels.length === 0
        ? []
        : [
            {
              name: `"${page.title}" keeps its labels`,
              failure: "side_effect" as const,
              path: "/wiki/api/v2/pages/{target}/labels",
              query: { limit: "250" },
              expect: page.labels.map((l) => ({ at: "results.*.name", is: { equals: l } })),
            },
          ]),
    ],
  }));
  const before = writes.map((w) => w.id);
  const reads: RequiredRead[] =
    d === 1
      ? []
      : [
          {
            id: "search",
            description: "search for the matching pages",
            match: { operations: ops("searchCql", "getSpacePages", "getPages", "getChildren") },
            before,
          },
        ];
  return {
    instruction: "",
    templateId: "",
    entityNames: [label],
    operations: ops("searchCql", "getSpaces", "getSpacePages", "getPages", "getChildren", "getPageLabels", "addLabels"),
    goal: { writes, reads, state: [] },
    builder: b,
    targetsPhrase: selection.phrase,
    label,
  };
}

function byIds(ctx: BuildContext, catalog: ConfluenceCatalog): Selection {
  const pages = ctx.rng.sample(catalog.pages, ctx.rng.int(2, 5));
  return { pages, phrase: `the pages with ids ${joinWithAnd(pages.map((p) => p.id))}`, cql: "" };
}

function bySpaceAndLabel(ctx: BuildContext, catalog: ConfluenceCatalog, min: number, max: number): Selection {
  const { rng } = ctx;
  const space = pickOrFail(rng, catalog.spaces, "space");
  const inSpace = catalog.pages.filter((p) => p.spaceId === space.id);
  const existing = pickOrFail(rng, [...new Set(inSpace.flatMap((p) => p.labels))], "existing label");
  const pages = inSpace.filter((p) => p.labels.includes(existing));
  if (pages.length < min || pages.length > max) throw new NoCandidate(`selection of ${pages.length}`);
  return {
    pages,
    phrase: `the pages in the "${space.name}" space labelled "${existing}"`,
    cql: `type = page AND space = "${space.key}" AND label = "${existing}"`,
  };
}

function deep(ctx: BuildContext, catalog: ConfluenceCatalog): Selection {
  const { rng } = ctx;
  if (rng.chance(0.5)) {
    // Every page below a page: the whole subtree, found with `ancestor`.
    const root = pickOrFail(rng, catalog.pages, "root page");
    const pages = descendants(catalog, root.id);
    if (pages.length < 4 || pages.length > 60) throw new NoCandidate(`subtree of ${pages.length}`);
    const space = catalog.spaces.find((s) => s.id === root.spaceId);
    return {
      pages,
      phrase: `the pages anywhere below "${root.title}" in the "${space?.name ?? ""}" space`,
      cql: `type = page AND ancestor = ${root.id}`,
    };
  }
  // A label common enough that the results span more than one page.
  const label = pickOrFail(rng, [...new Set(catalog.pages.flatMap((p) => p.labels))], "label");
  const pages = catalog.pages.filter((p) => p.labels.includes(label));
  if (pages.length <= CQL_PAGE || pages.length > 60) throw new NoCandidate(`selection of ${pages.length}`);
  return { pages, phrase: `the pages on the whole site labelled "${label}"`, cql: `type = page AND label = "${label}"` };
}

function descendants(catalog: ConfluenceCatalog, rootId: string): CatalogPage[] {
  const out: CatalogPage[] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const child of catalog.pages.filter((p) => p.parentId === id)) {
      out.push(child);
      queue.push(child.id);
    }
  }
  return out;
}
