import { generateSite, handle, Site } from "../../../src/emulator/index.js";
import type { EmuResponse } from "../../../src/emulator/http.js";
import type { User } from "../../../src/emulator/core/users.js";
import type { IssueRecord, ProjectRecord } from "../../../src/emulator/jira/state.js";
import { hasPermission } from "../../../src/emulator/jira/permissions.js";

/** Shared fixtures for the Jira emulator tests: one frozen site per seed, forked per test. */

const templates = new Map<number, Site>();

export function templateSite(seed = 11): Site {
  let site = templates.get(seed);
  if (!site) {
    site = generateSite({ seed });
    templates.set(seed, site);
  }
  return site;
}

export function freshSite(seed = 11): Site {
  return templateSite(seed).fork();
}

export const ADMIN_AUTH = { authorization: `Basic ${Buffer.from("admin@example.com:atlasgym").toString("base64")}` };

export function authOf(user: User): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user.emailAddress}:${user.apiToken}`).toString("base64")}` };
}

export interface CallOptions {
  query?: Record<string, string | string[]>;
  json?: unknown;
  as?: User;
}

/** A client bound to one site: `call("GET", "/issue/X-1")` (paths relative to `/rest/api/3`). */
export function client(site: Site) {
  return (method: string, path: string, options: CallOptions = {}): EmuResponse => {
    const headers = options.as ? authOf(options.as) : ADMIN_AUTH;
    return handle(site, { method, path: `/rest/api/3${path}`, headers, query: options.query, json: options.json });
  };
}

/** Walks a JSON value by keys and indices; undefined when the path does not exist. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** `at(...)` that must be an array. */
export function list(value: unknown, ...path: Array<string | number>): unknown[] {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`expected an array at ${path.join(".")}, got ${JSON.stringify(found)?.slice(0, 200)}`);
  return found;
}

export function projectByKey(site: Site, key: string): ProjectRecord {
  for (const p of site.jira.projects.values()) if (p.key === key) return p;
  throw new Error(`no project ${key}`);
}

/** The first project whose Done transition needs a resolution (a scrum project on the software workflow). */
export function scrumProject(site: Site): ProjectRecord {
  for (const p of site.jira.projects.values()) {
    if (p.issueTypes.some((t) => t.issueTypeId === "10003" && t.workflowId === "10100")) return p;
  }
  throw new Error("no scrum project");
}

export function confidentialProject(site: Site): ProjectRecord {
  for (const p of site.jira.projects.values()) if (p.permissionSchemeId === "10001") return p;
  throw new Error("no confidential project");
}

export function issuesOf(site: Site, project: ProjectRecord): IssueRecord[] {
  return [...site.jira.issues.values()].filter((i) => i.projectId === project.id);
}

/** An active non-admin user, optionally one that can (or cannot) browse a project. */
export function regularUser(site: Site, predicate: (user: User) => boolean = () => true): User {
  for (const user of site.core.users.values()) {
    if (!user.active || user.accountId === site.meta.adminAccountId || user.groups.includes("jira-administrators")) continue;
    if (predicate(user)) return user;
  }
  throw new Error("no matching user");
}

export function outsiderOf(site: Site, project: ProjectRecord): User {
  return regularUser(site, (u) => !hasPermission(site, u, project, "BROWSE_PROJECTS"));
}

export function adf(text: string): Record<string, unknown> {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

/** A canonical, order-preserving dump of every table, for "changed nothing" assertions. */
export function snapshot(site: Site): string {
  const dump = (tables: object) =>
    Object.entries(tables).map(([name, table]) => [name, [...(table as { entries(): Iterable<[string, unknown]> }).entries()]]);
  return JSON.stringify([dump(site.core), dump(site.jira), dump(site.confluence)]);
}
