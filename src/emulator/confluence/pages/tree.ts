import type { Operation } from "../../operation.js";
import { argInt, argString } from "../args.js";
import { pageResponse, readPaging } from "../paged-listing.js";
import { siteBase } from "../pagination.js";
import * as S from "../schemas.js";
import type { ConfluenceTables, PageRecord } from "../state.js";
import { sortComparator, type Compare } from "../sort-order.js";
import { compareIds, recordsByIds } from "../store/lists.js";
import { ancestorIds } from "../store/pages.js";
import { LIVE, findPage } from "./common.js";

/** The page tree: children, ancestors and descendants of a page. */

function childrenOf(t: ConfluenceTables, pageId: string): PageRecord[] {
  return recordsByIds(t.pages, t.children.get(pageId)).filter((child) => LIVE.has(child.status));
}

const CHILD_ORDERS: ReadonlyMap<string, Compare<PageRecord>> = new Map<string, Compare<PageRecord>>([
  ["child-position", (a, b) => a.position - b.position || compareIds(a.id, b.id)],
  ["id", (a, b) => compareIds(a.id, b.id)],
  ["created-date", (a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)],
  ["modified-date", (a, b) => a.version.createdAt - b.version.createdAt || compareIds(a.id, b.id)],
]);

export const getChildPages: Operation = {
  id: "confluence.getChildPages",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/children",
  summary: "List the direct child pages of a page (in tree order by default).",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the parent page.") }),
  query: S.query({
    sort: {
      type: "string",
      enum: ["created-date", "-created-date", "id", "-id", "child-position", "-child-position", "modified-date", "-modified-date"],
      description: "Sort order (default `child-position`, the order shown in the page tree).",
    },
    cursor: S.cursor,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const sort = argString(args, "sort") ?? "child-position";
    const paging = readPaging(ctx, `children:${found.page.id}:${sort}`);
    if (!paging.ok) return paging.response;
    const children = childrenOf(site.confluence, found.page.id).sort(sortComparator(CHILD_ORDERS, sort));
    return pageResponse(ctx, paging, children, (child) => ({
      id: child.id,
      status: child.status,
      title: child.title,
      spaceId: child.spaceId,
      childPosition: child.position,
    }));
  },
};

export const getPageAncestors: Operation = {
  id: "confluence.getPageAncestors",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/ancestors",
  summary: "List the ancestors of a page, the top of the tree first.",
  description: "When there are more than `limit`, the nearest ones are returned; call again with the first ancestor's id for the rest.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({ limit: S.limit }),
  mutates: false,
  run(ctx) {
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const chain = ancestorIds(ctx.site.confluence, found.page);
    const limit = argInt(ctx.args, "limit", 25);
    const nearest = chain.length > limit ? chain.slice(chain.length - limit) : chain;
    return { status: 200, body: { results: nearest.map((id) => ({ id, type: "page" })), _links: { base: siteBase(ctx.site) } } };
  },
};

export const getPageDescendants: Operation = {
  id: "confluence.getPageDescendants",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/descendants",
  summary: "List the pages below a page, level by level, down to `depth` levels.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    limit: S.limit,
    depth: {
      type: "integer",
      minimum: 1,
      maximum: 10,
      default: 2,
      description: "How many levels below the page to include (1-10, default 2).",
    },
    cursor: S.cursor,
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const maxDepth = argInt(args, "depth", 2);
    const paging = readPaging(ctx, `descendants:${found.page.id}:${maxDepth}`);
    if (!paging.ok) return paging.response;
    const t = site.confluence;
    const rows: Array<Record<string, unknown>> = [];
    let level: PageRecord[] = [found.page];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: PageRecord[] = [];
      for (const parent of level) {
        for (const child of childrenOf(t, parent.id)) {
          rows.push({
            id: child.id,
            status: child.status,
            title: child.title,
            type: "page",
            parentId: parent.id,
            depth,
            childPosition: child.position,
          });
          next.push(child);
        }
      }
      level = next;
    }
    return pageResponse(ctx, paging, rows, (row) => row);
  },
};
