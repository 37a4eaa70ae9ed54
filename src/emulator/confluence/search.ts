import type { Operation } from "../operation.js";
import { argInt, argString } from "./args.js";
import { RecentMap, WeakMemo } from "../store.js";
import { compileCql } from "./cql/index.js";
import type { CompiledCql, CqlContext, CqlResult } from "./cql/types.js";
import { cqlContext, cqlCorpus, type CqlCandidate } from "./cql-view.js";
import { v1BadRequest } from "./errors.js";
import { encodeCursor, siteBase } from "./pagination.js";
import { canRead } from "./permissions.js";
import { iso, spaceWebUi, tinyUi } from "./render/links.js";
import * as S from "./schemas.js";
import type { SpaceRecord, StoredBody } from "./state.js";

/**
 * v1 CQL search (`GET /wiki/rest/api/search`): the CQL engine decides what matches and in which
 * order; this module gathers the content the caller can see and shapes v1's search results.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EXCERPT_LENGTH = 200;
const MAX_START = 100_000;

function friendlyDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, "0")}, ${d.getUTCFullYear()}`;
}

function excerpt(text: string): string {
  // Only the head of the text can reach the excerpt: flatten that much, not whole bodies.
  const head = text.slice(0, EXCERPT_LENGTH * 4);
  const flat = head.replace(/\s+/g, " ").trim();
  const cut = flat.length > EXCERPT_LENGTH || head.length < text.length;
  return cut ? `${flat.slice(0, EXCERPT_LENGTH)}...` : flat;
}

/** What a hit renders that never changes for its record: computed once per body and per item, whatever the search. */
interface HitText {
  excerpt: string;
  tinyui: string;
  lastModified: string;
  friendlyLastModified: string;
}

const excerpts = new WeakMap<StoredBody, string>();
const hitTexts = new WeakMap<CqlCandidate, HitText>();

function hitText(candidate: CqlCandidate): HitText {
  let text = hitTexts.get(candidate);
  if (text === undefined) {
    let head = excerpts.get(candidate.body);
    if (head === undefined) excerpts.set(candidate.body, (head = excerpt(candidate.view.bodyText)));
    const modified = candidate.view.lastModified;
    text = { excerpt: head, tinyui: tinyUi(candidate.view.id), lastModified: iso(modified), friendlyLastModified: friendlyDate(modified) };
    hitTexts.set(candidate, text);
  }
  return text;
}

/**
 * Compiled queries, reused while their context is the same: the caller, the user list (one object per state of the
 * directory) and, for queries with date functions only, the site clock. Most queries never read the clock, so they
 * (and their comparators, which key the corpus orderings) survive writes. Compiled queries hold no state, so
 * sharing one changes nothing.
 */
const MAX_COMPILED = 256;
const compiledByUsers = new WeakMemo<RecentMap<string, CompiledCql>>();

function compileCached(context: CqlContext, cql: string): CqlResult {
  const compiled = compiledByUsers.get([context.users], () => new RecentMap(MAX_COMPILED));
  const anyTime = `${context.currentAccountId}\u0000-\u0000${cql}`;
  const atNow = `${context.currentAccountId}\u0000${context.now}\u0000${cql}`;
  const hit = compiled.get(anyTime) ?? compiled.get(atNow);
  if (hit) return { ok: true, query: hit };
  let readsClock = false;
  const watched: CqlContext = {
    currentAccountId: context.currentAccountId,
    users: context.users,
    get now() {
      readsClock = true;
      return context.now;
    },
  };
  const result = compileCql(cql, watched);
  // Failures are rare and their messages go into response bodies: only successes are shared.
  if (result.ok) compiled.set(readsClock ? atNow : anyTime, result.query);
  return result;
}

/** Reads the cursor this endpoint hands out in `_links.next` (an offset bound to the query). */
function cursorOffset(cursor: string, cql: string): number | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) return undefined;
    const offset: unknown = Object.hasOwn(decoded, "offset") ? (decoded as { offset: unknown }).offset : undefined;
    const scope: unknown = Object.hasOwn(decoded, "scope") ? (decoded as { scope: unknown }).scope : undefined;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 && offset <= MAX_START && scope === `search:${cql}`
      ? offset
      : undefined;
  } catch {
    return undefined;
  }
}

export const searchByCql: Operation = {
  id: "confluence.searchByCQL",
  product: "confluence",
  method: "GET",
  path: "/wiki/rest/api/search",
  summary: 'Search content with CQL (v1 API), e.g. `type = page AND space = ENG AND title ~ "runbook"`.',
  description:
    "CQL fields: type, space, title, text, label, ancestor, parent, creator, created, lastmodified; operators = != ~ !~ in, " +
    "AND/OR/NOT and ORDER BY. Results are under `results[].content`; follow `_links.next` for more.",
  query: S.query(
    {
      cql: { type: "string", minLength: 1, description: "The CQL query." },
      cqlcontext: { type: "string", description: "JSON context for the query (space key, content id)." },
      cursor: { type: "string", description: "Cursor from `_links.next` of the previous page." },
      next: { type: "boolean", description: "Set by the `next` link." },
      prev: { type: "boolean", description: "Set by the `prev` link." },
      limit: { type: "integer", minimum: 0, default: 25, description: "Maximum number of results (default 25)." },
      start: { type: "integer", minimum: 0, default: 0, description: "Index of the first result." },
      includeArchivedSpaces: { type: "boolean", default: false, description: "Include content from archived spaces." },
      excludeCurrentSpaces: { type: "boolean", default: false, description: "Only content from archived spaces." },
      excerpt: {
        type: "string",
        enum: ["highlight", "indexed", "none", "highlight_unescaped", "indexed_unescaped"],
        description: "How to build excerpts.",
      },
      expand: { type: "array", items: { type: "string" }, description: "Properties to expand (ignored)." },
    },
    ["cql"],
  ),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const cql = argString(args, "cql") ?? "";
    const compiled = compileCached(cqlContext(site, caller), cql);
    if (!compiled.ok) return v1BadRequest(compiled.message);
    const query = compiled.query;

    const cursor = argString(args, "cursor");
    let start = argInt(args, "start", 0);
    if (cursor !== undefined && cursor !== "") {
      const offset = cursorOffset(cursor, cql);
      if (offset === undefined) return v1BadRequest(`Invalid cursor: ${cursor.slice(0, 60)}`);
      start = offset;
    }
    if (start > MAX_START) return v1BadRequest("Start of this size is no longer supported, please use cursor based pagination");
    const limit = argInt(args, "limit", 25);

    // Readability is decided per space (a handful), once per request.
    const readable = new Map<SpaceRecord, boolean>();
    const corpus = cqlCorpus(site);
    const hits = corpus.search(site, () => {
      const found: CqlCandidate[] = [];
      // The corpus (just the query's spaces, when it names them) in the query's order: filtering keeps that order.
      for (const candidate of corpus.sortedBy(query.compare, query.spaceKeys)) {
        let canSee = readable.get(candidate.space);
        if (canSee === undefined) readable.set(candidate.space, (canSee = canRead(caller, candidate.space)));
        if (canSee && query.matches(candidate.view)) found.push(candidate);
      }
      return found;
    });

    const pageHits = hits.slice(start, start + limit);
    const base = siteBase(site);
    const selfParams = new URLSearchParams({ cql });
    const links: Record<string, string> = { base, context: "/wiki", self: `${base}/rest/api/search?${selfParams.toString()}` };
    if (start + limit < hits.length && limit > 0) {
      const next = new URLSearchParams({ next: "true", cursor: encodeCursor(start + limit, `search:${cql}`), limit: String(limit), cql });
      links["next"] = `/rest/api/search?${next.toString()}`;
    }
    return {
      status: 200,
      body: {
        results: pageHits.map((hit) => renderHit(hit, base)),
        start,
        limit,
        size: pageHits.length,
        totalSize: hits.length,
        cqlQuery: cql,
        searchDuration: 3 + Math.floor(hits.length / 25),
        _links: links,
      },
    };
  },
};

function renderHit(hit: CqlCandidate, base: string): Record<string, unknown> {
  const { view, space } = hit;
  const text = hitText(hit);
  return {
    content: {
      id: view.id,
      type: view.type,
      status: view.status,
      title: view.title,
      macroRenderedOutput: {},
      restrictions: {},
      _expandable: {
        container: `/rest/api/space/${space.key}`,
        metadata: "",
        extensions: "",
        operations: "",
        children: `/rest/api/content/${view.id}/child`,
        history: `/rest/api/content/${view.id}/history`,
        ancestors: "",
        body: "",
        version: "",
        descendants: `/rest/api/content/${view.id}/descendant`,
        space: `/rest/api/space/${space.key}`,
      },
      _links: { webui: hit.url, self: `${base}/rest/api/content/${view.id}`, tinyui: text.tinyui },
    },
    title: view.title,
    excerpt: text.excerpt,
    url: hit.url,
    resultGlobalContainer: { title: space.name, displayUrl: spaceWebUi(space) },
    breadcrumbs: [],
    entityType: "content",
    iconCssClass: `aui-icon content-type-${view.type}`,
    lastModified: text.lastModified,
    friendlyLastModified: text.friendlyLastModified,
    score: 0,
  };
}
