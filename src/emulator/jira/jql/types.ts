/**
 * Contract between the JQL engine (this folder) and the Jira emulator.
 * The Jira emulator adapts its issue records to `JqlIssueView`; the engine never sees records.
 */

/**
 * What JQL can read of one issue. Names are Jira's display names unless stated; keys are canonical (upper case).
 * Treat a view as immutable: the engine caches analysed text per view object, so a changed issue needs a new view.
 */
export interface JqlIssueView {
  id: string;
  key: string;
  /** Numeric part of the key (for ordering `key`). */
  keyNumber: number;
  projectId: string;
  projectKey: string;
  projectName: string;
  issueTypeId: string;
  issueTypeName: string;
  statusId: string;
  statusName: string;
  /** `new` (To Do), `indeterminate` (In Progress) or `done` (Done). */
  statusCategoryKey: string;
  statusCategoryName: string;
  assigneeAccountId: string | null;
  reporterAccountId: string | null;
  creatorAccountId: string | null;
  priorityId: string | null;
  priorityName: string | null;
  resolutionId: string | null;
  resolutionName: string | null;
  labels: readonly string[];
  summary: string;
  /** Plain text of the ADF description ('' when none). */
  descriptionText: string;
  environmentText: string;
  /** Plain text of all comments, for `text ~` and `comment ~`. */
  commentText: string;
  /** Epoch milliseconds. */
  created: number;
  updated: number;
  resolutiondate: number | null;
  /** `YYYY-MM-DD` or null. */
  duedate: string | null;
  parentKey: string | null;
  parentId: string | null;
}

/** A user as JQL user fields can name them (accountId, display name or e-mail). */
export interface JqlUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

/** Site facts the engine needs to evaluate a query. */
export interface JqlContext {
  /** `currentUser()`. */
  currentAccountId: string;
  /** `now()` and relative dates (`-7d`), epoch ms, from the site clock. */
  now: number;
  /** IANA time zone for date-only literals ('YYYY-MM-DD'); Jira uses the caller's zone. */
  timeZone: string;
  users: readonly JqlUser[];
  /** Known values, so that `status = Nope` gives Jira's 400 "The value 'Nope' does not exist for the field 'status'." */
  projects: ReadonlyArray<{ id: string; key: string; name: string }>;
  /**
   * `subtask` (optional) marks sub-task types, for `subTaskIssueTypes()` / `standardIssueTypes()`; when absent the
   * engine guesses from the name ("Sub-task", "Subtask").
   */
  issueTypes: ReadonlyArray<{ id: string; name: string; subtask?: boolean }>;
  statuses: ReadonlyArray<{ id: string; name: string; categoryKey: string; categoryName: string }>;
  priorities: ReadonlyArray<{ id: string; name: string }>;
  resolutions: ReadonlyArray<{ id: string; name: string }>;
  /** Whether an issue key exists (for `key = X-1`, `parent = X-1`, `issue in (...)`). */
  issueKeyExists(key: string): boolean;
  /**
   * Optional: whether an issue id exists (for `id = 10001`, `parent = 10001`). Without it, numeric ids are accepted
   * unchecked and simply match nothing when absent.
   */
  issueIdExists?(id: string): boolean;
}

/** A compiled query: filter, order and whether it is bounded (has a restriction). */
export interface CompiledJql {
  matches(issue: JqlIssueView): boolean;
  /** ORDER BY comparator, total (ties end on the id); without ORDER BY: key descending, newest first. */
  compare(a: JqlIssueView, b: JqlIssueView): number;
  /** False for queries like '' or `ORDER BY created` that /search/jql refuses as unbounded. */
  bounded: boolean;
  /**
   * Project ids/keys, issue keys and similar the query is restricted to, when the engine can tell
   * (lets the emulator narrow the scan before `matches`). Undefined means: scan everything.
   */
  narrowing?: { projectKeys?: readonly string[]; issueKeys?: readonly string[] };
}

export type JqlResult =
  | { ok: true; query: CompiledJql }
  /** Jira-worded 400 messages, e.g. `Error in the JQL Query: Expecting ... but got 'x'. (line 1, character 9)`. */
  | { ok: false; errorMessages: string[] };

/** The engine's entry point, implemented in `./index.ts`. */
export type CompileJql = (jql: string, context: JqlContext) => JqlResult;
