import type { Operation } from "../../operation.js";
import { jiraError } from "../errors.js";

/**
 * The old `/rest/api/3/search` endpoints: still in the spec (deprecated) and still in many
 * agents' training data, but removed from Jira Cloud, which answers 410 Gone with this message.
 */
const REMOVED_MESSAGE =
  "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

const REMOVED_DESCRIPTION = "Removed from Jira Cloud: always answers 410 Gone. Use /rest/api/3/search/jql.";

export const searchRemovedGet: Operation = {
  id: "jira.searchForIssuesUsingJql",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/search",
  summary: "Removed: the old JQL search (use /rest/api/3/search/jql).",
  description: REMOVED_DESCRIPTION,
  mutates: false,
  removed: true,
  run: () => jiraError(410, [REMOVED_MESSAGE]),
};

export const searchRemovedPost: Operation = {
  id: "jira.searchForIssuesUsingJqlPost",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/search",
  summary: "Removed: the old JQL search (use /rest/api/3/search/jql).",
  description: REMOVED_DESCRIPTION,
  mutates: false,
  removed: true,
  run: () => jiraError(410, [REMOVED_MESSAGE]),
};

/** Operations that exist only to answer that they are gone. */
export const REMOVED_OPERATIONS: readonly Operation[] = [searchRemovedGet, searchRemovedPost];
