import type { Rng } from "../../util/rng.js";
import type { Site } from "../site.js";
import { ISSUE_TYPES, LINK_TYPES, PERMISSION_SCHEMES, PRIORITIES, RESOLUTIONS, STATUSES, WORKFLOWS } from "./generate/catalog.js";
import { generateIssues } from "./generate/issues.js";
import { generateProjects } from "./generate/projects.js";

/**
 * Populates the Jira tables of a site under construction (not yet frozen): the site-wide
 * configuration, 4-6 projects with their screens, workflows and permissions, then issues with
 * comments, sub-tasks, epics and links. Deterministic in `rng`.
 */
export function generateJira(site: Site, rng: Rng, scale: number): void {
  const jira = site.jira;
  for (const s of STATUSES) jira.statuses.set(s.id, s);
  for (const p of PRIORITIES) jira.priorities.set(p.id, p);
  for (const r of RESOLUTIONS) jira.resolutions.set(r.id, r);
  for (const t of ISSUE_TYPES) jira.issueTypes.set(t.id, t);
  for (const l of LINK_TYPES) jira.linkTypes.set(l.id, l);
  for (const w of WORKFLOWS) jira.workflows.set(w.id, w);
  for (const s of PERMISSION_SCHEMES) jira.permissionSchemes.set(s.id, s);

  const projects = generateProjects([...site.core.users.values()], rng.fork("projects"));
  for (const { record } of projects) {
    jira.projects.set(record.id, record);
    jira.projectKeys.set(record.key, record.id);
  }
  generateIssues(site, projects, rng.fork("issues"), scale);
}
