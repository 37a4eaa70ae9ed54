import type { User } from "../core/users.js";
import { json } from "../http.js";
import type { Operation } from "../operation.js";
import type { Site } from "../site.js";
import { expandSet, intArg, page } from "./args.js";
import { jiraError, MESSAGES } from "./errors.js";
import { renderUser } from "./render/user.js";

/** `User` plus the `groups` / `applicationRoles` expansions. */
function renderUserExpanded(site: Site, user: User, expand: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...renderUser(user, site.meta.baseUrl) };
  if (expand.has("groups")) {
    out["groups"] = {
      size: user.groups.length,
      items: user.groups.map((name) => ({ name, self: `${site.meta.baseUrl}/rest/api/3/group?groupname=${encodeURIComponent(name)}` })),
    };
  }
  if (expand.has("applicationroles")) {
    const roles = user.groups.includes("jira-software-users") ? [{ key: "jira-software", name: "Jira Software" }] : [];
    out["applicationRoles"] = { size: roles.length, items: roles };
  }
  return out;
}

export const getCurrentUser: Operation = {
  id: "jira.getCurrentUser",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/myself",
  summary: "Returns the user making the request.",
  query: { type: "object", properties: { expand: { type: "string", description: "`groups` and/or `applicationRoles`." } } },
  mutates: false,
  run: ({ site, caller, args }) => json(200, renderUserExpanded(site, caller, expandSet(args["expand"]))),
};

export const getUser: Operation = {
  id: "jira.getUser",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/user",
  summary: "Returns a user by account ID.",
  query: {
    type: "object",
    properties: {
      accountId: { type: "string", maxLength: 128, description: "The account ID of the user. Required." },
      username: { type: "string", description: "No longer available (GDPR)." },
      key: { type: "string", description: "No longer available (GDPR)." },
      expand: { type: "string", description: "`groups` and/or `applicationRoles`." },
    },
  },
  mutates: false,
  run: ({ site, args }) => {
    const accountId = args["accountId"];
    if (typeof accountId !== "string" || accountId.length === 0) {
      if (args["username"] !== undefined || args["key"] !== undefined)
        return jiraError(400, ["'accountId' must be the only user identifying query parameter in GDPR strict mode."]);
      return jiraError(404, ["The 'accountId' query parameter needs to be provided"]);
    }
    const user = site.user(accountId);
    if (!user) return jiraError(404, [MESSAGES.userNotFound]);
    return json(200, renderUserExpanded(site, user, expandSet(args["expand"])));
  },
};

/** Jira matches the start of any word of the display name, or the start of the e-mail address. */
function matchesQuery(user: User, query: string): boolean {
  const q = query.toLowerCase();
  if (user.emailAddress.toLowerCase().startsWith(q)) return true;
  if (user.displayName.toLowerCase().startsWith(q)) return true;
  return user.displayName
    .toLowerCase()
    .split(/\s+/)
    .some((word) => word.startsWith(q));
}

export const findUsers: Operation = {
  id: "jira.findUsers",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/user/search",
  summary: "Returns active users whose display name or e-mail address starts with the query, or the user with the account ID.",
  query: {
    type: "object",
    properties: {
      query: { type: "string", description: "Matched against the start of the display name words and the e-mail address." },
      accountId: { type: "string", maxLength: 128, description: "Exact account ID. Required unless `query` or `property` is given." },
      username: { type: "string" },
      startAt: { type: "integer", minimum: 0, default: 0, description: "Index of the first user to return." },
      maxResults: { type: "integer", default: 50, description: "Maximum number of users to return." },
      property: { type: "string", description: "A user property query." },
    },
  },
  mutates: false,
  run: ({ site, args }) => {
    const query = typeof args["query"] === "string" ? args["query"] : undefined;
    const accountId = typeof args["accountId"] === "string" ? args["accountId"] : undefined;
    if (query === undefined && accountId === undefined && args["property"] === undefined)
      return jiraError(400, ["One of 'query', 'accountId' or 'property' query parameters must be provided."]);
    if (query !== undefined && accountId !== undefined)
      return jiraError(400, ["The 'query' and 'accountId' parameters cannot be used together."]);
    const users: User[] = [];
    for (const user of site.core.users.values()) {
      if (!user.active || user.accountType !== "atlassian") continue;
      if (accountId !== undefined && user.accountId !== accountId) continue;
      if (query !== undefined && query.trim().length > 0 && !matchesQuery(user, query.trim())) continue;
      users.push(user);
    }
    const { values } = page(users, intArg(args["startAt"], 0), Math.min(1000, Math.max(0, intArg(args["maxResults"], 50))));
    return json(
      200,
      values.map((u) => renderUser(u, site.meta.baseUrl)),
    );
  },
};
