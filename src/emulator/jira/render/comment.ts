import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { isRoleMember } from "../permissions.js";
import type { CommentRecord, ProjectRecord } from "../state.js";
import { formatJiraDateTime } from "../time.js";
import { renderUserDetails } from "./user.js";

/** Whether a comment restricted to a group or project role is visible to the user. */
export function commentVisibleTo(site: Site, user: User, project: ProjectRecord, comment: CommentRecord): boolean {
  const visibility = comment.visibility;
  if (!visibility || user.accountId === site.meta.adminAccountId) return true;
  if (visibility.type === "group") return user.groups.includes(visibility.value);
  const role = project.roles.find((r) => r.name === visibility.value);
  return role !== undefined && isRoleMember(role, user);
}

/** The spec's `Comment` shape. */
export function renderComment(site: Site, comment: CommentRecord): Record<string, unknown> {
  const baseUrl = site.meta.baseUrl;
  const author = site.user(comment.authorId);
  const updateAuthor = site.user(comment.updateAuthorId);
  const out: Record<string, unknown> = {
    self: `${baseUrl}/rest/api/3/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
  };
  if (author) out["author"] = renderUserDetails(author, baseUrl);
  out["body"] = comment.body;
  if (updateAuthor) out["updateAuthor"] = renderUserDetails(updateAuthor, baseUrl);
  out["created"] = formatJiraDateTime(comment.created);
  out["updated"] = formatJiraDateTime(comment.updated);
  if (comment.visibility) out["visibility"] = { ...comment.visibility };
  out["jsdPublic"] = true;
  return out;
}

/** The comments of an issue the user can see, in creation order. */
export function visibleComments(site: Site, user: User, project: ProjectRecord, commentIds: readonly string[]): CommentRecord[] {
  const out: CommentRecord[] = [];
  for (const id of commentIds) {
    const comment = site.jira.comments.get(id);
    if (comment && commentVisibleTo(site, user, project, comment)) out.push(comment);
  }
  return out;
}
