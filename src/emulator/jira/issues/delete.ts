import { noContent } from "../../http.js";
import type { Operation } from "../../operation.js";
import { jiraError, MESSAGES } from "../errors.js";
import { findVisibleIssue } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { ISSUE_ID_OR_KEY_PATH } from "../schemas.js";
import { deleteIssue as removeIssue } from "./store.js";

export const deleteIssue: Operation = {
  id: "jira.deleteIssue",
  product: "jira",
  method: "DELETE",
  path: "/rest/api/3/issue/{issueIdOrKey}",
  summary: "Deletes an issue. An issue with subtasks can only be deleted with deleteSubtasks=true.",
  pathParams: ISSUE_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      deleteSubtasks: {
        type: "string",
        enum: ["true", "false"],
        default: "false",
        description: "Whether the issue's subtasks are deleted too.",
      },
    },
  },
  mutates: true,
  run: ({ site, caller, params, args }) => {
    const found = findVisibleIssue(site, caller, params["issueIdOrKey"] ?? "");
    if (!found) return jiraError(404, [MESSAGES.issueNotFound]);
    const { issue, project } = found;
    if (!hasPermission(site, caller, project, "DELETE_ISSUES"))
      return jiraError(403, ["You do not have permission to delete issues in this project."]);
    const hasSubtasks = issue.childIds.some((id) => {
      const child = site.jira.issues.get(id);
      return child !== undefined && site.jira.issueTypes.get(child.issueTypeId)?.subtask === true;
    });
    if (hasSubtasks && args["deleteSubtasks"] !== "true")
      return jiraError(400, [
        `The issue '${issue.key}' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with all its subtasks.`,
      ]);
    removeIssue(site, issue);
    return noContent();
  },
};
