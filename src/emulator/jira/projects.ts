import type { User } from "../core/users.js";
import { json } from "../http.js";
import type { Operation } from "../operation.js";
import type { Site } from "../site.js";
import { expandSet, intArg, listArg } from "./args.js";
import { jiraError, MESSAGES } from "./errors.js";
import { findVisibleProject } from "./lookup.js";
import { pageBean } from "./page-bean.js";
import { canBrowse, hasPermission } from "./permissions.js";
import { projectAvatarUrls, renderIssueType } from "./render/catalog.js";
import { renderUser } from "./render/user.js";
import { PROJECT_ID_OR_KEY_PATH } from "./schemas.js";
import type { ProjectPermission, ProjectRecord } from "./state.js";
import { formatJiraDateTime } from "./time.js";

const PROJECT_EXPAND = "description,lead,issueTypes,url,projectKeys,permissions,insight";

function category(site: Site, project: ProjectRecord): Record<string, unknown> | undefined {
  if (!project.category) return undefined;
  return {
    self: `${site.meta.baseUrl}/rest/api/3/projectCategory/${project.category.id}`,
    id: project.category.id,
    name: project.category.name,
    description: project.category.description,
  };
}

function insight(site: Site, project: ProjectRecord): Record<string, unknown> {
  let total = 0;
  let last = 0;
  for (const issue of site.jira.issues.values()) {
    if (issue.projectId !== project.id) continue;
    total++;
    if (issue.updated > last) last = issue.updated;
  }
  return last > 0 ? { totalIssueCount: total, lastIssueUpdateTime: formatJiraDateTime(last) } : { totalIssueCount: total };
}

/**
 * The spec's `Project`. `full` is the single-project form (description, lead, issue types and roles
 * always present); the search form adds those only when expanded.
 */
function renderProject(site: Site, project: ProjectRecord, expand: ReadonlySet<string>, full: boolean): Record<string, unknown> {
  const baseUrl = site.meta.baseUrl;
  const self = `${baseUrl}/rest/api/3/project/${project.id}`;
  const out: Record<string, unknown> = { expand: PROJECT_EXPAND, self, id: project.id, key: project.key };
  if (full || expand.has("description")) out["description"] = project.description;
  const lead = site.user(project.leadAccountId);
  if ((full || expand.has("lead")) && lead) out["lead"] = renderUser(lead, baseUrl);
  if (full) out["components"] = [];
  if (full || expand.has("issuetypes")) {
    out["issueTypes"] = project.issueTypes
      .map((c) => site.jira.issueTypes.get(c.issueTypeId))
      .filter((t) => t !== undefined)
      .map((t) => renderIssueType(t, baseUrl));
  }
  if (full) {
    out["assigneeType"] = project.assigneeType;
    out["versions"] = [];
  }
  out["name"] = project.name;
  if (full) {
    const roles: Record<string, string> = {};
    for (const role of project.roles) roles[role.name] = `${self}/role/${role.id}`;
    out["roles"] = roles;
  }
  out["avatarUrls"] = projectAvatarUrls(baseUrl, project.id);
  const projectCategory = category(site, project);
  if (projectCategory) out["projectCategory"] = projectCategory;
  out["projectTypeKey"] = project.projectTypeKey;
  out["simplified"] = false;
  out["style"] = "classic";
  out["isPrivate"] = project.isPrivate;
  out["properties"] = {};
  out["uuid"] = project.uuid;
  if (expand.has("insight")) out["insight"] = insight(site, project);
  return out;
}

const ACTION_PERMISSION: Readonly<Record<string, ProjectPermission>> = {
  view: "BROWSE_PROJECTS",
  browse: "BROWSE_PROJECTS",
  edit: "EDIT_ISSUES",
  create: "CREATE_ISSUES",
};

function compareBy(orderBy: string): (a: ProjectRecord, b: ProjectRecord) => number {
  const descending = orderBy.startsWith("-");
  const key = orderBy.replace(/^[+-]/, "");
  const value = (p: ProjectRecord) => (key === "name" ? p.name.toLowerCase() : key === "category" ? (p.category?.name ?? "") : p.key);
  return (a, b) => {
    const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
    return descending ? -order : order;
  };
}

function visibleProjects(site: Site, caller: User, action: string): ProjectRecord[] {
  const permission = ACTION_PERMISSION[action] ?? "BROWSE_PROJECTS";
  return [...site.jira.projects.values()].filter((p) => canBrowse(site, caller, p) && hasPermission(site, caller, p, permission));
}

export const searchProjects: Operation = {
  id: "jira.searchProjects",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/project/search",
  summary: "Returns a paginated list of projects visible to the user, optionally filtered by name or key.",
  query: {
    type: "object",
    properties: {
      startAt: { type: "integer", minimum: 0, default: 0, description: "Index of the first project to return." },
      maxResults: { type: "integer", default: 50, description: "Maximum number of projects to return (at most 100)." },
      orderBy: {
        type: "string",
        enum: [
          "category",
          "-category",
          "+category",
          "key",
          "-key",
          "+key",
          "name",
          "-name",
          "+name",
          "owner",
          "-owner",
          "+owner",
          "issueCount",
          "-issueCount",
          "+issueCount",
          "lastIssueUpdatedDate",
          "-lastIssueUpdatedDate",
          "+lastIssueUpdatedDate",
          "archivedDate",
          "+archivedDate",
          "-archivedDate",
          "deletedDate",
          "+deletedDate",
          "-deletedDate",
        ],
        default: "key",
        description: "Order by `key` (default), `name` or `category`; prefix `-` for descending.",
      },
      id: { type: "array", items: { type: "integer" }, description: "Project IDs to return." },
      keys: { type: "array", items: { type: "string" }, description: "Project keys to return." },
      query: { type: "string", description: "Matches project key or name (case insensitive)." },
      typeKey: { type: "string", description: "Project types, comma-separated: `business`, `software`, `service_desk`." },
      categoryId: { type: "integer", description: "Project category ID." },
      action: {
        type: "string",
        enum: ["view", "browse", "edit", "create"],
        default: "view",
        description: "Only projects where the user can do this.",
      },
      expand: { type: "string", description: "Comma-separated: `description`, `lead`, `issueTypes`, `url`, `insight`." },
      status: { type: "array", items: { type: "string", enum: ["live", "archived", "deleted"] } },
    },
  },
  mutates: false,
  run: ({ site, caller, args }) => {
    const query = typeof args["query"] === "string" ? args["query"].toLowerCase() : "";
    const ids = new Set((Array.isArray(args["id"]) ? args["id"] : []).map(String));
    const keys = new Set(listArg(args["keys"]));
    const types = new Set(listArg(args["typeKey"]));
    const categoryId = args["categoryId"] === undefined ? undefined : String(args["categoryId"]);
    const status = listArg(args["status"]);
    const projects = visibleProjects(site, caller, typeof args["action"] === "string" ? args["action"] : "view")
      .filter((p) => ids.size === 0 || ids.has(p.id))
      .filter((p) => keys.size === 0 || keys.has(p.key))
      .filter((p) => query === "" || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
      .filter((p) => types.size === 0 || types.has(p.projectTypeKey))
      .filter((p) => categoryId === undefined || p.category?.id === categoryId)
      .filter(() => status.length === 0 || status.includes("live"))
      .sort(compareBy(typeof args["orderBy"] === "string" ? args["orderBy"] : "key"));
    const startAt = Math.max(0, intArg(args["startAt"], 0));
    const maxResults = Math.min(100, Math.max(1, intArg(args["maxResults"], 50)));
    const expand = expandSet(args["expand"]);
    const url = `${site.meta.baseUrl}/rest/api/3/project/search`;
    return json(
      200,
      pageBean(url, projects, startAt, maxResults, (p) => renderProject(site, p, expand, false)),
    );
  },
};

export const getProject: Operation = {
  id: "jira.getProject",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/project/{projectIdOrKey}",
  summary: "Returns the project details: lead, issue types, roles, category.",
  pathParams: PROJECT_ID_OR_KEY_PATH,
  query: {
    type: "object",
    properties: {
      expand: {
        type: "string",
        description: "Comma-separated: `description`, `issueTypes`, `lead`, `projectKeys`, `issueTypeHierarchy`, `insight`.",
      },
      properties: { type: "array", items: { type: "string" }, description: "Project properties to return." },
    },
  },
  mutates: false,
  run: ({ site, caller, params, args }) => {
    const idOrKey = params["projectIdOrKey"] ?? "";
    const project = findVisibleProject(site, caller, idOrKey);
    if (!project) return jiraError(404, [MESSAGES.projectNotFound(idOrKey)]);
    return json(200, renderProject(site, project, expandSet(args["expand"]), true));
  },
};
