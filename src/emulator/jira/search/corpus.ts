import type { Site } from "../../site.js";
import { WeakMemo } from "../../store.js";
import type { JqlIssueView } from "../jql/types.js";
import type { IssueRecord } from "../state.js";
import { commentIdsOf, viewReader } from "./view.js";

export interface Candidate {
  issue: IssueRecord;
  view: JqlIssueView;
}

/**
 * Every issue of a site with its JQL view, in table order: what a search scans. Cached per state of
 * every table a view reads, so it is shared by all requests and forks that see the same issues.
 */
export class IssueCorpus {
  private byProject: Map<string, readonly Candidate[]> | undefined;
  private readonly projectSets = new Map<string, readonly Candidate[]>();
  private ids: ReadonlySet<string> | undefined;

  constructor(readonly all: readonly Candidate[]) {}

  /**
   * Candidates of the projects with these keys (any case). The same list object for the same projects, so
   * orderings of it can be cached (see `sortedBy`).
   */
  inProjects(projectKeys: readonly string[]): readonly Candidate[] {
    const keys = [...new Set(projectKeys.map((k) => k.toUpperCase()))].sort();
    const id = keys.join("\u0000");
    let list = this.projectSets.get(id);
    if (list === undefined) {
      const groups = (this.byProject ??= groupByProject(this.all));
      list = keys.flatMap((key) => groups.get(key) ?? []);
      if (this.projectSets.size >= MAX_PROJECT_SETS) this.projectSets.clear();
      this.projectSets.set(id, list);
    }
    return list;
  }

  has(issueId: string): boolean {
    return (this.ids ??= new Set(this.all.map((c) => c.view.id))).has(issueId);
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

const MAX_PROJECT_SETS = 64;

type Comparator = (a: JqlIssueView, b: JqlIssueView) => number;

const orderings = new WeakMap<readonly Candidate[], WeakMap<Comparator, readonly Candidate[]>>();

/**
 * `candidates` in `compare`'s order, cached per list and comparator (both are shared: lists by the corpus,
 * comparators by the compiled-query cache), so a search filters a sorted list instead of sorting its matches.
 * Comparators are total (ties end on the id), so filtering the sorted list equals sorting the filtered one.
 */
export function sortedBy(candidates: readonly Candidate[], compare: Comparator): readonly Candidate[] {
  let byComparator = orderings.get(candidates);
  if (!byComparator) orderings.set(candidates, (byComparator = new WeakMap()));
  let sorted = byComparator.get(compare);
  if (!sorted) {
    sorted = [...candidates].sort((a, b) => compare(a.view, b.view));
    byComparator.set(compare, sorted);
  }
  return sorted;
}

const corpora = new WeakMemo<IssueCorpus>();

function catalogStates(site: Site): object[] {
  const jira = site.jira;
  return [jira.projects.state, jira.issueTypes.state, jira.statuses.state, jira.priorities.state, jira.resolutions.state];
}

export function issueCorpus(site: Site): IssueCorpus {
  const jira = site.jira;
  const catalog = catalogStates(site);
  return corpora.get([jira.issues.state, jira.comments.state, ...catalog], () => {
    // A fork that wrote a few issues patches its base's corpus rather than reading every issue again.
    const base = corpora.peek([jira.issues.baseState, jira.comments.baseState, ...catalog]);
    return base ? patched(site, base) : built(site);
  });
}

function built(site: Site): IssueCorpus {
  const view = viewReader(site);
  return new IssueCorpus(site.jira.issues.toArray().map((issue) => ({ issue, view: view(issue) })));
}

/**
 * The corpus of a fork from its base's: changed issues get their new record's view; an unchanged issue
 * keeps its view unless its parent or one of its comments changed (the only other records a view reads;
 * catalog states are equal by the cache key). Same order as `Table.values()`: base order with changes in
 * place, then new issues.
 */
function patched(site: Site, base: IssueCorpus): IssueCorpus {
  const jira = site.jira;
  const view = viewReader(site);
  const changedIssues = new Set(jira.issues.changedKeys());
  const changedComments = new Set(jira.comments.changedKeys());
  const all: Candidate[] = [];
  // Reads only views (one class, so property reads stay monomorphic), not records of many shapes.
  for (const candidate of base.all) {
    const v = candidate.view;
    if (changedIssues.has(v.id)) {
      const issue = jira.issues.get(v.id);
      if (issue) all.push({ issue, view: view(issue) });
    } else if ((v.parentId !== null && changedIssues.has(v.parentId)) || (changedComments.size > 0 && readsComment(v, changedComments))) {
      all.push({ issue: candidate.issue, view: view(candidate.issue) });
    } else all.push(candidate);
  }
  for (const id of changedIssues) {
    if (base.has(id)) continue;
    const issue = jira.issues.get(id);
    if (issue) all.push({ issue, view: view(issue) });
  }
  return new IssueCorpus(all);
}

function readsComment(view: JqlIssueView, changed: ReadonlySet<string>): boolean {
  for (const id of commentIdsOf(view)) if (changed.has(id)) return true;
  return false;
}
