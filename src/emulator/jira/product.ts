import type { Operation, Product } from "../operation.js";
import { addComment, getComment, getComments } from "./comments/operations.js";
import { createIssues } from "./issues/bulk.js";
import { createIssue } from "./issues/create.js";
import { deleteIssue } from "./issues/delete.js";
import { editIssue } from "./issues/edit.js";
import { getIssue } from "./issues/get.js";
import { getIssueLinkTypes, linkIssues } from "./links.js";
import { getFields, getIssueAllTypes, getStatuses, searchPriorities, searchResolutions } from "./metadata/catalog-ops.js";
import { getCreateIssueMetaIssueTypeId, getCreateIssueMetaIssueTypes } from "./metadata/createmeta.js";
import { getProject, searchProjects } from "./projects.js";
import { rejectJira } from "./reject.js";
import { countIssues, searchJqlGet, searchJqlPost } from "./search/operations.js";
import { REMOVED_OPERATIONS } from "./search/removed.js";
import { doTransition, getTransitions } from "./transitions/operations.js";
import { findUsers, getCurrentUser, getUser } from "./users-api.js";

/** Every emulated Jira Cloud REST v3 operation. */
export const jiraOperations: readonly Operation[] = [
  getCurrentUser,
  findUsers,
  getUser,
  searchProjects,
  getProject,
  getIssueAllTypes,
  getCreateIssueMetaIssueTypes,
  getCreateIssueMetaIssueTypeId,
  searchPriorities,
  searchResolutions,
  getStatuses,
  getFields,
  createIssue,
  createIssues,
  getIssue,
  editIssue,
  deleteIssue,
  getTransitions,
  doTransition,
  getComments,
  addComment,
  getComment,
  linkIssues,
  getIssueLinkTypes,
  searchJqlGet,
  searchJqlPost,
  countIssues,
  ...REMOVED_OPERATIONS,
];

export const jiraProduct: Product = {
  name: "jira",
  owns: (path) => path.startsWith("/rest/api/3/"),
  operations: jiraOperations,
  reject: (_request, rejection) => rejectJira(rejection),
};
