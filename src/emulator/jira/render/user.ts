import type { User } from "../../core/users.js";
import { memoByRecord } from "./memo.js";

export function avatarUrls(accountId: string): Record<string, string> {
  const base = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${accountId}/default`;
  return { "48x48": `${base}/48`, "24x24": `${base}/24`, "16x16": `${base}/16`, "32x32": `${base}/32` };
}

function userSelf(baseUrl: string, user: User): string {
  return `${baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`;
}

/** Jira's `User` representation (the spec's `User` schema), as `/myself` and `/user` answer. */
export const renderUser = memoByRecord((user: User, baseUrl: string) => ({
  self: userSelf(baseUrl, user),
  accountId: user.accountId,
  accountType: user.accountType,
  emailAddress: user.emailAddress,
  avatarUrls: avatarUrls(user.accountId),
  displayName: user.displayName,
  active: user.active,
  timeZone: user.timeZone,
  locale: user.locale,
}));

/** The `UserDetails` shape used inside issues and comments (assignee, reporter, author). */
export const renderUserDetails = memoByRecord((user: User, baseUrl: string) => ({
  self: userSelf(baseUrl, user),
  accountId: user.accountId,
  emailAddress: user.emailAddress,
  avatarUrls: avatarUrls(user.accountId),
  displayName: user.displayName,
  active: user.active,
  timeZone: user.timeZone,
  accountType: user.accountType,
}));
