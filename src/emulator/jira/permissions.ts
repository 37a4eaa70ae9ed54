import type { User } from "../core/users.js";
import type { Site } from "../site.js";
import type { ProjectPermission, ProjectRecord, ProjectRole } from "./state.js";

/**
 * Project permissions from the project's permission scheme: a grant to a group matches the
 * user's groups; a grant to a project role matches the role's members (users or groups).
 * The site administrator holds every permission, as a Jira administrator effectively does.
 */
export function hasPermission(site: Site, user: User, project: ProjectRecord, permission: ProjectPermission): boolean {
  if (user.accountId === site.meta.adminAccountId) return true;
  if (!user.active) return false;
  const scheme = site.jira.permissionSchemes.get(project.permissionSchemeId);
  if (!scheme) return false;
  for (const grant of scheme.grants) {
    if (grant.permission !== permission) continue;
    const holder = grant.holder;
    if (holder.type === "group" && user.groups.includes(holder.value)) return true;
    if (holder.type === "projectRole") {
      const role = project.roles.find((r) => r.name === holder.value);
      if (role && isRoleMember(role, user)) return true;
    }
  }
  return false;
}

export function isRoleMember(role: ProjectRole, user: User): boolean {
  return role.accountIds.includes(user.accountId) || role.groups.some((g) => user.groups.includes(g));
}

export function canBrowse(site: Site, user: User, project: ProjectRecord): boolean {
  return hasPermission(site, user, project, "BROWSE_PROJECTS");
}

/** Ids of the projects the user can browse (used to scope searches). */
export function browsableProjectIds(site: Site, user: User): Set<string> {
  const ids = new Set<string>();
  for (const project of site.jira.projects.values()) if (canBrowse(site, user, project)) ids.add(project.id);
  return ids;
}
