import { adfToText } from "../../adf/index.js";
import { json } from "../../http.js";
import type { JsonSchema, Operation } from "../../operation.js";
import { expandSet, intArg, page } from "../args.js";
import { jiraError, MESSAGES } from "../errors.js";
import { findVisibleIssue } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { commentVisibleTo, renderComment, visibleComments } from "../render/comment.js";
import { ADF_DOC, ISSUE_ID_OR_KEY_PATH } from "../schemas.js";
import type { CommentRecord } from "../state.js";
import { appendComments } from "../issues/store.js";
import type { Site } from "../../site.js";
import { buildComment } from "./build.js";

const EXPAND_QUERY: JsonSchema = {
  type: "object",
  properties: { expand: { type: "string", description: "`renderedBody` adds the comment body rendered in HTML." } },
};

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function render(site: Site, comment: CommentRecord, withHtml: boolean): Record<string, unknown> {
  const out = renderComment(site, comment);
  if (withHtml) {
    out["renderedBody"] = adfToText(comment.body)
      .split("\n")
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join("");
  }
  return out;
}

export const getComments: Operation = {
  id: "jira.getComments",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/{issueIdOrKey}/comment",
  summary: "Returns all comments for an issue, paginated (startAt, maxResults).",
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      startAt: { type: "integer", minimum: 0, default: 0, description: "Index of the first comment to return." },
      maxResults: { type: "integer", minimum: 0, default: 100, description: "Maximum number of comments to return." },
      orderBy: {
        type: "string",
        enum: ["created", "-created", "+created"],
        description: "Order by created date (`-created` for newest first).",
      },
      expand: { type: "string", description: "`renderedBody` adds the comment body rendered in HTML." },
    },
  },
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const comments = visibleComments(site, caller, found.project, found.issue.commentIds);
    if (args["orderBy"] === "-created") comments.reverse();
    const startAt = intArg(args["startAt"], 0);
    const maxResults = intArg(args["maxResults"], 100);
    const { values } = page(comments, startAt, maxResults);
    const withHtml = expandSet(args["expand"]).has("renderedbody");
    return json(200, { startAt, maxResults, total: comments.length, comments: values.map((c) => render(site, c, withHtml)) });
  },
};

export const addComment: Operation = {
  id: "jira.addComment",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/issue/{issueIdOrKey}/comment",
  summary: "Adds a comment to an issue.",
  description:
    'Body: {"body": <ADF document>} with optional "visibility": {"type": "role"|"group", "value": "..."}. Plain-string bodies are rejected.',
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: EXPAND_QUERY,
  body: {
    type: "object",
    properties: {
      body: { ...ADF_DOC, description: "The comment text in Atlassian Document Format." },
      visibility: {
        type: "object",
        description: "Restricts who can see the comment.",
        properties: {
          type: { type: "string", enum: ["group", "role"], description: "Whether `value` names a group or a project role." },
          value: { type: "string", description: "The group or role name." },
          identifier: { type: ["string", "null"], description: "The group id or role name." },
        },
      },
      properties: { type: "array", items: { type: "object" }, description: "Comment properties." },
    },
    required: ["body"],
  },
  mutates: true,
  run: ({ site, caller, params, args, body }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    if (!hasPermission(site, caller, found.project, "ADD_COMMENTS"))
      return jiraError(403, ["You do not have permission to comment on this issue."]);
    const built = buildComment(site, caller, found.issue.id, found.project, body);
    if (!built.ok) return jiraError(400, [], { [built.field]: built.message });
    appendComments(site, found.issue, [built.comment]);
    return json(201, render(site, built.comment, expandSet(args["expand"]).has("renderedbody")));
  },
};

export const getComment: Operation = {
  id: "jira.getComment",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/{issueIdOrKey}/comment/{id}",
  summary: "Returns a comment.",
  pathParams: {
    type: "object",
    properties: {
      issueIdOrKey: { type: "string", description: "The ID or key of the issue." },
      id: { type: "string", description: "The ID of the comment." },
    },
    required: ["issueIdOrKey", "id"],
  },
  query: EXPAND_QUERY,
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const id = params["id"] ?? "";
    const comment = site.jira.comments.get(id);
    if (!comment || comment.issueId !== found.issue.id || !commentVisibleTo(site, caller, found.project, comment))
      return jiraError(404, [`Can not find a comment for the id: ${id}.`]);
    return json(200, render(site, comment, expandSet(args["expand"]).has("renderedbody")));
  },
};
