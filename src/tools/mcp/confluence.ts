/**
 * Confluence tools of the `mcp` surface, mirroring sooperset/mcp-atlassian: pages by id (or
 * title and space key), content in Markdown (converted to storage format) or storage format,
 * updates that read the current version and write version + 1 as the server does.
 */
import { isPlainObject, own } from "../args.js";
import type { ToolMapping } from "../types.js";
import { withSpace } from "./lookups.js";
import { markdownToStorage } from "./markdown.js";
import { ArgReader, bool, get, int, send, seg, step, str, type McpTool } from "./tool.js";

const PAGE_ID = str("Confluence page id (numeric, from the page URL).");
const CONTENT_FORMAT = str("(Optional) Format of 'content': 'markdown' (default), 'storage' or 'wiki'.");

/** The request body's `body` for content in the given format. */
function pageBody(a: ArgReader, content: string): { representation: string; value: string } | undefined {
  const format = a.optStr("content_format") ?? "markdown";
  if (format === "markdown") return { representation: "storage", value: markdownToStorage(content) };
  if (format === "storage" || format === "wiki") return { representation: format, value: content };
  a.error ??= {
    ok: false,
    label: "schema_violation",
    reason: `Invalid content_format: ${format}. Must be 'markdown', 'wiki', or 'storage'.`,
  };
  return undefined;
}

function quoteCql(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** Plain words become a text search; anything that looks like CQL is sent as is. */
function toCql(query: string, spaces: string | undefined): string {
  const isCql = ["=", "~", ">", "<", " AND ", " OR ", "currentUser()"].some((token) => query.includes(token));
  let cql = isCql ? query : `text ~ ${quoteCql(query)}`;
  const keys = (spaces ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  if (keys.length > 0) cql = `(${cql}) AND (${keys.map((k) => `space = ${quoteCql(k)}`).join(" OR ")})`;
  return cql;
}

const searchContent: McpTool = {
  name: "confluence_search",
  description: "Search Confluence content with plain text or CQL.",
  properties: {
    query: str("Plain text (searched with text ~) or a CQL query, e.g. 'type=page AND space=DEV AND title~\"Notes\"'."),
    limit: int("Maximum number of results (1-50), default 10."),
    spaces_filter: str("(Optional) Comma-separated space keys to restrict the search to."),
  },
  required: ["query"],
  routes: [["GET", "/wiki/rest/api/search"]],
  plan(a) {
    const query = a.str("query");
    const limit = a.optInt("limit", 1, 50) ?? 10;
    const spaces = a.optStr("spaces_filter");
    if (a.error) return a.error;
    return step(get("/wiki/rest/api/search", { cql: toCql(query, spaces), limit: String(limit) }));
  },
};

const getPage: McpTool = {
  name: "confluence_get_page",
  description: "Get a Confluence page by id, or by title and space key.",
  properties: {
    page_id: PAGE_ID,
    title: str("(Optional) Exact page title; use with space_key when page_id is unknown."),
    space_key: str("(Optional) Space key (e.g. 'DEV'); required with title."),
    include_metadata: bool("Whether to include metadata such as version and labels (default true)."),
    convert_to_markdown: bool("Accepted for compatibility; the body is returned in storage format."),
  },
  required: [],
  routes: [
    ["GET", "/wiki/api/v2/pages/{id}"],
    ["GET", "/wiki/api/v2/pages"],
    ["GET", "/wiki/api/v2/spaces"],
  ],
  plan(a) {
    const pageId = a.optStr("page_id");
    const title = a.optStr("title");
    const spaceKey = a.optStr("space_key");
    a.optBool("include_metadata");
    a.optBool("convert_to_markdown");
    if (a.error) return a.error;
    if (pageId !== undefined) return step(get(`/wiki/api/v2/pages/${seg(pageId)}`, { "body-format": "storage" }));
    if (title === undefined || spaceKey === undefined) {
      return { ok: false, label: "schema_violation", reason: "Either 'page_id' OR both 'title' and 'space_key' must be provided." };
    }
    return withSpace(spaceKey, (spaceId) => step(get("/wiki/api/v2/pages", { "space-id": spaceId, title, "body-format": "storage" })));
  },
};

const getPageChildren: McpTool = {
  name: "confluence_get_page_children",
  description: "Get the child pages of a Confluence page.",
  properties: { parent_id: str("Id of the parent page."), limit: int("Maximum number of children (1-50), default 25.") },
  required: ["parent_id"],
  routes: [["GET", "/wiki/api/v2/pages/{id}/children"]],
  plan(a) {
    const parent = a.id("parent_id");
    const limit = a.optInt("limit", 1, 50) ?? 25;
    if (a.error) return a.error;
    return step(get(`/wiki/api/v2/pages/${seg(parent)}/children`, { limit: String(limit) }));
  },
};

const getComments: McpTool = {
  name: "confluence_get_comments",
  description: "Get the footer comments of a Confluence page.",
  properties: { page_id: PAGE_ID },
  required: ["page_id"],
  routes: [["GET", "/wiki/api/v2/pages/{id}/footer-comments"]],
  plan(a) {
    const page = a.id("page_id");
    if (a.error) return a.error;
    return step(get(`/wiki/api/v2/pages/${seg(page)}/footer-comments`, { "body-format": "storage" }));
  },
};

const getLabels: McpTool = {
  name: "confluence_get_labels",
  description: "Get the labels of a Confluence page.",
  properties: { page_id: PAGE_ID },
  required: ["page_id"],
  routes: [["GET", "/wiki/api/v2/pages/{id}/labels"]],
  plan(a) {
    const page = a.id("page_id");
    if (a.error) return a.error;
    return step(get(`/wiki/api/v2/pages/${seg(page)}/labels`));
  },
};

const addLabel: McpTool = {
  name: "confluence_add_label",
  description: "Add a label to a Confluence page.",
  properties: { page_id: PAGE_ID, name: str("Label to add (lowercase, no spaces), e.g. 'reviewed'.") },
  required: ["page_id", "name"],
  routes: [["POST", "/wiki/rest/api/content/{id}/label"]],
  plan(a) {
    const page = a.id("page_id");
    const name = a.str("name");
    if (a.error) return a.error;
    return step(send("POST", `/wiki/rest/api/content/${seg(page)}/label`, [{ prefix: "global", name }]));
  },
};

const createPage: McpTool = {
  name: "confluence_create_page",
  description: "Create a new Confluence page, optionally under a parent page.",
  properties: {
    space_key: str("Key of the space to create the page in (e.g. 'DEV')."),
    title: str("Title of the page."),
    content: str("Page content, in the format given by content_format (Markdown by default)."),
    parent_id: str("(Optional) Id of the parent page."),
    content_format: CONTENT_FORMAT,
  },
  required: ["space_key", "title", "content"],
  routes: [
    ["GET", "/wiki/api/v2/spaces"],
    ["POST", "/wiki/api/v2/pages"],
  ],
  plan(a) {
    const spaceKey = a.id("space_key");
    const title = a.str("title");
    const body = pageBody(a, a.str("content"));
    const parentId = a.optStr("parent_id");
    if (a.error) return a.error;
    return withSpace(spaceKey, (spaceId) => {
      const request: Array<[string, unknown]> = [
        ["spaceId", spaceId],
        ["status", "current"],
        ["title", title],
      ];
      if (parentId !== undefined) request.push(["parentId", parentId]);
      request.push(["body", body]);
      return step(send("POST", "/wiki/api/v2/pages", Object.fromEntries(request)));
    });
  },
};

/** `version.number` of a v2 page response. */
function versionOf(body: unknown): number | undefined {
  const version = isPlainObject(body) ? own(body, "version") : undefined;
  const number = isPlainObject(version) ? own(version, "number") : undefined;
  return typeof number === "number" && Number.isInteger(number) ? number : undefined;
}

const updatePage: McpTool = {
  name: "confluence_update_page",
  description: "Update an existing Confluence page (reads its current version and writes the next).",
  properties: {
    page_id: str("Id of the page to update."),
    title: str("The new title of the page."),
    content: str("The new content, in the format given by content_format (Markdown by default)."),
    is_minor_edit: bool("Whether this is a minor edit."),
    version_comment: str("(Optional) Comment for this version."),
    parent_id: str("(Optional) Id of the new parent page."),
    content_format: CONTENT_FORMAT,
  },
  required: ["page_id", "title", "content"],
  routes: [
    ["GET", "/wiki/api/v2/pages/{id}"],
    ["PUT", "/wiki/api/v2/pages/{id}"],
  ],
  plan(a) {
    const pageId = a.id("page_id");
    const title = a.str("title");
    const body = pageBody(a, a.str("content"));
    a.optBool("is_minor_edit");
    const message = a.optStr("version_comment");
    const parentId = a.optStr("parent_id");
    if (a.error) return a.error;
    const path = `/wiki/api/v2/pages/${seg(pageId)}`;
    return step(get(path), (response): ToolMapping => {
      const current = versionOf(response.body);
      if (current === undefined)
        return { ok: false, label: "lookup_failed", reason: `Page ${pageId} has no version number in the response.` };
      const request: Array<[string, unknown]> = [
        ["id", pageId],
        ["status", "current"],
        ["title", title],
      ];
      if (parentId !== undefined) request.push(["parentId", parentId]);
      request.push(["body", body], ["version", message === undefined ? { number: current + 1 } : { number: current + 1, message }]);
      return step(send("PUT", path, Object.fromEntries(request)));
    });
  },
};

const deletePage: McpTool = {
  name: "confluence_delete_page",
  description: "Delete an existing Confluence page.",
  properties: { page_id: str("Id of the page to delete.") },
  required: ["page_id"],
  routes: [["DELETE", "/wiki/api/v2/pages/{id}"]],
  plan(a) {
    const page = a.id("page_id");
    if (a.error) return a.error;
    return step(send("DELETE", `/wiki/api/v2/pages/${seg(page)}`));
  },
};

const addComment: McpTool = {
  name: "confluence_add_comment",
  description: "Add a footer comment to a Confluence page.",
  properties: { page_id: str("Id of the page to comment on."), body: str("Comment content in Markdown.") },
  required: ["page_id", "body"],
  routes: [["POST", "/wiki/api/v2/footer-comments"]],
  plan(a) {
    const page = a.id("page_id");
    const text = a.str("body");
    if (a.error) return a.error;
    return step(
      send("POST", "/wiki/api/v2/footer-comments", { pageId: page, body: { representation: "storage", value: markdownToStorage(text) } }),
    );
  },
};

export const confluenceMcpTools: readonly McpTool[] = [
  searchContent,
  getPage,
  getPageChildren,
  getComments,
  getLabels,
  addLabel,
  createPage,
  updatePage,
  deletePage,
  addComment,
];
