import type { User } from "../core/users.js";
import type { Site } from "../site.js";
import type { PageRecord, SpaceOperation, SpaceRecord } from "./state.js";

/**
 * Space permissions. Confluence hides what a caller cannot read (404, never 403), and refuses
 * writes in a space the caller can read but not edit. Site administrators hold every permission.
 */

export const SITE_ADMINS_GROUP = "site-admins";

export function isSiteAdmin(user: User): boolean {
  return user.groups.includes(SITE_ADMINS_GROUP);
}

export function can(user: User, space: SpaceRecord, operation: SpaceOperation): boolean {
  if (isSiteAdmin(user)) return true;
  for (const grant of space.grants) {
    if (!grant.operations.includes(operation)) continue;
    const { type, id } = grant.principal;
    if (type === "user" ? id === user.accountId : user.groups.includes(id)) return true;
  }
  return false;
}

export function canRead(user: User, space: SpaceRecord): boolean {
  return can(user, space, "read");
}

export function canWrite(user: User, space: SpaceRecord): boolean {
  return can(user, space, "write") && can(user, space, "read");
}

/** The space of a page, when the caller may read it. */
export function readableSpaceOf(site: Site, user: User, page: PageRecord): SpaceRecord | undefined {
  const space = site.confluence.spaces.get(page.spaceId);
  return space && canRead(user, space) ? space : undefined;
}

/** Ids of every space the caller can read (a handful: computed per request for listings). */
export function readableSpaceIds(site: Site, user: User): Set<string> {
  const ids = new Set<string>();
  for (const space of site.confluence.spaces.values()) if (canRead(user, space)) ids.add(space.id);
  return ids;
}
