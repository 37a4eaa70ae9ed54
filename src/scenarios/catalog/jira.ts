/**
 * What scenario generators know about a world's Jira: projects with their issue types and
 * create-screen fields, people, priorities, resolutions and every issue, read once per world
 * through the public API and cached.
 */
import type { Site } from "../../emulator/index.js";
import { apiGet, arr, obj, optStr, str } from "./api.js";

export interface CatalogField {
  fieldId: string;
  name: string;
  required: boolean;
}

export interface CatalogIssueType {
  id: string;
  name: string;
  subtask: boolean;
  /** Create-screen fields of this type in this project. */
  fields: CatalogField[];
}

export interface CatalogProject {
  id: string;
  key: string;
  name: string;
  leadAccountId: string;
  issueTypes: CatalogIssueType[];
}

export interface CatalogUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  active: boolean;
}

export interface CatalogIssue {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  typeId: string;
  typeName: string;
  subtask: boolean;
  statusName: string;
  statusCategory: string;
  assigneeId: string | null;
  reporterId: string | null;
  priorityName: string | null;
  labels: string[];
  parentKey: string | null;
}

export interface JiraCatalog {
  projects: CatalogProject[];
  users: CatalogUser[];
  priorities: Array<{ id: string; name: string }>;
  resolutions: Array<{ id: string; name: string }>;
  issues: CatalogIssue[];
}

const ISSUE_FIELDS = "summary,issuetype,status,assignee,reporter,priority,labels,parent,project";

export function readJiraCatalog(site: Site): JiraCatalog {
  const projects = readProjects(site);
  return {
    projects,
    users: readUsers(site),
    priorities: arr(obj(apiGet(site, "/rest/api/3/priority/search", { maxResults: "100" }))["values"]).map(idName),
    resolutions: arr(obj(apiGet(site, "/rest/api/3/resolution/search", { maxResults: "100" }))["values"]).map(idName),
    issues: projects.flatMap((p) => readIssues(site, p.key)),
  };
}

function idName(value: unknown): { id: string; name: string } {
  const o = obj(value);
  return { id: str(o["id"]), name: str(o["name"]) };
}

function readProjects(site: Site): CatalogProject[] {
  const out: CatalogProject[] = [];
  for (let startAt = 0; ;) {
    const page = obj(apiGet(site, "/rest/api/3/project/search", { startAt: String(startAt), maxResults: "50" }));
    const values = arr(page["values"]);
    for (const value of values) {
      const key = str(obj(value)["key"]);
      const project = obj(apiGet(site, `/rest/api/3/project/${encodeURIComponent(key)}`));
      out.push({
        id: str(project["id"]),
        key,
        name: str(project["name"]),
        leadAccountId: str(obj(project["lead"])["accountId"]),
        issueTypes: readIssueTypes(site, key),
      });
    }
    if (page["isLast"] !== false || values.length === 0) return out;
    startAt += values.length;
  }
}

function readIssueTypes(site: Site, projectKey: string): CatalogIssueType[] {
  const meta = obj(apiGet(site, `/rest/api/3/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes`, { maxResults: "50" }));
  return arr(meta["issueTypes"] ?? meta["createMetaIssueType"]).map((value) => {
    const type = obj(value);
    const id = str(type["id"]);
    const fieldsPage = obj(
      apiGet(site, `/rest/api/3/issue/createmeta/${encodeURIComponent(projectKey)}/issuetypes/${id}`, { maxResults: "100" }),
    );
    const fields = arr(fieldsPage["fields"] ?? fieldsPage["results"]).map((f) => {
      const field = obj(f);
      return { fieldId: str(field["fieldId"] ?? field["key"]), name: str(field["name"]), required: field["required"] === true };
    });
    return { id, name: str(type["name"]), subtask: type["subtask"] === true, fields };
  });
}

function readUsers(site: Site): CatalogUser[] {
  const out = new Map<string, CatalogUser>();
  for (let startAt = 0; ; startAt += 50) {
    const page = arr(apiGet(site, "/rest/api/3/user/search", { query: "", startAt: String(startAt), maxResults: "50" }));
    for (const value of page) {
      const user = obj(value);
      if (user["accountType"] !== undefined && user["accountType"] !== "atlassian") continue;
      const accountId = str(user["accountId"]);
      out.set(accountId, {
        accountId,
        displayName: str(user["displayName"]),
        emailAddress: str(user["emailAddress"]),
        active: user["active"] !== false,
      });
    }
    if (page.length < 50) return [...out.values()];
  }
}

function readIssues(site: Site, projectKey: string): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  let token: string | undefined;
  do {
    const query: Record<string, string> = { jql: `project = "${projectKey}" ORDER BY key ASC`, fields: ISSUE_FIELDS, maxResults: "100" };
    if (token) query["nextPageToken"] = token;
    const page = obj(apiGet(site, "/rest/api/3/search/jql", query));
    for (const value of arr(page["issues"])) out.push(toIssue(obj(value), projectKey));
    token = optStr(page["nextPageToken"]) ?? undefined;
  } while (token);
  return out;
}

function toIssue(issue: Record<string, unknown>, projectKey: string): CatalogIssue {
  const fields = obj(issue["fields"]);
  const type = obj(fields["issuetype"]);
  const status = obj(fields["status"]);
  return {
    id: str(issue["id"]),
    key: str(issue["key"]),
    projectKey,
    summary: str(fields["summary"]),
    typeId: str(type["id"]),
    typeName: str(type["name"]),
    subtask: type["subtask"] === true,
    statusName: str(status["name"]),
    statusCategory: str(obj(status["statusCategory"])["key"]),
    assigneeId: optStr(obj(fields["assignee"])["accountId"]),
    reporterId: optStr(obj(fields["reporter"])["accountId"]),
    priorityName: optStr(obj(fields["priority"])["name"]),
    labels: arr(fields["labels"]).map(str),
    parentKey: optStr(obj(fields["parent"])["key"]),
  };
}
