import { Site } from "../../site.js";
import { baseTables, patchSorted, RecentMap, WeakMemo, type JournalRef, type Table } from "../../store.js";
import type { JqlIssueView } from "../jql/types.js";
import type { IssueRecord } from "../state.js";
import { commentIdsOf, viewReader } from "./view.js";

export interface Candidate {
  issue: IssueRecord;
  view: JqlIssueView;
}

type Comparator = (a: JqlIssueView, b: JqlIssueView) => number;

/** How a fork's corpus differs from its base's: what it no longer has and what it has anew. */
interface Patch {
  base: IssueCorpus;
  dropped: ReadonlySet<Candidate>;
  added: readonly Candidate[];
}

const MAX_ORDERINGS = 32;

/** Comparators by number, for cache keys (numbers are never reused). */
const comparatorIds = new WeakMap<Comparator, number>();
let nextComparatorId = 0;

function comparatorId(compare: Comparator): number {
  let id = comparatorIds.get(compare);
  if (id === undefined) comparatorIds.set(compare, (id = nextComparatorId++));
  return id;
}

/**
 * Every issue of a site with its JQL view: what a search scans. Cached per state of every table a view reads,
 * so it is shared by all requests and forks that see the same issues; a fork that wrote patches its base's.
 */
export class IssueCorpus {
  private byProject: Map<string, readonly Candidate[]> | undefined;
  // Bounded: every compiled query brings its own comparator, and each ordering holds the whole corpus.
  private readonly orderings = new RecentMap<string, readonly Candidate[]>(MAX_ORDERINGS);
  private ids: ReadonlySet<string> | undefined;

  constructor(
    readonly all: readonly Candidate[],
    private readonly patch?: Patch,
  ) {}

  /**
   * The candidates (only those of the projects with these keys, in any case, when given) in `compare`'s order,
   * cached per comparator and projects. Comparators are total (ties end on the id), so filtering this list equals
   * sorting the filtered one: a search never sorts its matches. A patched corpus merges its changes into its
   * base's order.
   */
  sorted(compare: Comparator, projectKeys?: readonly string[]): readonly Candidate[] {
    const keys = projectKeys && [...new Set(projectKeys.map((k) => k.toUpperCase()))].sort();
    const id = keys ? `projects:${keys.join("\u0000")}` : "all";
    const key = `${comparatorId(compare)}|${id}`;
    let sorted = this.orderings.get(key);
    if (!sorted) {
      const order = (a: Candidate, b: Candidate): number => compare(a.view, b.view);
      if (this.patch) {
        const inKeys = keys && new Set(keys);
        const added = inKeys ? this.patch.added.filter((c) => inKeys.has(c.view.projectKey.toUpperCase())) : this.patch.added;
        sorted = patchSorted(this.patch.base.sorted(compare, keys), this.patch.dropped, added, order);
      } else sorted = [...this.select(keys)].sort(order);
      this.orderings.set(key, sorted);
    }
    return sorted;
  }

  has(issueId: string): boolean {
    return (this.ids ??= new Set(this.all.map((c) => c.view.id))).has(issueId);
  }

  private select(keys: readonly string[] | undefined): readonly Candidate[] {
    if (!keys) return this.all;
    const groups = (this.byProject ??= groupByProject(this.all));
    return keys.flatMap((key) => groups.get(key) ?? []);
  }
}

function groupByProject(all: readonly Candidate[]): Map<string, readonly Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of all) {
    const key = candidate.view.projectKey.toUpperCase();
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  return groups;
}

const corpora = new WeakMemo<IssueCorpus>();

function catalogTables(site: Site): ReadonlyArray<Table<unknown>> {
  const jira = site.jira;
  return [jira.projects, jira.issueTypes, jira.statuses, jira.priorities, jira.resolutions];
}

export function issueCorpus(site: Site): IssueCorpus {
  const jira = site.jira;
  const catalog = catalogTables(site);
  const states = catalog.map((t) => t.state);
  return corpora.get([jira.issues.state, jira.comments.state, ...states], () => {
    const wrote = jira.issues.changedCount > 0 || jira.comments.changedCount > 0;
    if (!wrote || catalog.some((t) => t.state !== t.baseState)) return built(site);
    // A fork that wrote a few issues patches the corpus of its base (shared by all its unwritten forks).
    const base = corpora.peek([jira.issues.baseState, jira.comments.baseState, ...states]) ?? issueCorpus(baseSiteOf(site));
    return patched(site, base);
  });
}

/** The site as its unwritten forks see it (read-only): to build what they all share. */
function baseSiteOf(site: Site): Site {
  const journal: JournalRef = { entries: null };
  return new Site(site.meta, baseTables(site.core, journal), baseTables(site.jira, journal), baseTables(site.confluence, journal), journal);
}

function built(site: Site): IssueCorpus {
  const view = viewReader(site);
  return new IssueCorpus(site.jira.issues.toArray().map((issue) => ({ issue, view: view(issue) })));
}

/**
 * The corpus of a fork from its base's (same catalog states): changed issues get their new record's view; an
 * unchanged issue keeps its candidate unless its parent or one of its comments changed (the only other records a
 * view reads) and its view with them.
 */
function patched(site: Site, base: IssueCorpus): IssueCorpus {
  const jira = site.jira;
  const view = viewReader(site);
  const changedIssues = new Set(jira.issues.changedKeys());
  const changedComments = new Set(jira.comments.changedKeys());
  const all: Candidate[] = [];
  const dropped = new Set<Candidate>();
  const added: Candidate[] = [];
  const replace = (old: Candidate, issue: IssueRecord | undefined): void => {
    dropped.add(old);
    if (!issue) return;
    const fresh = { issue, view: view(issue) };
    all.push(fresh);
    added.push(fresh);
  };
  // Reads only views (one class, so property reads stay monomorphic), not records of many shapes.
  for (const candidate of base.all) {
    const v = candidate.view;
    if (changedIssues.has(v.id)) replace(candidate, jira.issues.get(v.id));
    else if ((v.parentId !== null && changedIssues.has(v.parentId)) || (changedComments.size > 0 && readsComment(v, changedComments))) {
      if (view(candidate.issue) === v) all.push(candidate);
      else replace(candidate, candidate.issue);
    } else all.push(candidate);
  }
  for (const id of changedIssues) {
    if (base.has(id)) continue;
    const issue = jira.issues.get(id);
    if (!issue) continue;
    const fresh = { issue, view: view(issue) };
    all.push(fresh);
    added.push(fresh);
  }
  return new IssueCorpus(all, { base, dropped, added });
}

function readsComment(view: JqlIssueView, changed: ReadonlySet<string>): boolean {
  for (const id of commentIdsOf(view)) if (changed.has(id)) return true;
  return false;
}
