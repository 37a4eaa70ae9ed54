import type { User } from "../../core/users.js";
import { json, type EmuResponse } from "../../http.js";
import type { JsonSchema, Operation } from "../../operation.js";
import type { Site } from "../../site.js";
import { expandSet, intArg, listArg } from "../args.js";
import { jiraError, MESSAGES } from "../errors.js";
import { selectFields } from "../fields/select.js";
import type { CompiledJql } from "../jql/types.js";
import { own } from "../lookup.js";
import { namesOf, renderIssue, schemaOf } from "../render/issue.js";
import { compileForSite } from "./compiled.js";
import { issueCorpus, type Candidate } from "./corpus.js";
import { decodePageToken, encodePageToken } from "./token.js";
import { issueView } from "./view.js";
import { visibleProjectIds } from "./visibility.js";

/** Page size limits of `/search/jql`: 5000 when only ids or keys are requested, 100 otherwise. */
export const MAX_RESULTS_IDS = 5000;
export const MAX_RESULTS_FIELDS = 100;
export const DEFAULT_MAX_RESULTS = 50;

interface SearchInput {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  expand: Set<string>;
}

type Compiled = { ok: true; query: CompiledJql } | { ok: false; response: EmuResponse };

/** Compiles JQL for `/search/jql` and the count endpoint, refusing unbounded queries as Jira does. */
function compileBounded(site: Site, caller: User, jql: string): Compiled {
  const result = compileForSite(site, caller, jql);
  if (!result.ok) return { ok: false, response: jiraError(400, result.errorMessages) };
  if (!result.query.bounded) return { ok: false, response: jiraError(400, [MESSAGES.unboundedJql]) };
  return { ok: true, query: result.query };
}

/** Issues the caller can see that match, in the query's order: the first `limit` of them. */
function matchingIssues(site: Site, caller: User, query: CompiledJql, limit = Infinity): Candidate[] {
  const visible = visibleProjectIds(site, caller);
  const keys = query.narrowing?.issueKeys;
  const projectKeys = query.narrowing?.projectKeys;
  const out: Candidate[] = [];
  if (keys) {
    // A handful of named issues: look them up and sort the matches.
    const inProjects = projectKeys ? new Set(projectKeys.map((k) => k.toUpperCase())) : undefined;
    for (const key of new Set(keys.map((k) => k.toUpperCase()))) {
      const id = site.jira.issueKeys.get(key);
      const issue = id === undefined ? undefined : site.jira.issues.get(id);
      if (!issue || !visible.has(issue.projectId)) continue;
      const view = issueView(site, issue);
      if (inProjects && !inProjects.has(view.projectKey.toUpperCase())) continue;
      if (query.matches(view)) out.push({ issue, view });
    }
    return out.sort((a, b) => query.compare(a.view, b.view)).slice(0, limit);
  }
  // Otherwise scan the corpus (only the named projects' issues when the query is restricted to some), already in
  // order, so the scan can stop once it has what the page needs.
  for (const candidate of issueCorpus(site).ordered(query.compare, projectKeys)) {
    if (out.length >= limit) break;
    if (visible.has(candidate.view.projectId) && query.matches(candidate.view)) out.push(candidate);
  }
  return out;
}

function search(site: Site, caller: User, input: SearchInput): EmuResponse {
  const compiled = compileBounded(site, caller, input.jql);
  if (!compiled.ok) return compiled.response;
  let offset = 0;
  // An empty token is the first page, as clients send `nextPageToken=` before they have one.
  if (input.nextPageToken !== undefined && input.nextPageToken !== "") {
    const decoded = decodePageToken(input.nextPageToken, input.jql);
    if (decoded === undefined) return jiraError(400, ["The provided next page token is invalid or expired."]);
    offset = decoded;
  }
  const selection = selectFields(input.fields, "id");
  const keysOnly = selection.idOnly || selection.fields.length === 0;
  const cap = keysOnly ? MAX_RESULTS_IDS : MAX_RESULTS_FIELDS;
  const size = Math.min(Math.max(1, input.maxResults), cap);

  // One match past the page says whether another page follows (/search/jql reports no total).
  const matches = matchingIssues(site, caller, compiled.query, offset + size + 1);
  const pageItems = matches.slice(offset, offset + size);
  const end = offset + pageItems.length;
  const perIssueExpand = new Set([...input.expand].filter((e) => e !== "names" && e !== "schema"));
  const issues = pageItems.map(({ issue }) => {
    if (selection.idOnly && perIssueExpand.size === 0) return { id: issue.id };
    const project = site.jira.projects.get(issue.projectId)!;
    return renderIssue(site, caller, issue, project, { selection, expand: perIssueExpand });
  });
  const body: Record<string, unknown> = { issues };
  if (input.expand.has("names")) body["names"] = namesOf(selection.fields);
  if (input.expand.has("schema")) body["schema"] = schemaOf(selection.fields);
  if (end < matches.length) body["nextPageToken"] = encodePageToken(end, input.jql);
  body["isLast"] = end >= matches.length;
  return json(200, body);
}

const SEARCH_DESCRIPTION =
  "The JQL must be bounded (e.g. `project = PROJ`, `assignee = currentUser()`); returns only issue ids unless `fields` is given; pages with `nextPageToken` (no `total`).";

const SEARCH_PROPERTIES: Record<string, JsonSchema> = {
  jql: { type: "string", description: 'A bounded JQL expression, e.g. `project = PROJ AND status = "In Progress" ORDER BY created DESC`.' },
  nextPageToken: { type: "string", description: "Token of the page to fetch (from the previous response); omit for the first page." },
  maxResults: { type: "integer", description: "Maximum issues per page (default 50; up to 5000 for ids only, 100 with fields)." },
  fields: {
    type: "array",
    items: { type: "string" },
    description: "Fields to return: `*all`, `*navigable`, field IDs, `-field`. Default `id`.",
  },
  expand: { type: "string", description: "Comma-separated: `names`, `schema`, `transitions`, ..." },
  properties: { type: "array", items: { type: "string" }, description: "Up to 5 issue properties to include." },
  fieldsByKeys: { type: "boolean", description: "Reference fields by key rather than ID." },
};

export const searchJqlGet: Operation = {
  id: "jira.searchAndReconsileIssuesUsingJql",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/search/jql",
  summary: "Searches for issues using JQL, paginated with nextPageToken.",
  description: SEARCH_DESCRIPTION,
  query: {
    type: "object",
    properties: {
      ...SEARCH_PROPERTIES,
      failFast: { type: "boolean", description: "Fail early when field data cannot be retrieved." },
      reconcileIssues: { type: "array", items: { type: "integer" }, description: "Issue ids to reconcile with the results." },
    },
  },
  mutates: false,
  run: ({ site, caller, args }) =>
    search(site, caller, {
      jql: typeof args["jql"] === "string" ? args["jql"] : "",
      nextPageToken: typeof args["nextPageToken"] === "string" ? args["nextPageToken"] : undefined,
      maxResults: intArg(args["maxResults"], DEFAULT_MAX_RESULTS),
      fields: listArg(args["fields"]),
      expand: expandSet(args["expand"]),
    }),
};

export const searchJqlPost: Operation = {
  id: "jira.searchAndReconsileIssuesUsingJqlPost",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/search/jql",
  summary: "Searches for issues using JQL (request in the body), paginated with nextPageToken.",
  description: SEARCH_DESCRIPTION,
  body: {
    type: "object",
    properties: {
      ...SEARCH_PROPERTIES,
      expand: { type: "string", description: "Comma-separated: `names`, `schema`, `transitions`, ..." },
      reconcileIssues: { type: "array", items: { type: "integer" }, description: "Issue ids to reconcile with the results." },
    },
    additionalProperties: false,
  },
  mutates: false,
  run: ({ site, caller, body }) => {
    const jql = own(body, "jql");
    const token = own(body, "nextPageToken");
    return search(site, caller, {
      jql: typeof jql === "string" ? jql : "",
      nextPageToken: typeof token === "string" ? token : undefined,
      maxResults: intArg(own(body, "maxResults"), DEFAULT_MAX_RESULTS),
      fields: listArg(own(body, "fields")),
      expand: expandSet(own(body, "expand")),
    });
  },
};

export const countIssues: Operation = {
  id: "jira.countIssues",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/search/approximate-count",
  summary: "Provides an estimated count of the issues that match a bounded JQL query.",
  body: {
    type: "object",
    properties: { jql: { type: "string", description: "A bounded JQL expression, e.g. `project = PROJ`." } },
    additionalProperties: false,
  },
  mutates: false,
  run: ({ site, caller, body }) => {
    const jql = own(body, "jql");
    const compiled = compileBounded(site, caller, typeof jql === "string" ? jql : "");
    if (!compiled.ok) return compiled.response;
    return json(200, { count: matchingIssues(site, caller, compiled.query).length });
  },
};
