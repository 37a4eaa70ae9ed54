/**
 * Finds, on a given start state, the concrete targets of the representative mix: issue keys to read,
 * a project and issue type that accept a create with an ADF description, issues whose next
 * transition needs a resolution, and a Confluence space to create pages in. Discovery goes through
 * the public API on a throwaway fork, so the plan holds only what a client could know.
 */
import { handle, type Site } from "../../src/emulator/index.js";
import { toEmuRequest, type CallSpec } from "./requests.js";

export interface TransitionTarget {
  issueKey: string;
  transitionId: string;
  resolutionName: string;
}

export interface MixPlan {
  /** Issues read by `getIssue`, cycled through. */
  readKeys: string[];
  /** A bounded JQL query matching every issue of the site. */
  siteJql: string;
  createProjectKey: string;
  createIssueTypeId: string;
  /** One per round of an episode: each round resolves a different issue. */
  transitions: TransitionTarget[];
  spaceId: string;
}

type Json = Record<string, unknown>;

function call(site: Site, spec: CallSpec): { status: number; body: Json } {
  const response = handle(site, toEmuRequest(spec));
  return { status: response.status, body: (response.body ?? {}) as Json };
}

function projectKeys(site: Site): string[] {
  const found = call(site, { method: "GET", path: "/rest/api/3/project/search", query: { maxResults: "100" } });
  return ((found.body["values"] as Json[] | undefined) ?? []).map((p) => String(p["key"]));
}

function issueKeys(site: Site, jql: string): string[] {
  const found = call(site, { method: "GET", path: "/rest/api/3/search/jql", query: { jql, fields: "key", maxResults: "5000" } });
  return ((found.body["issues"] as Json[] | undefined) ?? []).map((i) => String(i["key"]));
}

function transitionTarget(site: Site, issueKey: string): TransitionTarget | undefined {
  const found = call(site, { method: "GET", path: `/rest/api/3/issue/${issueKey}/transitions`, query: { expand: "transitions.fields" } });
  for (const t of (found.body["transitions"] as Json[] | undefined) ?? []) {
    const resolution = (t["fields"] as Json | undefined)?.["resolution"] as Json | undefined;
    const allowed = resolution?.["allowedValues"] as Json[] | undefined;
    if (resolution?.["required"] === true && allowed && allowed.length > 0) {
      return { issueKey, transitionId: String(t["id"]), resolutionName: String(allowed[0]!["name"]) };
    }
  }
  return undefined;
}

function createTarget(site: Site, keys: readonly string[]): { projectKey: string; issueTypeId: string } {
  for (const projectKey of keys) {
    const meta = call(site, { method: "GET", path: `/rest/api/3/issue/createmeta/${projectKey}/issuetypes` });
    const types = (meta.body["issueTypes"] as Json[] | undefined) ?? (meta.body["values"] as Json[] | undefined) ?? [];
    for (const type of types) {
      if (type["subtask"] === true) continue;
      const issueTypeId = String(type["id"]);
      const probe = call(site, { method: "POST", path: "/rest/api/3/issue", body: createIssueBody(projectKey, issueTypeId, "probe") });
      if (probe.status === 201) return { projectKey, issueTypeId };
    }
  }
  throw new Error("mix plan: no project accepts an issue with only a summary and a description");
}

/** Discovers the plan on `start` (not changed: discovery writes go to a fork). */
export function planMix(start: Site, rounds: number): MixPlan {
  const site = start.fork();
  const keys = projectKeys(site);
  const siteJql = `project in (${keys.join(", ")}) ORDER BY created DESC`;
  const all = issueKeys(site, siteJql);
  const transitions: TransitionTarget[] = [];
  for (const key of all) {
    const target = transitionTarget(site, key);
    if (target) transitions.push(target);
    if (transitions.length >= rounds) break;
  }
  if (transitions.length < rounds) throw new Error(`mix plan: only ${transitions.length} issues can be resolved, ${rounds} rounds asked`);
  const spaces = call(site, { method: "GET", path: "/wiki/api/v2/spaces", query: { type: "global", limit: "50" } });
  const space = ((spaces.body["results"] as Json[] | undefined) ?? []).find((s) => s["type"] === "global");
  if (!space) throw new Error("mix plan: no global space");
  const { projectKey, issueTypeId } = createTarget(site, keys);
  return {
    readKeys: all.filter((_, i) => i % 7 === 0).slice(0, 16),
    siteJql,
    createProjectKey: projectKey,
    createIssueTypeId: issueTypeId,
    transitions,
    spaceId: String(space["id"]),
  };
}

function adf(text: string): Json {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

function listItem(text: string): Json {
  return { type: "listItem", content: adf(text)["content"] };
}

export function createIssueBody(projectKey: string, issueTypeId: string, summary: string): Json {
  return {
    fields: {
      project: { key: projectKey },
      issuetype: { id: issueTypeId },
      summary,
      description: {
        type: "doc",
        version: 1,
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Steps to reproduce:" }] },
          { type: "bulletList", content: [listItem("Open the export dialog"), listItem("Pick CSV and press Export")] },
          { type: "paragraph", content: [{ type: "text", text: "Expected a file; got an empty page.", marks: [{ type: "em" }] }] },
        ],
      },
    },
  };
}

export { adf };
