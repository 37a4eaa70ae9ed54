import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { WeakMemo } from "../../store.js";
import { browsableProjectIds } from "../permissions.js";

/**
 * Ids of the projects the caller can browse, cached per state of what decides it: the projects (their
 * schemes and roles), the permission schemes, the caller's record and the site's administrator.
 */
const cache = new WeakMemo<ReadonlySet<string>>();

export function visibleProjectIds(site: Site, caller: User): ReadonlySet<string> {
  const keys = [site.meta, caller, site.jira.projects.state, site.jira.permissionSchemes.state];
  return cache.get(keys, () => browsableProjectIds(site, caller));
}
