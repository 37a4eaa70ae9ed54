import type { EmuResponse } from "../../http.js";
import type { Operation, OperationContext } from "../../operation.js";
import type { Site } from "../../site.js";
import { argString, idList, pathId } from "../args.js";
import { v2NotFound } from "../errors.js";
import { pageResponse, readPaging } from "../paged-listing.js";
import { canRead, readableSpaceIds } from "../permissions.js";
import { asBodyFormat } from "../render/body.js";
import { renderPage } from "../render/page.js";
import * as S from "../schemas.js";
import type { PageRecord } from "../state.js";
import { compareIds } from "../store/lists.js";
import { pageOrder, statusFilter } from "./common.js";

/** The page listings: all pages, the pages of a space, the pages carrying a label. */

interface Candidates {
  /** Pages to filter, in ascending id order when `idOrdered`. */
  pages: Iterable<PageRecord>;
  idOrdered: boolean;
  /** Names the listing in cursors, so a cursor cannot be replayed against another listing. */
  scope: string;
}

/** Filters, orders, pages and renders a page listing (statuses, title, sort, cursor, limit, body-format). */
export function pageListing(ctx: OperationContext, candidates: Candidates, readable: ReadonlySet<string>): EmuResponse {
  const { site, args } = ctx;
  const sort = argString(args, "sort");
  const paging = readPaging(ctx, `${candidates.scope}:${sort ?? "id"}`);
  if (!paging.ok) return paging.response;
  const statuses = statusFilter(args, ["current", "archived"]);
  const title = argString(args, "title");
  const subtype = argString(args, "subtype");

  function* matching(): Generator<PageRecord> {
    // Our pages are all plain pages: the `live` subtype (live docs) matches none.
    if (subtype === "live") return;
    for (const page of candidates.pages) {
      if (!statuses.has(page.status) || !readable.has(page.spaceId)) continue;
      if (title !== undefined && page.title !== title) continue;
      yield page;
    }
  }

  const byId = sort === undefined || sort === "id";
  const pages = byId && candidates.idOrdered ? matching() : [...matching()].sort(pageOrder(sort ?? "id"));
  const format = asBodyFormat(argString(args, "body-format"));
  return pageResponse(ctx, paging, pages, (page) => renderPage(site, page, site.confluence.spaces.get(page.spaceId)!, { format }));
}

function* pagesByIds(site: Site, ids: Iterable<string>): Generator<PageRecord> {
  for (const id of ids) {
    const page = site.confluence.pages.get(id);
    if (page) yield page;
  }
}

const listQuery = {
  sort: S.pageSort,
  status: S.pageStatusFilter,
  title: { type: "string", description: "Only pages with exactly this title." },
  "body-format": S.bodyFormat,
  cursor: S.cursor,
  limit: S.limit,
};

export const getPages: Operation = {
  id: "confluence.getPages",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages",
  summary: "List pages across spaces, filtered by id, space id, status or exact title.",
  description: "Filter by `space-id` (numeric space ids, not keys). Follow `_links.next` for more results.",
  query: S.query({
    id: S.idList("Only pages with these ids."),
    "space-id": S.idList("Only pages in these spaces.", 100),
    ...listQuery,
    subtype: { type: "string", enum: ["live", "page"], description: "Only pages of this subtype." },
  }),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const ids = idList(args, "id");
    if (!ids.ok) return ids.response;
    const spaceIds = idList(args, "space-id");
    if (!spaceIds.ok) return spaceIds.response;
    const readable = readableSpaceIds(site, caller);
    let candidates: Candidates;
    if (ids.ids.length > 0) {
      const sorted = [...new Set(ids.ids)].sort(compareIds);
      const wanted = spaceIds.ids.length > 0 ? new Set(spaceIds.ids) : undefined;
      const pages = [...pagesByIds(site, sorted)].filter((p) => !wanted || wanted.has(p.spaceId));
      candidates = { pages, idOrdered: true, scope: "pages" };
    } else if (spaceIds.ids.length > 0) {
      const distinct = [...new Set(spaceIds.ids)];
      const pageIds =
        distinct.length === 1
          ? (site.confluence.spacePages.get(distinct[0]!) ?? [])
          : distinct.flatMap((id) => [...(site.confluence.spacePages.get(id) ?? [])]);
      candidates = { pages: pagesByIds(site, pageIds), idOrdered: distinct.length === 1, scope: "pages" };
    } else {
      // The pages table iterates in insertion order, which is ascending id order.
      candidates = { pages: site.confluence.pages.values(), idOrdered: true, scope: "pages" };
    }
    return pageListing(ctx, candidates, readable);
  },
};

export const getPagesInSpace: Operation = {
  id: "confluence.getPagesInSpace",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/spaces/{id}/pages",
  summary: "List the pages of one space (all, or only those at the root of the space).",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the space.") }),
  query: S.query({
    depth: { type: "string", enum: ["all", "root"], default: "all", description: "`root` for only the pages at the root of the space." },
    ...listQuery,
  }),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const id = pathId(ctx, "id");
    if (!id.ok) return id.response;
    const space = site.confluence.spaces.get(id.id);
    if (!space || !canRead(caller, space)) return v2NotFound();
    const root = argString(args, "depth") === "root";
    const ids = (root ? site.confluence.rootPages.get(space.id) : site.confluence.spacePages.get(space.id)) ?? [];
    // Root pages are indexed in position order; re-order them by id so unsorted listings page stably.
    const pages = root ? [...pagesByIds(site, ids)].sort(pageOrder("id")) : pagesByIds(site, ids);
    return pageListing(ctx, { pages, idOrdered: true, scope: `space-pages:${space.id}:${root ? "root" : "all"}` }, new Set([space.id]));
  },
};
