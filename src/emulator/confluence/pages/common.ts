import type { EmuResponse } from "../../http.js";
import type { OperationContext } from "../../operation.js";
import { argList, pathId } from "../args.js";
import { v2NotFound } from "../errors.js";
import { readableSpaceOf } from "../permissions.js";
import type { PageRecord, PageStatus, SpaceRecord } from "../state.js";
import { sortComparator, type Compare } from "../sort-order.js";
import { compareIds } from "../store/lists.js";

export type Found = { ok: true; page: PageRecord; space: SpaceRecord } | { ok: false; response: EmuResponse };

/**
 * The page named by a path parameter, when it exists, the caller can read its space and its
 * status is one of `statuses`. Anything else is v2's bare 404: Confluence never tells a caller
 * whether a page it may not see exists.
 */
export function findPage(ctx: OperationContext, param: string, statuses: ReadonlySet<PageStatus>): Found {
  const id = pathId(ctx, param);
  if (!id.ok) return id;
  const page = ctx.site.confluence.pages.get(id.id);
  if (!page || !statuses.has(page.status)) return { ok: false, response: v2NotFound() };
  const space = readableSpaceOf(ctx.site, ctx.caller, page);
  if (!space) return { ok: false, response: v2NotFound() };
  return { ok: true, page, space };
}

export const LIVE: ReadonlySet<PageStatus> = new Set(["current", "archived"]);
export const LIVE_OR_DRAFT: ReadonlySet<PageStatus> = new Set(["current", "archived", "draft"]);
export const ANY_STATUS: ReadonlySet<PageStatus> = new Set(["current", "archived", "draft", "trashed"]);

/** The `status` filter of a listing (`deleted` pages are gone for good, so it matches nothing). */
export function statusFilter(args: OperationContext["args"], fallback: readonly PageStatus[]): ReadonlySet<string> {
  const asked = argList(args, "status");
  return new Set(asked.length > 0 ? asked : fallback);
}

const PAGE_ORDERS: ReadonlyMap<string, Compare<PageRecord>> = new Map<string, Compare<PageRecord>>([
  ["id", (a, b) => compareIds(a.id, b.id)],
  ["created-date", (a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)],
  ["modified-date", (a, b) => a.version.createdAt - b.version.createdAt || compareIds(a.id, b.id)],
  ["title", (a, b) => compareText(a.title, b.title) || compareIds(a.id, b.id)],
]);

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Comparator for a `PageSortOrder` value (`-` prefix for descending). */
export function pageOrder(sort: string): Compare<PageRecord> {
  return sortComparator(PAGE_ORDERS, sort, "id");
}
