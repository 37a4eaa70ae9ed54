/**
 * A small, fixed Jira site for the JQL tests, imported by the other jql-*.test.ts files (it holds no tests itself:
 * its name only keeps it among the JQL test files). "Now" is Wednesday 2026-05-13 12:00 UTC.
 */
import { compileJql } from "../../../src/emulator/jira/jql/index.js";
import type { JqlContext, JqlIssueView } from "../../../src/emulator/jira/jql/types.js";

export const NOW = Date.UTC(2026, 4, 13, 12, 0);

export const USERS = [
  { accountId: "acc-alice", displayName: "Alice Adams", emailAddress: "alice@example.com" },
  { accountId: "acc-bob", displayName: "Bob Brown", emailAddress: "bob@example.com" },
  { accountId: "acc-carol", displayName: "Carol Chen", emailAddress: "carol@example.com" },
  { accountId: "acc-sam1", displayName: "Sam Lee", emailAddress: "sam.lee@example.com" },
  { accountId: "acc-sam2", displayName: "Sam Lee", emailAddress: "sam.lee2@example.com" },
];

const PROJECTS = [
  { id: "10000", key: "ENG", name: "Engineering" },
  { id: "10001", key: "OPS", name: "Operations" },
];
const ISSUE_TYPES = [
  { id: "10001", name: "Bug" },
  { id: "10002", name: "Task" },
  { id: "10003", name: "Story" },
  { id: "10004", name: "Sub-task" },
];
const STATUSES = [
  { id: "10000", name: "To Do", categoryKey: "new", categoryName: "To Do" },
  { id: "10001", name: "In Progress", categoryKey: "indeterminate", categoryName: "In Progress" },
  { id: "10002", name: "In Review", categoryKey: "indeterminate", categoryName: "In Progress" },
  { id: "10003", name: "Done", categoryKey: "done", categoryName: "Done" },
];
const PRIORITIES = [
  { id: "1", name: "Highest" },
  { id: "2", name: "High" },
  { id: "3", name: "Medium" },
  { id: "4", name: "Low" },
  { id: "5", name: "Lowest" },
];
const RESOLUTIONS = [
  { id: "10000", name: "Done" },
  { id: "10001", name: "Won't Do" },
  { id: "10002", name: "Duplicate" },
];

type IssueSpec = Partial<JqlIssueView> & Pick<JqlIssueView, "id" | "key" | "summary" | "created">;

function issue(spec: IssueSpec): JqlIssueView {
  const projectKey = spec.key.split("-")[0] as string;
  const project = PROJECTS.find((p) => p.key === projectKey) ?? PROJECTS[0]!;
  const type = ISSUE_TYPES.find((t) => t.id === (spec.issueTypeId ?? "10002"))!;
  const status = STATUSES.find((s) => s.id === (spec.statusId ?? "10000"))!;
  const priority = PRIORITIES.find((p) => p.id === spec.priorityId) ?? null;
  const resolution = RESOLUTIONS.find((r) => r.id === spec.resolutionId) ?? null;
  return {
    keyNumber: Number(spec.key.split("-")[1]),
    projectId: project.id,
    projectKey: project.key,
    projectName: project.name,
    issueTypeId: type.id,
    issueTypeName: type.name,
    statusId: status.id,
    statusName: status.name,
    statusCategoryKey: status.categoryKey,
    statusCategoryName: status.categoryName,
    assigneeAccountId: null,
    reporterAccountId: null,
    creatorAccountId: null,
    priorityName: priority?.name ?? null,
    resolutionName: resolution?.name ?? null,
    labels: [],
    descriptionText: "",
    environmentText: "",
    commentText: "",
    updated: spec.created,
    resolutiondate: null,
    duedate: null,
    parentKey: null,
    parentId: null,
    ...spec,
    priorityId: priority?.id ?? null,
    resolutionId: resolution?.id ?? null,
  };
}

const at = (iso: string): number => Date.parse(iso);

export const ISSUES: readonly JqlIssueView[] = [
  issue({
    id: "20001",
    key: "ENG-1",
    issueTypeId: "10001",
    statusId: "10003",
    resolutionId: "10000",
    assigneeAccountId: "acc-alice",
    reporterAccountId: "acc-bob",
    creatorAccountId: "acc-bob",
    priorityId: "2",
    labels: ["backend", "urgent"],
    summary: "Login fails with SSO",
    descriptionText: "Users cannot log in when SSO is enabled. Fixing the redirect loop.",
    environmentText: "Chrome 120 on macOS",
    commentText: "Reproduced on staging.",
    created: at("2026-04-01T09:00:00Z"),
    updated: at("2026-05-10T10:00:00Z"),
    resolutiondate: at("2026-05-10T10:00:00Z"),
    duedate: "2026-05-01",
  }),
  issue({
    id: "20002",
    key: "ENG-2",
    issueTypeId: "10002",
    statusId: "10001",
    assigneeAccountId: "acc-bob",
    reporterAccountId: "acc-alice",
    creatorAccountId: "acc-alice",
    priorityId: "3",
    labels: ["frontend"],
    summary: "Update dashboard charts",
    created: at("2026-05-06T15:30:00Z"),
    updated: at("2026-05-12T08:00:00Z"),
    duedate: "2026-05-15",
  }),
  issue({
    id: "20003",
    key: "ENG-3",
    issueTypeId: "10004",
    statusId: "10000",
    reporterAccountId: "acc-alice",
    creatorAccountId: "acc-alice",
    summary: "Write tests for login",
    descriptionText: "Cover the SSO login flow with integration tests.",
    created: at("2026-05-12T23:30:00Z"),
    updated: at("2026-05-13T11:00:00Z"),
    parentKey: "ENG-1",
    parentId: "20001",
  }),
  issue({
    id: "20004",
    key: "ENG-10",
    issueTypeId: "10003",
    statusId: "10002",
    assigneeAccountId: "acc-sam1",
    reporterAccountId: "acc-carol",
    creatorAccountId: "acc-carol",
    priorityId: "1",
    labels: ["Backend"],
    summary: "Payment export to CSV",
    descriptionText: "Export payments as CSV files for finance.",
    commentText: "The customer asked for Excel exports too.",
    created: at("2026-03-01T00:00:00Z"),
    updated: at("2026-05-01T00:00:00Z"),
    duedate: "2026-06-30",
  }),
  issue({
    id: "20005",
    key: "OPS-1",
    issueTypeId: "10002",
    statusId: "10003",
    resolutionId: "10001",
    assigneeAccountId: "acc-carol",
    reporterAccountId: "acc-carol",
    creatorAccountId: "acc-carol",
    priorityId: "4",
    labels: ["infra", "urgent"],
    summary: "Rotate database credentials",
    descriptionText: "Rotate the production database credentials every quarter.",
    environmentText: "prod-eu",
    commentText: "Postponed until the audit.",
    created: at("2026-01-15T08:00:00Z"),
    updated: at("2026-05-13T09:00:00Z"),
    resolutiondate: at("2026-02-01T12:00:00Z"),
  }),
  issue({
    id: "20006",
    key: "OPS-2",
    issueTypeId: "10001",
    statusId: "10000",
    assigneeAccountId: "acc-sam2",
    reporterAccountId: "acc-bob",
    creatorAccountId: "acc-bob",
    priorityId: "5",
    summary: "Disk usage alert flapping",
    descriptionText: "The alerts fire and clear every minute.",
    created: at("2026-05-13T06:00:00Z"),
    updated: at("2026-05-13T06:00:00Z"),
    duedate: "2026-05-13",
  }),
  issue({
    id: "20007",
    key: "OPS-3",
    issueTypeId: "10004",
    statusId: "10001",
    assigneeAccountId: "acc-alice",
    reporterAccountId: "acc-alice",
    creatorAccountId: "acc-alice",
    priorityId: "3",
    summary: "Tune alert thresholds",
    created: at("2026-05-13T11:59:00Z"),
    updated: at("2026-05-13T11:59:00Z"),
    parentKey: "OPS-2",
    parentId: "20006",
  }),
];

const KEYS = new Set(ISSUES.map((i) => i.key));
const IDS = new Set(ISSUES.map((i) => i.id));

export function makeContext(overrides: Partial<JqlContext> = {}): JqlContext {
  return {
    currentAccountId: "acc-alice",
    now: NOW,
    timeZone: "UTC",
    users: USERS,
    projects: PROJECTS,
    issueTypes: ISSUE_TYPES,
    statuses: STATUSES,
    priorities: PRIORITIES,
    resolutions: RESOLUTIONS,
    issueKeyExists: (key) => KEYS.has(key),
    issueIdExists: (id) => IDS.has(id),
    ...overrides,
  };
}

/** Keys of the matching issues in the query's order. Throws (failing the test) when the query is rejected. */
export function search(jql: string, context: JqlContext = makeContext(), issues: readonly JqlIssueView[] = ISSUES): string[] {
  const result = compileJql(jql, context);
  if (!result.ok) throw new Error(`rejected ${JSON.stringify(jql)}: ${result.errorMessages.join(" | ")}`);
  return issues
    .filter((i) => result.query.matches(i))
    .sort(result.query.compare)
    .map((i) => i.key);
}

/** Keys of the matching issues, sorted alphabetically (for set comparisons). */
export function matching(jql: string, context: JqlContext = makeContext()): string[] {
  return search(jql, context).sort();
}

/** The error messages of a rejected query. Throws when the query is accepted. */
export function errorsOf(jql: string, context: JqlContext = makeContext()): string[] {
  const result = compileJql(jql, context);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(jql)}`);
  return result.errorMessages;
}
