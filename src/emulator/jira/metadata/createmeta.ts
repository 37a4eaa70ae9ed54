import { json } from "../../http.js";
import type { JsonSchema, Operation } from "../../operation.js";
import { intArg, page } from "../args.js";
import { jiraError, MESSAGES } from "../errors.js";
import { fieldMetadata } from "../fields/metadata.js";
import { findVisibleProject } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { renderIssueType } from "../render/catalog.js";
import { PROJECT_ID_OR_KEY_PATH } from "../schemas.js";
import type { ScreenField } from "../state.js";

const PAGE_QUERY: JsonSchema = {
  type: "object",
  properties: {
    startAt: { type: "integer", minimum: 0, default: 0, description: "Index of the first item to return." },
    maxResults: { type: "integer", minimum: 0, maximum: 200, default: 50, description: "Maximum number of items to return (at most 200)." },
  },
};

export const getCreateIssueMetaIssueTypes: Operation = {
  id: "jira.getCreateIssueMetaIssueTypes",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes",
  summary: "Returns the issue types the user can create in a project.",
  pathParams: PROJECT_ID_OR_KEY_PATH,
  query: PAGE_QUERY,
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const idOrKey = params["projectIdOrKey"] ?? "";
    const project = findVisibleProject(site, caller, idOrKey);
    if (!project) return jiraError(404, [MESSAGES.projectNotFound(idOrKey)]);
    const creatable = hasPermission(site, caller, project, "CREATE_ISSUES");
    const types = creatable ? project.issueTypes.map((c) => site.jira.issueTypes.get(c.issueTypeId)).filter((t) => t !== undefined) : [];
    const startAt = intArg(args["startAt"], 0);
    const maxResults = intArg(args["maxResults"], 50);
    const { values } = page(types, startAt, maxResults);
    return json(200, {
      maxResults,
      startAt,
      total: types.length,
      issueTypes: values.map((t) => renderIssueType(t, site.meta.baseUrl)),
    });
  },
};

export const getCreateIssueMetaIssueTypeId: Operation = {
  id: "jira.getCreateIssueMetaIssueTypeId",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}",
  summary: "Returns the fields of a project's create screen for an issue type, with required flags and allowed values.",
  pathParams: {
    type: "object",
    properties: {
      projectIdOrKey: { type: "string", description: "The ID or key of the project." },
      issueTypeId: { type: "string", description: "The issue type ID (from the issue types of the project)." },
    },
    required: ["projectIdOrKey", "issueTypeId"],
  },
  query: PAGE_QUERY,
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const idOrKey = params["projectIdOrKey"] ?? "";
    const project = findVisibleProject(site, caller, idOrKey);
    if (!project) return jiraError(404, [MESSAGES.projectNotFound(idOrKey)]);
    const typeId = params["issueTypeId"] ?? "";
    const config = project.issueTypes.find((c) => c.issueTypeId === typeId);
    const issueType = site.jira.issueTypes.get(typeId);
    if (!config || !issueType || !hasPermission(site, caller, project, "CREATE_ISSUES"))
      return jiraError(400, [`The issue type with id '${typeId}' does not exist or is not available in project '${project.key}'.`]);
    const screen: ScreenField[] = [
      { fieldId: "issuetype", required: true },
      { fieldId: "project", required: true },
      ...config.createScreen,
    ];
    const fields = screen
      .map((field) => {
        const meta = fieldMetadata(site, field, project, issueType);
        return meta && { ...meta, fieldId: field.fieldId };
      })
      .filter((f) => f !== undefined);
    const startAt = intArg(args["startAt"], 0);
    const maxResults = intArg(args["maxResults"], 50);
    const { values } = page(fields, startAt, maxResults);
    return json(200, { maxResults, startAt, total: fields.length, fields: values });
  },
};
