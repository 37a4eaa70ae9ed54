import { json } from "../../http.js";
import type { Operation } from "../../operation.js";
import { expandSet } from "../args.js";
import { jiraError, MESSAGES } from "../errors.js";
import { selectFieldsArg } from "../fields/select.js";
import { findVisibleIssue } from "../lookup.js";
import { renderIssue } from "../render/issue.js";
import { ISSUE_ID_OR_KEY_PATH } from "../schemas.js";

export const getIssue: Operation = {
  id: "jira.getIssue",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/{issueIdOrKey}",
  summary: "Returns the details for an issue.",
  description:
    "Returns all fields by default; `fields` limits them (e.g. `summary,status`, `*navigable`, `-comment`). `expand=transitions,names` adds the available transitions and field display names.",
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      fields: {
        type: "array",
        items: { type: "string" },
        description: "Fields to return (comma-separated): `*all` (default), `*navigable`, field IDs, `-field` to exclude.",
      },
      fieldsByKeys: { type: "boolean", description: "Whether `fields` lists field keys rather than IDs." },
      expand: { type: "string", description: "Comma-separated: `names`, `schema`, `transitions`, `renderedFields`, `changelog`, ..." },
      properties: { type: "array", items: { type: "string" }, description: "Issue properties to return." },
      updateHistory: { type: "boolean", description: "Whether to add the issue to the user's history." },
      failFast: { type: "boolean", description: "Whether to fail fast when a field cannot be loaded." },
    },
  },
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const selection = selectFieldsArg(args["fields"], "*all");
    return json(200, renderIssue(site, caller, found.issue, found.project, { selection, expand: expandSet(args["expand"]) }));
  },
};
