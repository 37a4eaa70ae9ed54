import type { Site } from "../../site.js";
import { WeakMemo } from "../../store.js";
import type { JqlIssueView } from "../jql/types.js";
import type { IssueRecord } from "../state.js";
import { viewReader } from "./view.js";

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
  private ids: ReadonlySet<string> | undefined;

  constructor(readonly all: readonly Candidate[]) {}

  /** Candidates of the projects with these keys (any case), each project once. */
  inProjects(projectKeys: readonly string[]): Candidate[] {
    const groups = (this.byProject ??= groupByProject(this.all));
    const out: Candidate[] = [];
    for (const key of new Set(projectKeys.map((k) => k.toUpperCase()))) {
      const group = groups.get(key);
      if (group) for (const candidate of group) out.push(candidate);
    }
    return out;
  }

  has(issueId: string): boolean {
    return (this.ids ??= new Set(this.all.map((c) => c.issue.id))).has(issueId);
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
  const readsChange = (issue: IssueRecord): boolean =>
    (issue.parentId !== null && changedIssues.has(issue.parentId)) || issue.commentIds.some((id) => changedComments.has(id));
  const all: Candidate[] = [];
  for (const candidate of base.all) {
    const id = candidate.issue.id;
    if (changedIssues.has(id)) {
      const issue = jira.issues.get(id);
      if (issue) all.push({ issue, view: view(issue) });
    } else if (readsChange(candidate.issue)) all.push({ issue: candidate.issue, view: view(candidate.issue) });
    else all.push(candidate);
  }
  for (const id of changedIssues) {
    if (base.has(id)) continue;
    const issue = jira.issues.get(id);
    if (issue) all.push({ issue, view: view(issue) });
  }
  return new IssueCorpus(all);
}
