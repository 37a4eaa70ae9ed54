import { Site } from "../../site.js";
import { baseTables, mergePatched, RecentMap, WeakMemo, type JournalRef, type Table } from "../../store.js";
import type { JqlIssueView } from "../jql/types.js";
import type { IssueRecord } from "../state.js";
import { commentIdsOf, viewReader } from "./view.js";
import { objectId } from "../../object-id.js";

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

/** Comparators by number, for cache keys. */
const comparatorId = (compare: Comparator): number => objectId(compare);

/**
 * Every issue of a site with its JQL view: what a search scans. Cached per state of every table a view reads,
 * so it is shared by all requests and forks that see the same issues; a fork that wrote patches its base's, in
 * proportion to what it changed.
 */
export class IssueCorpus {
  private byProject: Map<string, readonly Candidate[]> | undefined;
  // Bounded: every compiled query brings its own comparator, and each ordering holds the whole corpus.
  private readonly orderings = new RecentMap<string, readonly Candidate[]>(MAX_ORDERINGS);
  private index: BaseIndex | undefined;

  constructor(
    private candidates: readonly Candidate[] | undefined,
    private readonly patch?: Patch,
  ) {}

  /** Every candidate (a patched corpus lists its own only when asked). */
  get all(): readonly Candidate[] {
    if (!this.candidates) {
      const patch = this.patch as Patch;
      this.candidates = [...patch.base.all.filter((c) => !patch.dropped.has(c)), ...patch.added];
    }
    return this.candidates;
  }

  /**
   * The candidates (only those of the projects with these keys, in any case, when given) in `compare`'s order.
   * Comparators are total (ties end on the id), so filtering this sequence equals sorting the filtered one: a search
   * never sorts its matches, and may stop once it has enough. A base corpus caches the order per comparator and
   * projects; a patched one merges its changes into its base's as it is read.
   */
  ordered(compare: Comparator, projectKeys?: readonly string[]): Iterable<Candidate> {
    const keys = projectKeys && [...new Set(projectKeys.map((k) => k.toUpperCase()))].sort();
    const patch = this.patch;
    if (patch) {
      const inKeys = keys && new Set(keys);
      const added = inKeys ? patch.added.filter((c) => inKeys.has(c.view.projectKey.toUpperCase())) : patch.added;
      const order = (a: Candidate, b: Candidate): number => compare(a.view, b.view);
      return mergePatched(patch.base.sortedBy(compare, keys), patch.dropped, added, order);
    }
    return this.sortedBy(compare, keys);
  }

  /** Lookups a patch needs into its base: candidates by issue id, by parent id and by comment id. */
  baseIndex(): BaseIndex {
    if (!this.index) {
      const byId = new Map<string, Candidate>();
      const byParent = new Map<string, Candidate[]>();
      const byComment = new Map<string, Candidate>();
      for (const candidate of this.all) {
        const view = candidate.view;
        byId.set(view.id, candidate);
        if (view.parentId !== null) {
          const children = byParent.get(view.parentId);
          if (children) children.push(candidate);
          else byParent.set(view.parentId, [candidate]);
        }
        for (const commentId of commentIdsOf(view)) byComment.set(commentId, candidate);
      }
      this.index = { byId, byParent, byComment };
    }
    return this.index;
  }

  private sortedBy(compare: Comparator, keys: readonly string[] | undefined): readonly Candidate[] {
    const key = `${comparatorId(compare)}|${keys ? `projects:${keys.join("\u0000")}` : "all"}`;
    let sorted = this.orderings.get(key);
    if (!sorted) {
      sorted = [...this.select(keys)].sort((a, b) => compare(a.view, b.view));
      this.orderings.set(key, sorted);
    }
    return sorted;
  }

  private select(keys: readonly string[] | undefined): readonly Candidate[] {
    if (!keys) return this.all;
    const groups = (this.byProject ??= groupByProject(this.all));
    return keys.flatMap((key) => groups.get(key) ?? []);
  }
}

interface BaseIndex {
  byId: ReadonlyMap<string, Candidate>;
  byParent: ReadonlyMap<string, readonly Candidate[]>;
  byComment: ReadonlyMap<string, Candidate>;
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
 * The corpus of a fork from its base's (same catalog states), in proportion to the change: changed issues get
 * their new record's view; an unchanged issue is looked at again only when its parent or one of its comments
 * changed (the only other records a view reads), and replaced when its view changed with them.
 */
function patched(site: Site, base: IssueCorpus): IssueCorpus {
  const jira = site.jira;
  const view = viewReader(site);
  const index = base.baseIndex();
  const changedIssues = new Set(jira.issues.changedKeys());
  const dropped = new Set<Candidate>();
  const added: Candidate[] = [];
  const revisit = new Set<Candidate>();
  for (const id of changedIssues) {
    const old = index.byId.get(id);
    if (old) dropped.add(old);
    const issue = jira.issues.get(id);
    if (issue) added.push({ issue, view: view(issue) });
    for (const child of index.byParent.get(id) ?? []) revisit.add(child);
  }
  for (const id of jira.comments.changedKeys()) {
    const holder = index.byComment.get(id);
    if (holder) revisit.add(holder);
  }
  for (const candidate of revisit) {
    if (changedIssues.has(candidate.view.id)) continue;
    const fresh = view(candidate.issue);
    if (fresh === candidate.view) continue;
    dropped.add(candidate);
    added.push({ issue: candidate.issue, view: fresh });
  }
  return new IssueCorpus(undefined, { base, dropped, added });
}
