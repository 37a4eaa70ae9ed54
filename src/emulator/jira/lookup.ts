import type { User } from "../core/users.js";
import type { Site } from "../site.js";
import { canBrowse } from "./permissions.js";
import type { IssueRecord, PriorityRecord, ProjectRecord } from "./state.js";

/** An issue by numeric id or key (keys case-insensitively, as Jira resolves them). */
export function findIssue(site: Site, idOrKey: string): IssueRecord | undefined {
  if (/^\d+$/.test(idOrKey)) return site.jira.issues.get(idOrKey);
  const id = site.jira.issueKeys.get(idOrKey.toUpperCase());
  return id === undefined ? undefined : site.jira.issues.get(id);
}

/** An issue the user may see: undefined both when it does not exist and when it is hidden (Jira does not tell). */
export function findVisibleIssue(site: Site, user: User, idOrKey: string): { issue: IssueRecord; project: ProjectRecord } | undefined {
  const issue = findIssue(site, idOrKey);
  if (!issue) return undefined;
  const project = site.jira.projects.get(issue.projectId);
  if (!project || !canBrowse(site, user, project)) return undefined;
  return { issue, project };
}

/** A project by id or key (project keys are case-sensitive on the path, uppercase by convention). */
export function findProject(site: Site, idOrKey: string): ProjectRecord | undefined {
  if (/^\d+$/.test(idOrKey)) return site.jira.projects.get(idOrKey);
  const id = site.jira.projectKeys.get(idOrKey) ?? site.jira.projectKeys.get(idOrKey.toUpperCase());
  return id === undefined ? undefined : site.jira.projects.get(id);
}

export function findVisibleProject(site: Site, user: User, idOrKey: string): ProjectRecord | undefined {
  const project = findProject(site, idOrKey);
  return project && canBrowse(site, user, project) ? project : undefined;
}

/** Reads a string-ish id that clients send either as a string or as a number (`{"id": 10001}`). */
export function idString(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

/** Own-property read of an untrusted object (never walks the prototype chain). */
export function own(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The site's default priority (what new issues get when none is given). */
export function defaultPriority(site: Site): PriorityRecord | undefined {
  for (const priority of site.jira.priorities.values()) if (priority.isDefault) return priority;
  return undefined;
}
