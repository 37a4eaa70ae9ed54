import { json, noContent } from "../../http.js";
import type { Operation } from "../../operation.js";
import { expandSet } from "../args.js";
import { fieldErrors, jiraError, MESSAGES } from "../errors.js";
import { draftHasValue, requiredMessage } from "../fields/input.js";
import { selectFields } from "../fields/select.js";
import { findVisibleIssue } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { renderIssue } from "../render/issue.js";
import { ISSUE_ID_OR_KEY_PATH, issueUpdateSchema } from "../schemas.js";
import type { IssueRecord } from "../state.js";
import { issueTypeConfig } from "../workflow.js";
import { applyUpdateBody, draftFields } from "./apply-update.js";
import { appendComments, replaceIssue } from "./store.js";

export const editIssue: Operation = {
  id: "jira.editIssue",
  product: "jira",
  method: "PUT",
  path: "/rest/api/3/issue/{issueIdOrKey}",
  summary: "Edits an issue: `fields` sets values, `update` applies operations (add, set, remove) per field.",
  description:
    'Example: {"fields": {"summary": "New title"}, "update": {"labels": [{"add": "triaged"}, {"remove": "blocker"}]}}. Only fields on the edit screen can be set; status changes need a transition. Returns 204, or the issue with returnIssue=true.',
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      notifyUsers: { type: "boolean", description: "Whether watchers are notified." },
      overrideScreenSecurity: { type: "boolean" },
      overrideEditableFlag: { type: "boolean" },
      returnIssue: { type: "boolean", description: "Return the edited issue (200) instead of 204." },
      expand: { type: "string", description: "Expand options for the returned issue." },
    },
  },
  body: issueUpdateSchema("edit", "The field values and update operations to apply."),
  mutates: true,
  run: ({ site, caller, params, args, body }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const { issue, project } = found;
    if (!hasPermission(site, caller, project, "EDIT_ISSUES"))
      return jiraError(403, ["You do not have permission to edit issues in this project."]);
    const config = issueTypeConfig(project, issue.issueTypeId);
    const issueType = site.jira.issueTypes.get(issue.issueTypeId);
    if (!config || !issueType) return jiraError(400, ["The issue type of this issue is not configured in its project."]);

    const { ops, draft, errors, comments } = applyUpdateBody({ site, caller, issue, project, issueType }, body, new Set(config.editScreen));
    const touched = new Set(ops.map((o) => o.fieldId));
    for (const field of config.createScreen) {
      if (field.required && touched.has(field.fieldId) && !errors.has(field.fieldId) && !draftHasValue(draft, field.fieldId))
        errors.add(field.fieldId, requiredMessage(field.fieldId));
    }
    if (errors.size > 0) return fieldErrors(errors);

    let next: IssueRecord = issue;
    if (ops.length > 0) {
      next = { ...issue, ...draftFields(draft), updated: site.now() };
      replaceIssue(site, issue, next);
      next = appendComments(site, next, comments);
    }
    if (args["returnIssue"] !== true) return noContent();
    return json(200, renderIssue(site, caller, next, project, { selection: selectFields([], "*all"), expand: expandSet(args["expand"]) }));
  },
};
