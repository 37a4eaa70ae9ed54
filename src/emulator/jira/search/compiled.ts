import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { RecentMap, WeakMemo } from "../../store.js";
import { compileJql } from "../jql/index.js";
import type { JqlResult } from "../jql/types.js";
import { jqlContext, jqlLists } from "./view.js";

/**
 * Compiled queries, reused while nothing they were compiled from changes. A query compiles from its text, the
 * context's lists (one object per state and caller) and the caller's zone; one with relative dates also from the
 * site clock, and one that names issues (`key = X-1`, `parent = X-1`) also from which issues exist, so those are
 * kept per clock and per state of the issue tables. Most queries read neither, so they (and their comparators,
 * which key the corpus orderings) survive writes. Compiled queries hold no state of their own, so sharing one
 * between requests changes nothing.
 */
const MAX_ENTRIES = 256;

/** Queries that read no issue, per context lists. */
const plain = new WeakMemo<RecentMap<string, JqlResult>>();
/** Queries that asked whether issues exist, per context lists and issue tables. */
const naming = new WeakMemo<RecentMap<string, JqlResult>>();

export function compileForSite(site: Site, caller: User, jql: string): JqlResult {
  const lists = jqlLists(site, caller);
  const plainCache = plain.get([lists], () => new RecentMap(MAX_ENTRIES));
  const namingCache = naming.get([lists, site.jira.issues.state, site.jira.issueKeys.state], () => new RecentMap(MAX_ENTRIES));
  const anyTime = `${caller.accountId}\u0000${caller.timeZone}\u0000-\u0000${jql}`;
  const atNow = `${caller.accountId}\u0000${caller.timeZone}\u0000${site.now()}\u0000${jql}`;
  const hit = plainCache.get(anyTime) ?? plainCache.get(atNow) ?? namingCache.get(anyTime) ?? namingCache.get(atNow);
  if (hit) return hit;
  let readsIssues = false;
  let readsClock = false;
  const result = compileJql(
    jql,
    jqlContext(site, caller, {
      issues: () => (readsIssues = true),
      now: () => (readsClock = true),
    }),
  );
  // Failures are rare and their messages go into response bodies: only successes are shared.
  if (result.ok) (readsIssues ? namingCache : plainCache).set(readsClock ? atNow : anyTime, result);
  return result;
}
