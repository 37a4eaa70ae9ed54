/**
 * Writes a resolved plan step as calls to the `mcp` tool surface (the mcp-atlassian tool shapes),
 * so the oracle can act through that surface too. Text goes in as Markdown when Markdown turns
 * back into exactly the step's ADF (and as the API's own value otherwise); ids the tools take as
 * keys (space key, project key) are read from the oracle's shadow site.
 *
 * A step maps to:
 * - calls: the tool calls that send the step's request (or one with the same effect);
 * - `[]`: no call, because the surface has no tool for it and its tools do that lookup themselves
 *   (user search, space listing): the shadow still runs the step so later steps can quote it;
 * - undefined: the surface cannot express the step, so the oracle cannot solve the task there.
 */
import { handle, type Site } from "../../emulator/index.js";
import type { ResolvedStep } from "../../scenarios/plan.js";
import { asAdmin } from "../../scenarios/world.js";
import { markdownToAdf, markdownToStorage } from "../../tools/mcp/markdown.js";
import type { EncodedCall } from "./encode.js";

type Json = unknown;
type JsonObject = Record<string, Json>;
/** What earlier steps of the episode left for later ones: the user searches the tools will make themselves. */
export interface McpEncodingMemory {
  userQueries: string[];
}

type Encoder = (step: ResolvedStep, shadow: Site, memory: McpEncodingMemory) => EncodedCall[] | undefined;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const call = (name: string, args: Record<string, unknown>): EncodedCall => ({ name, args });

/** Reads the shadow site as the admin (a GET; never changes it). */
function read(shadow: Site, path: string, query?: Record<string, string>): Json {
  const response = handle(shadow, asAdmin({ method: "GET", path, ...(query ? { query } : {}) }));
  return response.status < 400 ? response.body : undefined;
}

/** Plain paragraphs (and the other Markdown-expressible blocks) as Markdown, when it converts back exactly. */
function adfAsMarkdown(adf: Json): string | undefined {
  if (!isObject(adf) || !Array.isArray(adf["content"])) return undefined;
  const paragraphs: string[] = [];
  for (const block of adf["content"]) {
    if (!isObject(block) || block["type"] !== "paragraph" || !Array.isArray(block["content"])) return undefined;
    const texts = block["content"].map((node) => (isObject(node) && node["type"] === "text" && !node["marks"] ? node["text"] : undefined));
    if (texts.some((t) => typeof t !== "string")) return undefined;
    paragraphs.push(texts.join(""));
  }
  const markdown = paragraphs.join("\n\n");
  return JSON.stringify(markdownToAdf(markdown)) === JSON.stringify(adf) ? markdown : undefined;
}

function projectKeyOf(project: Json, shadow: Site): string | undefined {
  if (!isObject(project)) return undefined;
  if (typeof project["key"] === "string") return project["key"];
  const found = read(shadow, `/rest/api/3/project/${encodeURIComponent(String(project["id"]))}`);
  return isObject(found) && typeof found["key"] === "string" ? found["key"] : undefined;
}

function spaceKeyOf(spaceId: Json, shadow: Site): string | undefined {
  const found = read(shadow, `/wiki/api/v2/spaces/${encodeURIComponent(String(spaceId))}`);
  return isObject(found) && typeof found["key"] === "string" ? found["key"] : undefined;
}

/**
 * How to name a user to a tool: by the query of an earlier user search that finds exactly them (the
 * tool then makes that search itself, as the task expects an agent to), else by account id.
 */
function userArg(accountId: string, shadow: Site, memory: McpEncodingMemory): string {
  for (const query of memory.userQueries) {
    const found = read(shadow, "/rest/api/3/user/search", { query });
    if (!Array.isArray(found)) continue;
    const wanted = query.trim().toLowerCase();
    const exact = found.filter(
      (u) => isObject(u) && [u["emailAddress"], u["displayName"]].some((v) => typeof v === "string" && v.toLowerCase() === wanted),
    );
    const chosen = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
    if (isObject(chosen) && chosen["accountId"] === accountId) return query;
  }
  return accountId;
}

/** Jira `fields` for the tools' field arguments: a Markdown description where exact, everything else as the API takes it. */
function fieldArgs(
  fields: JsonObject,
  shadow: Site,
  memory: McpEncodingMemory,
): { description?: string; assignee?: string; rest: JsonObject } | undefined {
  const rest: JsonObject = {};
  let description: string | undefined;
  let assignee: string | undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (name === "description" && value !== null) {
      description = adfAsMarkdown(value);
      if (description === undefined) rest[name] = value;
    } else if (name === "assignee" && isObject(value) && typeof value["accountId"] === "string") {
      assignee = userArg(value["accountId"], shadow, memory);
    } else {
      rest[name] = value;
    }
  }
  return { ...(description !== undefined ? { description } : {}), ...(assignee !== undefined ? { assignee } : {}), rest };
}

const jsonText = (value: JsonObject): string | undefined => (Object.keys(value).length > 0 ? JSON.stringify(value) : undefined);

function withDefined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

const createIssue: Encoder = (step, shadow, memory) => {
  const body = step.body;
  if (!isObject(body) || !isObject(body["fields"]) || body["update"] !== undefined) return undefined;
  const { project, issuetype, summary, ...others } = body["fields"];
  const projectKey = projectKeyOf(project, shadow);
  const type = isObject(issuetype) ? (issuetype["id"] ?? issuetype["name"]) : undefined;
  const split = fieldArgs(others, shadow, memory);
  if (projectKey === undefined || type === undefined || typeof summary !== "string" || !split) return undefined;
  return [
    call(
      "jira_create_issue",
      withDefined({
        project_key: projectKey,
        summary,
        issue_type: String(type),
        assignee: split.assignee,
        description: split.description,
        additional_fields: jsonText(split.rest),
      }),
    ),
  ];
};

/** The only `update` the tools express: one comment added with Markdown text. */
function commentOf(update: Json): string | undefined | null {
  if (update === undefined) return undefined;
  if (!isObject(update) || Object.keys(update).length !== 1 || !Array.isArray(update["comment"]) || update["comment"].length !== 1)
    return null;
  const add = isObject(update["comment"][0]) ? update["comment"][0]["add"] : undefined;
  if (!isObject(add) || Object.keys(add).length !== 1) return null;
  return adfAsMarkdown(add["body"]) ?? null;
}

const doTransition: Encoder = (step) => {
  const body = step.body;
  if (!isObject(body) || !isObject(body["transition"])) return undefined;
  const comment = commentOf(body["update"]);
  if (comment === null || Object.keys(body).some((k) => !["transition", "fields", "update"].includes(k))) return undefined;
  const fields = isObject(body["fields"]) ? body["fields"] : undefined;
  return [
    call(
      "jira_transition_issue",
      withDefined({
        issue_key: step.params["issueIdOrKey"],
        transition_id: String(body["transition"]["id"]),
        fields: fields ? JSON.stringify(fields) : undefined,
        comment,
      }),
    ),
  ];
};

const addComment: Encoder = (step) => {
  const body = step.body;
  const text = isObject(body) && Object.keys(body).length === 1 ? adfAsMarkdown(body["body"]) : undefined;
  return text === undefined ? undefined : [call("jira_add_comment", { issue_key: step.params["issueIdOrKey"], body: text })];
};

/**
 * `update` label operations become the resulting `labels` field (the tool sets fields only): the
 * issue's labels now, with the adds and without the removes, in the order Jira keeps them.
 */
function labelsAfter(update: JsonObject, key: string, shadow: Site): string[] | undefined {
  const ops = update["labels"];
  if (!Array.isArray(ops) || Object.keys(update).length !== 1) return undefined;
  const issue = read(shadow, `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields: "labels" });
  const current = isObject(issue) && isObject(issue["fields"]) ? issue["fields"]["labels"] : undefined;
  if (!Array.isArray(current)) return undefined;
  const labels = new Set(current.map(String));
  for (const op of ops) {
    if (!isObject(op)) return undefined;
    if (typeof op["add"] === "string") labels.add(op["add"]);
    else if (typeof op["remove"] === "string") labels.delete(op["remove"]);
    else return undefined;
  }
  return [...labels];
}

const editIssue: Encoder = (step, shadow, memory) => {
  const body = step.body;
  const key = step.params["issueIdOrKey"];
  if (!isObject(body) || key === undefined || Object.keys(body).some((k) => k !== "fields" && k !== "update")) return undefined;
  const fields: JsonObject = isObject(body["fields"]) ? { ...body["fields"] } : {};
  if (body["update"] !== undefined) {
    const labels = isObject(body["update"]) && !("labels" in fields) ? labelsAfter(body["update"], key, shadow) : undefined;
    if (!labels) return undefined;
    fields["labels"] = labels;
  }
  const split = fieldArgs(fields, shadow, memory);
  if (!split || Object.keys(fields).length === 0) return undefined;
  const named: JsonObject = { ...split.rest };
  if (split.description !== undefined) named["description"] = split.description;
  if (split.assignee !== undefined) named["assignee"] = split.assignee;
  return [call("jira_update_issue", { issue_key: key, fields: JSON.stringify(named) })];
};

const searchJql: Encoder = (step) => {
  const { jql, fields, maxResults, nextPageToken, expand, ...others } = step.query;
  const limit = maxResults === undefined ? undefined : Number(maxResults);
  if (typeof jql !== "string" || Object.keys(others).length > 0 || (limit !== undefined && !(limit >= 1 && limit <= 50))) return undefined;
  return [call("jira_search", withDefined({ jql, fields, limit, page_token: nextPageToken, expand }))];
};

const getIssue: Encoder = (step) => {
  const { fields, expand, ...others } = step.query;
  if (Object.keys(others).length > 0) return undefined;
  return [call("jira_get_issue", withDefined({ issue_key: step.params["issueIdOrKey"], fields, expand }))];
};

const createPage: Encoder = (step, shadow) => {
  const body = step.body;
  if (!isObject(body) || !isObject(body["body"]) || typeof body["title"] !== "string") return undefined;
  const spaceKey = spaceKeyOf(body["spaceId"], shadow);
  const { representation, value } = body["body"];
  if (spaceKey === undefined || representation !== "storage" || typeof value !== "string") return undefined;
  if (body["status"] !== undefined && body["status"] !== "current") return undefined;
  return [
    call(
      "confluence_create_page",
      withDefined({
        space_key: spaceKey,
        title: body["title"],
        content: value,
        parent_id: body["parentId"] === undefined ? undefined : String(body["parentId"]),
        // Markdown is the tool's default; storage keeps macros and tables exactly.
        content_format: markdownToStorage(value) === value ? undefined : "storage",
      }),
    ),
  ];
};

/**
 * A page found by title becomes a CQL search (confluence_get_page by title would look the space up
 * again, a request confluence_create_page repeats); other listings have no tool.
 */
const getPages: Encoder = (step, shadow) => {
  const { title, "space-id": spaceId } = step.query;
  if (typeof title !== "string") return [];
  const spaceKey = typeof spaceId === "string" ? spaceKeyOf(spaceId, shadow) : undefined;
  const inSpace = spaceKey === undefined ? "" : ` AND space = ${JSON.stringify(spaceKey)}`;
  return [call("confluence_search", { query: `type = page AND title = ${JSON.stringify(title)}${inSpace}` })];
};

const addLabels: Encoder = (step) => {
  const body = step.body;
  const labels = Array.isArray(body) ? body : [body];
  const names = labels.map((l) => (isObject(l) && (l["prefix"] ?? "global") === "global" ? l["name"] : undefined));
  if (names.some((n) => typeof n !== "string")) return undefined;
  return names.map((name) => call("confluence_add_label", { page_id: step.params["id"], name }));
};

/**
 * confluence_search cannot page: it asks for its largest page (50) at once, so the plan's later
 * pages within those 50 need no call, and pages beyond them cannot be reached through the surface.
 */
const searchCql: Encoder = (step) => {
  const start = step.query["start"] === undefined ? 0 : Number(step.query["start"]);
  if (start > 0) return start < SEARCH_MAX ? [] : undefined;
  return [call("confluence_search", { query: step.query["cql"], limit: SEARCH_MAX })];
};

const SEARCH_MAX = 50;

const limitOf = (text: string | string[] | undefined): number | undefined =>
  typeof text === "string" ? Math.min(50, Number(text)) : undefined;

const ENCODERS: Record<string, Encoder> = {
  "jira.createIssue": createIssue,
  "jira.doTransition": doTransition,
  "jira.addComment": addComment,
  "jira.editIssue": editIssue,
  "jira.searchAndReconsileIssuesUsingJql": searchJql,
  "jira.getIssue": getIssue,
  "jira.getTransitions": (step) => [call("jira_get_transitions", { issue_key: step.params["issueIdOrKey"] })],
  "jira.searchProjects": () => [call("jira_get_all_projects", {})],
  "jira.getCreateIssueMetaIssueTypes": (step) => [call("jira_get_project_issue_types", { project_key: step.params["projectIdOrKey"] })],
  "jira.getCreateIssueMetaIssueTypeId": (step) => [
    call("jira_get_create_fields", { project_key: step.params["projectIdOrKey"], issue_type_id: step.params["issueTypeId"] }),
  ],
  // The MCP tools take users by name or e-mail and resolve them, and have no project lookup of their own.
  "jira.findUsers": (step, _shadow, memory) => {
    if (typeof step.query["query"] === "string") memory.userQueries.push(step.query["query"]);
    return [];
  },
  "jira.getProject": () => [],
  "confluence.createPage": createPage,
  "confluence.getPageById": (step) => [call("confluence_get_page", { page_id: step.params["id"] })],
  "confluence.getPages": getPages,
  // confluence_create_page and confluence_get_page look spaces up by key themselves.
  "confluence.getSpaces": () => [],
  "confluence.getChildPages": (step) => [
    call("confluence_get_page_children", withDefined({ parent_id: step.params["id"], limit: limitOf(step.query["limit"]) })),
  ],
  "confluence.searchByCQL": searchCql,
  "confluence.addLabelsToContent": addLabels,
  "confluence.getPageLabels": (step) => [call("confluence_get_labels", { page_id: step.params["id"] })],
};

export function encodeMcpCalls(step: ResolvedStep, shadow: Site, memory: McpEncodingMemory): EncodedCall[] | undefined {
  const encoder = ENCODERS[step.operation.id];
  return encoder ? encoder(step, shadow, memory) : undefined;
}
