import { json, noContent } from "../../http.js";
import type { Operation } from "../../operation.js";
import { expandSet } from "../args.js";
import { jiraError, MESSAGES } from "../errors.js";
import { findVisibleIssue } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { transitionsOf } from "../render/issue.js";
import { ISSUE_ID_OR_KEY_PATH, issueUpdateSchema } from "../schemas.js";
import { performTransition } from "./perform.js";

export const getTransitions: Operation = {
  id: "jira.getTransitions",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/{issueIdOrKey}/transitions",
  summary: "Returns the transitions the user can perform on the issue from its current status.",
  description:
    "Use `expand=transitions.fields` to see each transition's screen fields, with required flags and allowed values (e.g. resolution).",
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      expand: { type: "string", description: "`transitions.fields` adds the fields of each transition's screen." },
      transitionId: { type: "string", description: "Return only this transition." },
      skipRemoteOnlyCondition: { type: "boolean" },
      includeUnavailableTransitions: { type: "boolean" },
      sortByOpsBarAndStatus: { type: "boolean" },
    },
  },
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const withFields = expandSet(args["expand"]).has("transitions.fields");
    let transitions = hasPermission(site, caller, found.project, "TRANSITION_ISSUES")
      ? transitionsOf(site, found.issue, found.project, withFields)
      : [];
    const only = args["transitionId"];
    if (typeof only === "string" && only.length > 0) transitions = transitions.filter((t) => t["id"] === only);
    return json(200, { expand: "transitions", transitions });
  },
};

export const doTransition: Operation = {
  id: "jira.doTransition",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/issue/{issueIdOrKey}/transitions",
  summary: "Performs an issue transition and, if the transition has a screen, updates the fields from the transition screen.",
  description:
    'Body: {"transition": {"id": "31"}, "fields": {"resolution": {"name": "Done"}}, "update": {"comment": [{"add": {"body": <ADF>}}]}}. Only transitions from the current status are valid; required screen fields must be given.',
  pathParams: ISSUE_ID_OR_KEY_PATH,
  body: issueUpdateSchema("transition", "The transition and the screen fields to set."),
  mutates: true,
  run: ({ site, caller, params, body }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const outcome = performTransition(site, caller, found.issue, found.project, body);
    return outcome.ok ? noContent() : outcome.response;
  },
};
