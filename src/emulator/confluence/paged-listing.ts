import type { EmuResponse } from "../http.js";
import type { OperationContext } from "../operation.js";
import { argInt, argString } from "./args.js";
import { listResponse, readCursor, sliceArray, sliceIterable, type Slice } from "./pagination.js";

/**
 * The paging every v2 listing shares: read `cursor` (bound to the listing's `scope`) and `limit`
 * before doing any work, then answer with one page of the ordered items.
 */

export interface Paging {
  /** Names the listing and its order, so a cursor cannot be replayed against another listing. */
  scope: string;
  offset: number;
  limit: number;
}

export type PagingRead = ({ ok: true } & Paging) | { ok: false; response: EmuResponse };

const DEFAULT_LIMIT = 25;

/** The page a listing is asked for; a cursor that is malformed or from another listing is refused. */
export function readPaging(ctx: OperationContext, scope: string): PagingRead {
  const cursor = readCursor(argString(ctx.args, "cursor"), scope);
  if (!cursor.ok) return cursor;
  return { ok: true, scope, offset: cursor.offset, limit: argInt(ctx.args, "limit", DEFAULT_LIMIT) };
}

/**
 * The v2 list response for the asked page of `items` (already ordered), each rendered by `render`.
 * A stream that is not an array is read no further than the page needs.
 */
export function pageResponse<T>(ctx: OperationContext, paging: Paging, items: Iterable<T>, render: (item: T) => unknown): EmuResponse {
  const slice: Slice<T> = Array.isArray(items)
    ? sliceArray(items as readonly T[], paging.offset, paging.limit)
    : sliceIterable(items, paging.offset, paging.limit);
  return listResponse(ctx.site, ctx.request, slice.items.map(render), slice.nextOffset, paging.scope);
}
