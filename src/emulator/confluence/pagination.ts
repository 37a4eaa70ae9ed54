import type { EmuRequest, EmuResponse, Query } from "../http.js";
import type { Site } from "../site.js";
import { v2InvalidCursor } from "./errors.js";

/**
 * Cursor paging as v2 does it: an opaque `cursor` handed back in `_links.next` and in the
 * `Link: <...>; rel="next"` header. Our cursor is base64url JSON of an offset and the ordering
 * it belongs to, so a cursor from one ordering is refused by another, as Confluence refuses it.
 */

const MAX_OFFSET = 10_000_000;

export type CursorRead = { ok: true; offset: number } | { ok: false; response: EmuResponse };

export function encodeCursor(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ offset, scope }), "utf8").toString("base64url");
}

/** Reads `cursor` (absent means the first page); `scope` names the listing and its order. */
export function readCursor(raw: string | undefined, scope: string): CursorRead {
  if (raw === undefined || raw === "") return { ok: true, offset: 0 };
  if (raw.length > 512 || !/^[A-Za-z0-9_-]+={0,2}$/.test(raw)) return { ok: false, response: v2InvalidCursor() };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return { ok: false, response: v2InvalidCursor() };
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) return { ok: false, response: v2InvalidCursor() };
  const offset: unknown = Object.hasOwn(decoded, "offset") ? (decoded as { offset: unknown }).offset : undefined;
  const cursorScope: unknown = Object.hasOwn(decoded, "scope") ? (decoded as { scope: unknown }).scope : undefined;
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET || cursorScope !== scope) {
    return { ok: false, response: v2InvalidCursor() };
  }
  return { ok: true, offset };
}

export interface Slice<T> {
  items: T[];
  /** Offset of the next page, when there is one. */
  nextOffset?: number;
}

/** One page from an already ordered list. */
export function sliceArray<T>(items: readonly T[], offset: number, limit: number): Slice<T> {
  const page = items.slice(offset, offset + limit);
  return offset + limit < items.length ? { items: page, nextOffset: offset + limit } : { items: page };
}

/** One page from an ordered stream, reading no further than needed to know whether more follow. */
export function sliceIterable<T>(items: Iterable<T>, offset: number, limit: number): Slice<T> {
  const page: T[] = [];
  let index = 0;
  for (const item of items) {
    if (index++ < offset) continue;
    if (page.length === limit) return { items: page, nextOffset: offset + limit };
    page.push(item);
  }
  return { items: page };
}

export function siteBase(site: Site): string {
  return `${site.meta.baseUrl}/wiki`;
}

/** The request's own path and query with `cursor` replaced: the relative URL of the next page. */
export function nextUrl(path: string, query: Query | undefined, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (key === "cursor") continue;
    if (typeof value === "string") params.append(key, value);
    else for (const v of value) params.append(key, v);
  }
  params.append("cursor", cursor);
  return `${path}?${params.toString()}`;
}

/** A v2 list response: `results`, `_links.base`, and `_links.next` plus the `Link` header when more follow. */
export function listResponse(
  site: Site,
  request: EmuRequest,
  results: unknown[],
  nextOffset: number | undefined,
  scope: string,
): EmuResponse {
  const base = siteBase(site);
  if (nextOffset === undefined) return { status: 200, body: { results, _links: { base } } };
  const next = nextUrl(request.path, request.query, encodeCursor(nextOffset, scope));
  return {
    status: 200,
    headers: { link: `<${next}>; rel="next", <${base}>; rel="base"` },
    body: { results, _links: { next, base } },
  };
}
