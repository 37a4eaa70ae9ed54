import type { Operation } from "../operation.js";
import { json } from "../http.js";
import type { User } from "../core/users.js";
import type { Site } from "../site.js";

/** Jira's `User` representation (the spec's `User` schema). */
export function renderUser(site: Site, user: User): Record<string, unknown> {
  return {
    self: `${site.meta.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale,
  };
}

export function avatarUrls(accountId: string): Record<string, string> {
  const base = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${accountId}/default`;
  return { "48x48": `${base}/48`, "24x24": `${base}/24`, "16x16": `${base}/16`, "32x32": `${base}/32` };
}

export const getCurrentUser: Operation = {
  id: "jira.getCurrentUser",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/myself",
  summary: "Returns the user making the request.",
  query: { type: "object", properties: { expand: { type: "string", description: "`groups` and/or `applicationRoles`." } } },
  mutates: false,
  run: ({ site, caller }) => json(200, renderUser(site, caller)),
};
