/** Lookups MCP-style tools make before their main request (names and keys to ids), as the MCP server does. */
import type { EmuResponse } from "../../emulator/http.js";
import { isPlainObject, own } from "../args.js";
import type { ToolMapping } from "../types.js";
import { get, step } from "./tool.js";

/** Atlassian account ids: `5b10ac8d82e05b22cc7d4ef5`, `712020:<uuid>`; `accountid:` prefixes are accepted. */
const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function asAccountId(identifier: string): string | undefined {
  const bare = identifier.replace(/^accountid:/i, "").trim();
  return ACCOUNT_ID.test(bare) ? bare : undefined;
}

function failed(reason: string): ToolMapping {
  return { ok: false, label: "lookup_failed", reason };
}

/**
 * Resolves a user given by account id (no request), e-mail or display name (one user search;
 * an exact e-mail or name match wins, else a single result).
 */
export function withUser(identifier: string, build: (accountId: string) => ToolMapping): ToolMapping {
  const direct = asAccountId(identifier);
  if (direct) return build(direct);
  return step(get("/rest/api/3/user/search", { query: identifier }), (response) => {
    const users = Array.isArray(response.body) ? response.body.filter(isPlainObject) : [];
    const wanted = identifier.trim().toLowerCase();
    const exact = users.filter((u) =>
      [own(u, "emailAddress"), own(u, "displayName")].some((v) => typeof v === "string" && v.toLowerCase() === wanted),
    );
    const chosen = exact.length === 1 ? exact[0] : users.length === 1 ? users[0] : undefined;
    const accountId = chosen ? own(chosen, "accountId") : undefined;
    if (typeof accountId === "string") return build(accountId);
    if (users.length === 0) return failed(`No user found for '${identifier}'.`);
    const names = users.slice(0, 5).map((u) => `${String(own(u, "displayName"))} (${String(own(u, "accountId"))})`);
    return failed(`'${identifier}' matches several users: ${names.join(", ")}. Use an account id.`);
  });
}

/** The id of the first item in a v2 list response (`{"results":[{"id":...}]}`). */
export function firstResultId(response: EmuResponse): string | undefined {
  const results = isPlainObject(response.body) ? own(response.body, "results") : undefined;
  const first: unknown = Array.isArray(results) ? results[0] : undefined;
  const id = isPlainObject(first) ? own(first, "id") : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

/** Resolves a Confluence space key to its id with `GET /wiki/api/v2/spaces?keys=`. */
export function withSpace(spaceKey: string, build: (spaceId: string) => ToolMapping): ToolMapping {
  return step(get("/wiki/api/v2/spaces", { keys: spaceKey }), (response) => {
    const id = firstResultId(response);
    return id ? build(id) : failed(`No space with key '${spaceKey}' was found.`);
  });
}
