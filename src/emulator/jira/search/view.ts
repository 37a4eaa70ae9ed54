import { adfToText } from "../../adf/index.js";
import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { WeakMemo } from "../../store.js";
import type { JqlContext, JqlIssueView } from "../jql/types.js";
import { STATUS_CATEGORIES } from "../status-categories.js";
import type { CommentRecord, IssueRecord, StatusCategoryKey } from "../state.js";
import { visibleProjectIds } from "./visibility.js";

/**
 * Adapts issue records to the JQL engine's `JqlIssueView`, and the site to its `JqlContext`.
 *
 * Records are immutable and a change writes a new record, so a view is cached per record object and
 * stays valid across requests and across forks of one world (the engine caches analysed text per view
 * in turn). A view also reads names from the catalog tables (projects, types, statuses, priorities,
 * resolutions), so the cache is kept per catalog state; the parent's key and the comments live in
 * other records, so those are checked on every hit.
 */

interface CachedView {
  view: JqlIssueView;
  /** The comment records the comment text was built from (in `commentIds` order). */
  comments: ReadonlyArray<CommentRecord | undefined>;
}

/** One cache of views per catalog state: views read names only from these tables. */
const viewCaches = new WeakMemo<WeakMap<IssueRecord, CachedView>>();

function catalogViews(site: Site): WeakMap<IssueRecord, CachedView> {
  const jira = site.jira;
  const keys = [jira.projects.state, jira.issueTypes.state, jira.statuses.state, jira.priorities.state, jira.resolutions.state];
  return viewCaches.get(keys, () => new WeakMap());
}

function commentsOf(site: Site, issue: IssueRecord): Array<CommentRecord | undefined> {
  return issue.commentIds.map((id) => site.jira.comments.get(id));
}

function stillValid(site: Site, issue: IssueRecord, cached: CachedView): boolean {
  if (issue.parentId !== null && (site.jira.issues.get(issue.parentId)?.key ?? null) !== cached.view.parentKey) return false;
  const ids = issue.commentIds;
  for (let i = 0; i < ids.length; i++) if (site.jira.comments.get(ids[i]!) !== cached.comments[i]) return false;
  return true;
}

export function issueView(site: Site, issue: IssueRecord): JqlIssueView {
  return viewReader(site)(issue);
}

/** `issueView` for many issues of one site: the cache for the site's catalog state is looked up once. */
export function viewReader(site: Site): (issue: IssueRecord) => JqlIssueView {
  const cache = catalogViews(site);
  return (issue) => cachedView(site, cache, issue);
}

function cachedView(site: Site, cache: WeakMap<IssueRecord, CachedView>, issue: IssueRecord): JqlIssueView {
  const cached = cache.get(issue);
  if (cached && stillValid(site, issue, cached)) return cached.view;
  const comments = commentsOf(site, issue);
  const view = buildView(site, issue, comments);
  cache.set(issue, { view, comments });
  return view;
}

function buildView(site: Site, issue: IssueRecord, comments: ReadonlyArray<CommentRecord | undefined>): JqlIssueView {
  const jira = site.jira;
  const project = jira.projects.get(issue.projectId);
  const type = jira.issueTypes.get(issue.issueTypeId);
  const status = jira.statuses.get(issue.statusId);
  const priority = issue.priorityId === null ? undefined : jira.priorities.get(issue.priorityId);
  const resolution = issue.resolutionId === null ? undefined : jira.resolutions.get(issue.resolutionId);
  const parent = issue.parentId === null ? undefined : jira.issues.get(issue.parentId);
  return new IssueView(issue, comments, {
    projectKey: project?.key ?? "",
    projectName: project?.name ?? "",
    issueTypeName: type?.name ?? "",
    statusName: status?.name ?? "",
    statusCategoryKey: status?.categoryKey ?? "undefined",
    priorityName: priority?.name ?? null,
    resolutionName: resolution?.name ?? null,
    parentKey: parent?.key ?? null,
  });
}

/** What a view reads from records other than the issue's own. */
interface Names {
  projectKey: string;
  projectName: string;
  issueTypeName: string;
  statusName: string;
  statusCategoryKey: StatusCategoryKey;
  priorityName: string | null;
  resolutionName: string | null;
  parentKey: string | null;
}

/**
 * A record's view. The plain text of rich-text fields is derived only when a query reads it (most never do, and
 * the first search after a write would otherwise convert every changed issue's documents up front).
 */
class IssueView implements JqlIssueView {
  readonly id: string;
  readonly key: string;
  readonly keyNumber: number;
  readonly projectId: string;
  readonly projectKey: string;
  readonly projectName: string;
  readonly issueTypeId: string;
  readonly issueTypeName: string;
  readonly statusId: string;
  readonly statusName: string;
  readonly statusCategoryKey: string;
  readonly statusCategoryName: string;
  readonly assigneeAccountId: string | null;
  readonly reporterAccountId: string | null;
  readonly creatorAccountId: string | null;
  readonly priorityId: string | null;
  readonly priorityName: string | null;
  readonly resolutionId: string | null;
  readonly resolutionName: string | null;
  readonly labels: readonly string[];
  readonly summary: string;
  readonly created: number;
  readonly updated: number;
  readonly resolutiondate: number | null;
  readonly duedate: string | null;
  readonly parentKey: string | null;
  readonly parentId: string | null;
  /** The comments the view was built from (a corpus checks them for changes). */
  readonly commentIds: readonly string[];
  private description?: string;
  private environment?: string;
  private commentsText?: string;

  constructor(
    private readonly issue: IssueRecord,
    private readonly comments: ReadonlyArray<CommentRecord | undefined>,
    names: Names,
  ) {
    const category = STATUS_CATEGORIES[names.statusCategoryKey];
    this.id = issue.id;
    this.key = issue.key;
    this.keyNumber = issue.keyNumber;
    this.projectId = issue.projectId;
    this.projectKey = names.projectKey;
    this.projectName = names.projectName;
    this.issueTypeId = issue.issueTypeId;
    this.issueTypeName = names.issueTypeName;
    this.statusId = issue.statusId;
    this.statusName = names.statusName;
    this.statusCategoryKey = category.key;
    this.statusCategoryName = category.name;
    this.assigneeAccountId = issue.assigneeId;
    this.reporterAccountId = issue.reporterId;
    this.creatorAccountId = issue.creatorId;
    this.priorityId = issue.priorityId;
    this.priorityName = names.priorityName;
    this.resolutionId = issue.resolutionId;
    this.resolutionName = names.resolutionName;
    this.labels = issue.labels;
    this.summary = issue.summary;
    this.created = issue.created;
    this.updated = issue.updated;
    this.resolutiondate = issue.resolutionDate;
    this.duedate = issue.duedate;
    this.parentKey = names.parentKey;
    this.parentId = issue.parentId;
    this.commentIds = issue.commentIds;
  }

  get descriptionText(): string {
    return (this.description ??= this.issue.description ? adfToText(this.issue.description) : "");
  }

  get environmentText(): string {
    return (this.environment ??= this.issue.environment ? adfToText(this.issue.environment) : "");
  }

  get commentText(): string {
    return (this.commentsText ??= this.comments
      .filter((c) => c !== undefined)
      .map((c) => adfToText(c.body))
      .join("\n"));
  }
}

/** Ids of the comments a view of `issueView` read. */
export function commentIdsOf(view: JqlIssueView): readonly string[] {
  return view instanceof IssueView ? view.commentIds : [];
}

/** The context's lists: what JQL knows of the site's values, as the caller sees them. */
export type JqlLists = Pick<JqlContext, "users" | "projects" | "issueTypes" | "statuses" | "priorities" | "resolutions">;

/**
 * The lists are cached per state of the tables they come from (and the caller, who decides which
 * projects are visible), so the engine's lookup tables, memoised per list, are built once per state.
 */
const listCaches = new WeakMemo<JqlLists>();

export function jqlLists(site: Site, caller: User): JqlLists {
  const jira = site.jira;
  const keys = [
    site.meta,
    caller,
    site.core.users.state,
    jira.projects.state,
    jira.permissionSchemes.state,
    jira.issueTypes.state,
    jira.statuses.state,
    jira.priorities.state,
    jira.resolutions.state,
  ];
  return listCaches.get(keys, () => {
    const visible = visibleProjectIds(site, caller);
    return {
      users: site.core.users.toArray(),
      projects: jira.projects
        .toArray()
        .filter((p) => visible.has(p.id))
        .map((p) => ({ id: p.id, key: p.key, name: p.name })),
      issueTypes: jira.issueTypes.toArray().map((t) => ({ id: t.id, name: t.name, subtask: t.subtask })),
      statuses: jira.statuses.toArray().map((s) => ({
        id: s.id,
        name: s.name,
        categoryKey: s.categoryKey,
        categoryName: STATUS_CATEGORIES[s.categoryKey].name,
      })),
      priorities: jira.priorities.toArray().map((p) => ({ id: p.id, name: p.name })),
      resolutions: jira.resolutions.toArray().map((r) => ({ id: r.id, name: r.name })),
    };
  });
}

/** Hooks that hear what a compile reads beyond the lists: which issues exist, and the clock. */
export interface ContextWatch {
  issues?(): void;
  now?(): void;
}

/**
 * What JQL needs to know about the site and the caller. Projects and issue keys the caller cannot
 * browse are left out, so JQL answers "does not exist" for them exactly as for unknown ones.
 */
export function jqlContext(site: Site, caller: User, watch: ContextWatch = {}): JqlContext {
  const jira = site.jira;
  const visible = visibleProjectIds(site, caller);
  const now = site.now();
  return {
    currentAccountId: caller.accountId,
    get now() {
      watch.now?.();
      return now;
    },
    timeZone: caller.timeZone,
    ...jqlLists(site, caller),
    issueKeyExists: (key) => {
      watch.issues?.();
      const id = jira.issueKeys.get(key.toUpperCase());
      const issue = id === undefined ? undefined : jira.issues.get(id);
      return issue !== undefined && visible.has(issue.projectId);
    },
    issueIdExists: (id) => {
      watch.issues?.();
      const issue = jira.issues.get(id);
      return issue !== undefined && visible.has(issue.projectId);
    },
  };
}
