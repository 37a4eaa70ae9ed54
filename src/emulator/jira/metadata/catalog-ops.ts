import { json } from "../../http.js";
import type { JsonSchema, Operation } from "../../operation.js";
import { intArg, listArg } from "../args.js";
import { FIELDS } from "../fields/catalog.js";
import { pageBean } from "../page-bean.js";
import { renderIssueType, renderPriorityDetails, renderResolutionDetails, renderStatus } from "../render/catalog.js";

/** Read-only configuration endpoints: issue types, priorities, resolutions, statuses, fields. */

const PAGE_QUERY: Record<string, JsonSchema> = {
  startAt: { type: "string", default: "0", description: "Index of the first item to return." },
  maxResults: { type: "string", default: "50", description: "Maximum number of items to return." },
};

export const getIssueAllTypes: Operation = {
  id: "jira.getIssueAllTypes",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issuetype",
  summary: "Returns all issue types (ids, names, whether they are sub-task types, hierarchy level).",
  mutates: false,
  run: ({ site }) =>
    json(
      200,
      [...site.jira.issueTypes.values()].map((t) => renderIssueType(t, site.meta.baseUrl)),
    ),
};

export const searchPriorities: Operation = {
  id: "jira.searchPriorities",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/priority/search",
  summary: "Returns a paginated list of priorities, optionally filtered by id, name or default.",
  query: {
    type: "object",
    properties: {
      ...PAGE_QUERY,
      id: { type: "array", items: { type: "string" }, description: "Priority IDs to return." },
      projectId: { type: "array", items: { type: "string" }, description: "Project IDs whose priorities to return." },
      priorityName: { type: "string", description: "Name (or part of it) to search for." },
      onlyDefault: { type: "boolean", default: false, description: "Return only the default priority." },
      expand: { type: "string", description: "`schemes` adds the associated priority schemes." },
    },
  },
  mutates: false,
  run: ({ site, args }) => {
    const ids = new Set(listArg(args["id"]));
    const name = typeof args["priorityName"] === "string" ? args["priorityName"].toLowerCase() : "";
    const priorities = [...site.jira.priorities.values()].filter(
      (p) =>
        (ids.size === 0 || ids.has(p.id)) &&
        (name === "" || p.name.toLowerCase().includes(name)) &&
        (args["onlyDefault"] !== true || p.isDefault),
    );
    const url = `${site.meta.baseUrl}/rest/api/3/priority/search`;
    const startAt = Math.max(0, intArg(args["startAt"], 0));
    const maxResults = Math.max(1, intArg(args["maxResults"], 50));
    return json(
      200,
      pageBean(url, priorities, startAt, maxResults, (p) => renderPriorityDetails(p, site.meta.baseUrl)),
    );
  },
};

export const searchResolutions: Operation = {
  id: "jira.searchResolutions",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/resolution/search",
  summary: "Returns a paginated list of resolutions (e.g. Done, Won't Do, Duplicate).",
  query: {
    type: "object",
    properties: {
      ...PAGE_QUERY,
      id: { type: "array", items: { type: "string" }, description: "Resolution IDs to return." },
      onlyDefault: { type: "boolean", default: false, description: "Return only the default resolution." },
    },
  },
  mutates: false,
  run: ({ site, args }) => {
    const ids = new Set(listArg(args["id"]));
    const resolutions = [...site.jira.resolutions.values()].filter(
      (r) => (ids.size === 0 || ids.has(r.id)) && (args["onlyDefault"] !== true || r.isDefault),
    );
    const url = `${site.meta.baseUrl}/rest/api/3/resolution/search`;
    const startAt = Math.max(0, intArg(args["startAt"], 0));
    const maxResults = Math.max(1, intArg(args["maxResults"], 50));
    return json(
      200,
      pageBean(url, resolutions, startAt, maxResults, (r) => renderResolutionDetails(r, site.meta.baseUrl)),
    );
  },
};

export const getStatuses: Operation = {
  id: "jira.getStatuses",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/status",
  summary: "Returns all statuses with their status categories.",
  mutates: false,
  run: ({ site }) =>
    json(
      200,
      [...site.jira.statuses.values()].map((s) => renderStatus(s, site.meta.baseUrl)),
    ),
};

export const getFields: Operation = {
  id: "jira.getFields",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/field",
  summary: "Returns system and custom issue fields (ids, names, JQL clause names, schemas).",
  mutates: false,
  run: () =>
    json(
      200,
      FIELDS.map((f) => ({
        id: f.id,
        key: f.id,
        name: f.name,
        custom: f.custom,
        orderable: f.orderable,
        navigable: f.navigable,
        searchable: f.searchable,
        clauseNames: [...f.clauseNames],
        schema: { ...f.schema },
      })),
    ),
};
