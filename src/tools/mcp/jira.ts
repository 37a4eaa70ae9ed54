/**
 * Jira tools of the `mcp` surface, mirroring the names and argument shapes of the open-source
 * `mcp-atlassian` server (sooperset/mcp-atlassian): text in Markdown, JSON objects accepted as
 * objects or JSON strings, users by account id, e-mail or display name.
 */
import { isPlainObject, type Args } from "../args.js";
import type { ToolMapping } from "../types.js";
import { asAccountId, withUser } from "./lookups.js";
import { markdownToAdf } from "./markdown.js";
import { ArgReader, bool, get, int, send, seg, step, str, type McpTool } from "./tool.js";

const ISSUE_KEY = str("Jira issue key (e.g. 'PROJ-123').");
const PROJECT_KEY = str("Jira project key (e.g. 'PROJ').");
/** What the MCP server returns from searches when no fields are named. */
const ESSENTIAL_FIELDS = "summary,status,issuetype,priority,assignee,reporter,labels,created,updated";

/** Field values in the MCP server's convenient forms, turned into the API's (Markdown to ADF, `parent` key to object). */
function apiFieldValue(name: string, value: unknown): unknown {
  if (name === "description" && typeof value === "string") return markdownToAdf(value);
  if (name === "parent" && typeof value === "string") return { key: value };
  return value;
}

/** Builds `fields`, resolving a string `assignee` (e-mail, name or account id) first. */
function withFields(entries: ReadonlyArray<[string, unknown]>, build: (fields: Record<string, unknown>) => ToolMapping): ToolMapping {
  const converted = entries.filter(([, v]) => v !== undefined).map(([k, v]): [string, unknown] => [k, apiFieldValue(k, v)]);
  const assigneeAt = converted.findIndex(([k, v]) => k === "assignee" && typeof v === "string");
  if (assigneeAt < 0) return build(Object.fromEntries(converted));
  return withUser(converted[assigneeAt]![1] as string, (accountId) => {
    const resolved = converted.map(([k, v], i): [string, unknown] => (i === assigneeAt ? [k, { accountId }] : [k, v]));
    return build(Object.fromEntries(resolved));
  });
}

function entriesOf(object: Args | undefined): Array<[string, unknown]> {
  return object ? Object.entries(object) : [];
}

function commentBody(markdown: string): unknown {
  return markdownToAdf(markdown);
}

const getUserProfile: McpTool = {
  name: "jira_get_user_profile",
  description: "Retrieve profile information for a specific Jira user.",
  properties: { user_identifier: str("User identifier: e-mail address, display name or account id.") },
  required: ["user_identifier"],
  routes: [
    ["GET", "/rest/api/3/user"],
    ["GET", "/rest/api/3/user/search"],
  ],
  plan(a) {
    const identifier = a.str("user_identifier");
    if (a.error) return a.error;
    const accountId = asAccountId(identifier);
    return step(accountId ? get("/rest/api/3/user", { accountId }) : get("/rest/api/3/user/search", { query: identifier }));
  },
};

const getIssue: McpTool = {
  name: "jira_get_issue",
  description: "Get details of a specific Jira issue.",
  properties: {
    issue_key: ISSUE_KEY,
    fields: str("(Optional) Comma-separated fields to return (e.g. 'summary,status'), or '*all'."),
    expand: str("(Optional) Fields to expand, e.g. 'transitions', 'names', 'renderedFields'."),
  },
  required: ["issue_key"],
  routes: [["GET", "/rest/api/3/issue/{issueIdOrKey}"]],
  plan(a) {
    const key = a.id("issue_key");
    const query = { fields: a.optStr("fields"), expand: a.optStr("expand") };
    if (a.error) return a.error;
    return step(get(`/rest/api/3/issue/${seg(key)}`, query));
  },
};

const search: McpTool = {
  name: "jira_search",
  description: "Search Jira issues using JQL (Jira Query Language).",
  properties: {
    jql: str("JQL query string, e.g. \"project = PROJ AND status = 'In Progress'\"."),
    fields: str(`(Optional) Comma-separated fields to return; default '${ESSENTIAL_FIELDS}'. Use '*all' for all fields.`),
    limit: int("Maximum number of results (1-50), default 10."),
    page_token: str("(Optional) Pagination token from a previous search result."),
    expand: str("(Optional) Fields to expand, e.g. 'renderedFields', 'transitions'."),
  },
  required: ["jql"],
  routes: [["GET", "/rest/api/3/search/jql"]],
  plan(a) {
    const jql = a.str("jql");
    const fields = a.optStr("fields") ?? ESSENTIAL_FIELDS;
    const limit = a.optInt("limit", 1, 50) ?? 10;
    const query = { jql, fields, maxResults: String(limit), nextPageToken: a.optStr("page_token"), expand: a.optStr("expand") };
    if (a.error) return a.error;
    return step(get("/rest/api/3/search/jql", query));
  },
};

const getProjectIssues: McpTool = {
  name: "jira_get_project_issues",
  description: "Get all issues for a specific Jira project.",
  properties: { project_key: PROJECT_KEY, limit: int("Maximum number of results (1-50), default 10.") },
  required: ["project_key"],
  routes: [["GET", "/rest/api/3/search/jql"]],
  plan(a) {
    const project = a.id("project_key");
    const limit = a.optInt("limit", 1, 50) ?? 10;
    if (a.error) return a.error;
    const jql = `project = "${project.replace(/["\\]/g, "\\$&")}" ORDER BY created DESC`;
    return step(get("/rest/api/3/search/jql", { jql, fields: ESSENTIAL_FIELDS, maxResults: String(limit) }));
  },
};

const getTransitions: McpTool = {
  name: "jira_get_transitions",
  description: "Get available status transitions for a Jira issue.",
  properties: { issue_key: ISSUE_KEY },
  required: ["issue_key"],
  routes: [["GET", "/rest/api/3/issue/{issueIdOrKey}/transitions"]],
  plan(a) {
    const key = a.id("issue_key");
    if (a.error) return a.error;
    return step(get(`/rest/api/3/issue/${seg(key)}/transitions`));
  },
};

const transitionIssue: McpTool = {
  name: "jira_transition_issue",
  description: "Transition a Jira issue to a new status.",
  properties: {
    issue_key: ISSUE_KEY,
    transition_id: str("ID of the transition to perform (from jira_get_transitions), e.g. '31'."),
    fields: str('(Optional) JSON object of fields to set during the transition, e.g. {"resolution": {"name": "Fixed"}}.'),
    comment: str("(Optional) Comment to add during the transition, in Markdown."),
  },
  required: ["issue_key", "transition_id"],
  routes: [["POST", "/rest/api/3/issue/{issueIdOrKey}/transitions"]],
  plan(a) {
    const key = a.id("issue_key");
    const transitionId = a.id("transition_id");
    const fields = a.optJsonObject("fields");
    const comment = a.optStr("comment");
    if (a.error) return a.error;
    const body: Array<[string, unknown]> = [["transition", { id: transitionId }]];
    if (fields) body.push(["fields", Object.fromEntries(entriesOf(fields).map(([k, v]) => [k, apiFieldValue(k, v)]))]);
    if (comment !== undefined) body.push(["update", { comment: [{ add: { body: commentBody(comment) } }] }]);
    return step(send("POST", `/rest/api/3/issue/${seg(key)}/transitions`, Object.fromEntries(body)));
  },
};

const createIssue: McpTool = {
  name: "jira_create_issue",
  description: "Create a new Jira issue, optionally with a parent (for sub-tasks) and extra fields.",
  properties: {
    project_key: PROJECT_KEY,
    summary: str("Summary/title of the issue."),
    issue_type: str("Issue type name (e.g. 'Task', 'Bug', 'Story', 'Sub-task') or id."),
    assignee: str("(Optional) Assignee: e-mail, display name or account id."),
    description: str("(Optional) Issue description in Markdown."),
    components: str("(Optional) Comma-separated component names."),
    additional_fields: str(
      '(Optional) JSON object of more fields, e.g. {"priority": {"name": "High"}, "labels": ["ui"], "parent": "PROJ-1"}.',
    ),
  },
  required: ["project_key", "summary", "issue_type"],
  routes: [["POST", "/rest/api/3/issue"]],
  plan(a) {
    const fields = createFields(a);
    if (a.error) return a.error;
    return withFields(fields, (built) => step(send("POST", "/rest/api/3/issue", { fields: built })));
  },
};

function createFields(a: ArgReader): Array<[string, unknown]> {
  // Read in the server's parameter order, so the first missing one is reported first.
  const project = a.id("project_key");
  const summary = a.str("summary");
  const issueType = a.str("issue_type");
  const components = a.optStr("components");
  return [
    ["project", { key: project }],
    ["summary", summary],
    ["issuetype", /^\d+$/.test(issueType) ? { id: issueType } : { name: issueType }],
    ["description", a.optStr("description")],
    ["assignee", a.optStr("assignee")],
    [
      "components",
      components
        ?.split(",")
        .map((name) => ({ name: name.trim() }))
        .filter((c) => c.name !== ""),
    ],
    ...entriesOf(a.optJsonObject("additional_fields")),
  ];
}

const batchCreateIssues: McpTool = {
  name: "jira_batch_create_issues",
  description: "Create multiple Jira issues in one request.",
  properties: {
    issues: str(
      "JSON array of issues, each {project_key, summary, issue_type, description?, assignee? (account id), components? (names)}.",
    ),
  },
  required: ["issues"],
  routes: [["POST", "/rest/api/3/issue/bulk"]],
  plan(a) {
    const issues = a.optJsonArray("issues");
    if (a.error) return a.error;
    if (!issues || issues.length === 0)
      return { ok: false, label: "schema_violation", reason: "Argument 'issues' must be a non-empty JSON array." };
    const updates: unknown[] = [];
    for (const [n, issue] of issues.entries()) {
      if (!isPlainObject(issue)) return { ok: false, label: "schema_violation", reason: `issues[${n}] must be an object.` };
      const reader = new ArgReader(issue);
      const fields = createFields(reader);
      if (reader.error) return { ...reader.error, reason: `issues[${n}]: ${reader.error.reason}` };
      const converted = fields
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, unknown] => [
          k,
          k === "assignee" && typeof v === "string" ? { accountId: asAccountId(v) ?? v } : apiFieldValue(k, v),
        ]);
      updates.push({ fields: Object.fromEntries(converted) });
    }
    return step(send("POST", "/rest/api/3/issue/bulk", { issueUpdates: updates }));
  },
};

const updateIssue: McpTool = {
  name: "jira_update_issue",
  description: "Update an existing Jira issue's fields.",
  properties: {
    issue_key: ISSUE_KEY,
    fields: str(
      'JSON object of fields to update, e.g. {"summary": "New title", "assignee": "user@example.com", "description": "Markdown"}.',
    ),
    additional_fields: str('(Optional) JSON object of more fields, e.g. {"labels": ["ui"], "priority": {"name": "High"}}.'),
  },
  required: ["issue_key", "fields"],
  routes: [["PUT", "/rest/api/3/issue/{issueIdOrKey}"]],
  plan(a) {
    const key = a.id("issue_key");
    const fields = a.optJsonObject("fields");
    const extra = a.optJsonObject("additional_fields");
    if (a.error) return a.error;
    if (!fields && !extra) return { ok: false, label: "schema_violation", reason: "Missing required argument 'fields'." };
    return withFields([...entriesOf(fields), ...entriesOf(extra)], (built) =>
      step(send("PUT", `/rest/api/3/issue/${seg(key)}`, { fields: built })),
    );
  },
};

const deleteIssue: McpTool = {
  name: "jira_delete_issue",
  description: "Delete an existing Jira issue.",
  properties: { issue_key: ISSUE_KEY },
  required: ["issue_key"],
  routes: [["DELETE", "/rest/api/3/issue/{issueIdOrKey}"]],
  plan(a) {
    const key = a.id("issue_key");
    if (a.error) return a.error;
    return step(send("DELETE", `/rest/api/3/issue/${seg(key)}`));
  },
};

const addComment: McpTool = {
  name: "jira_add_comment",
  description: "Add a comment to a Jira issue.",
  properties: { issue_key: ISSUE_KEY, body: str("Comment text in Markdown.") },
  required: ["issue_key", "body"],
  routes: [["POST", "/rest/api/3/issue/{issueIdOrKey}/comment"]],
  plan(a) {
    const key = a.id("issue_key");
    const text = a.str("body");
    if (a.error) return a.error;
    return step(send("POST", `/rest/api/3/issue/${seg(key)}/comment`, { body: commentBody(text) }));
  },
};

const createIssueLink: McpTool = {
  name: "jira_create_issue_link",
  description: "Create a link between two Jira issues.",
  properties: {
    link_type: str("Link type name (e.g. 'Blocks', 'Duplicate', 'Relates')."),
    inward_issue_key: str("Key of the inward issue (e.g. 'PROJ-123')."),
    outward_issue_key: str("Key of the outward issue (e.g. 'PROJ-456')."),
    comment: str("(Optional) Comment to add with the link, in Markdown."),
  },
  required: ["link_type", "inward_issue_key", "outward_issue_key"],
  routes: [["POST", "/rest/api/3/issueLink"]],
  plan(a) {
    const body: Array<[string, unknown]> = [
      ["type", { name: a.str("link_type") }],
      ["inwardIssue", { key: a.id("inward_issue_key") }],
      ["outwardIssue", { key: a.id("outward_issue_key") }],
    ];
    const comment = a.optStr("comment");
    if (a.error) return a.error;
    if (comment !== undefined) body.push(["comment", { body: commentBody(comment) }]);
    return step(send("POST", "/rest/api/3/issueLink", Object.fromEntries(body)));
  },
};

const getLinkTypes: McpTool = {
  name: "jira_get_link_types",
  description: "Get all available issue link types.",
  properties: {},
  required: [],
  routes: [["GET", "/rest/api/3/issueLinkType"]],
  plan: () => step(get("/rest/api/3/issueLinkType")),
};

const getAllProjects: McpTool = {
  name: "jira_get_all_projects",
  description: "Get all Jira projects accessible to the current user.",
  properties: { include_archived: bool("Whether to include archived projects (default false).") },
  required: [],
  routes: [["GET", "/rest/api/3/project/search"]],
  plan(a) {
    const archived = a.optBool("include_archived") ?? false;
    if (a.error) return a.error;
    return step(get("/rest/api/3/project/search", archived ? { status: ["live", "archived"] } : {}));
  },
};

const searchFields: McpTool = {
  name: "jira_search_fields",
  description: "List Jira fields (system and custom) with their ids and schemas.",
  properties: {},
  required: [],
  routes: [["GET", "/rest/api/3/field"]],
  plan: () => step(get("/rest/api/3/field")),
};

const getProjectIssueTypes: McpTool = {
  name: "jira_get_project_issue_types",
  description: "Get the issue types that can be created in a Jira project.",
  properties: { project_key: PROJECT_KEY },
  required: ["project_key"],
  routes: [["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes"]],
  plan(a) {
    const project = a.id("project_key");
    if (a.error) return a.error;
    return step(get(`/rest/api/3/issue/createmeta/${seg(project)}/issuetypes`));
  },
};

const getCreateFields: McpTool = {
  name: "jira_get_create_fields",
  description: "Get the fields (required flags, allowed values) for creating an issue of a type in a project.",
  properties: { project_key: PROJECT_KEY, issue_type_id: str("Issue type id (from jira_get_project_issue_types).") },
  required: ["project_key", "issue_type_id"],
  routes: [["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}"]],
  plan(a) {
    const project = a.id("project_key");
    const issueType = a.id("issue_type_id");
    if (a.error) return a.error;
    return step(get(`/rest/api/3/issue/createmeta/${seg(project)}/issuetypes/${seg(issueType)}`));
  },
};

export const jiraMcpTools: readonly McpTool[] = [
  getUserProfile,
  getIssue,
  search,
  getProjectIssues,
  getTransitions,
  transitionIssue,
  createIssue,
  batchCreateIssues,
  updateIssue,
  deleteIssue,
  addComment,
  createIssueLink,
  getLinkTypes,
  getAllProjects,
  searchFields,
  getProjectIssueTypes,
  getCreateFields,
];
