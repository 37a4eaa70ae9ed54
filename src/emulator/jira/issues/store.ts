import type { Site } from "../../site.js";
import type { CommentRecord, IssueRecord } from "../state.js";

/**
 * Writes that keep the issue tables and their indexes consistent: key index, parent ->
 * children lists, comment and link lists. Every write replaces records; nothing is mutated.
 */

/** A private copy of a JSON value from a request, so stored records never alias caller-owned objects. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function withChildren(site: Site, parentId: string, change: (ids: readonly string[]) => readonly string[]): void {
  const parent = site.jira.issues.get(parentId);
  if (parent) site.jira.issues.set(parentId, { ...parent, childIds: change(parent.childIds) });
}

export function insertIssue(site: Site, issue: IssueRecord): void {
  site.jira.issues.set(issue.id, issue);
  site.jira.issueKeys.set(issue.key, issue.id);
  if (issue.parentId !== null) withChildren(site, issue.parentId, (ids) => [...ids, issue.id]);
}

/** Stores a changed issue; moves it between parents' child lists when its parent changed. */
export function replaceIssue(site: Site, before: IssueRecord, after: IssueRecord): void {
  site.jira.issues.set(after.id, after);
  if (before.parentId === after.parentId) return;
  if (before.parentId !== null) withChildren(site, before.parentId, (ids) => ids.filter((id) => id !== after.id));
  if (after.parentId !== null) withChildren(site, after.parentId, (ids) => [...ids, after.id]);
}

/** Adds comments to an issue; returns the updated issue record (already stored). */
export function appendComments(site: Site, issue: IssueRecord, comments: readonly CommentRecord[]): IssueRecord {
  if (comments.length === 0) return issue;
  for (const comment of comments) site.jira.comments.set(comment.id, comment);
  const updated: IssueRecord = { ...issue, commentIds: [...issue.commentIds, ...comments.map((c) => c.id)], updated: site.now() };
  site.jira.issues.set(updated.id, updated);
  return updated;
}

/**
 * Deletes an issue with its comments and links; its sub-tasks go with it, and epic children
 * lose their parent (as when an epic is deleted in Jira).
 */
export function deleteIssue(site: Site, issue: IssueRecord): void {
  const jira = site.jira;
  for (const childId of issue.childIds) {
    const child = jira.issues.get(childId);
    if (!child) continue;
    if (jira.issueTypes.get(child.issueTypeId)?.subtask) deleteIssue(site, { ...child, parentId: null });
    else jira.issues.set(child.id, { ...child, parentId: null });
  }
  for (const commentId of issue.commentIds) jira.comments.delete(commentId);
  for (const linkId of issue.linkIds) {
    const link = jira.links.get(linkId);
    if (!link) continue;
    jira.links.delete(linkId);
    const otherId = link.inwardIssueId === issue.id ? link.outwardIssueId : link.inwardIssueId;
    const other = jira.issues.get(otherId);
    if (other && other.id !== issue.id) jira.issues.set(other.id, { ...other, linkIds: other.linkIds.filter((id) => id !== linkId) });
  }
  if (issue.parentId !== null) withChildren(site, issue.parentId, (ids) => ids.filter((id) => id !== issue.id));
  jira.issues.delete(issue.id);
  jira.issueKeys.delete(issue.key);
}
