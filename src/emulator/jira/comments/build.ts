import { validateAdf } from "../../adf/index.js";
import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { MESSAGES } from "../errors.js";
import { isPlainObject, own } from "../lookup.js";
import { isRoleMember } from "../permissions.js";
import { SEQUENCES, type CommentRecord, type CommentVisibility, type ProjectRecord } from "../state.js";
import { cloneJson } from "../issues/store.js";

/** A comment to add, or the field-level error Jira gives (`comment` or `commentLevel`). */
export type CommentBuild = { ok: true; comment: CommentRecord } | { ok: false; field: string; message: string };

function knownGroup(site: Site, group: string): boolean {
  for (const user of site.core.users.values()) if (user.groups.includes(group)) return true;
  return false;
}

function readVisibility(site: Site, caller: User, project: ProjectRecord, value: unknown): CommentVisibility | null | string {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) return "Invalid comment visibility.";
  const type = own(value, "type");
  const name = own(value, "value") ?? own(value, "identifier");
  if ((type !== "group" && type !== "role") || typeof name !== "string" || name.length === 0) return "Invalid comment visibility.";
  const isAdmin = caller.accountId === site.meta.adminAccountId;
  if (type === "group") {
    if (!knownGroup(site, name)) return `Group: ${name} does not exist.`;
    if (!isAdmin && !caller.groups.includes(name)) return `You are currently not a member of the group: ${name}.`;
  } else {
    const role = project.roles.find((r) => r.name === name);
    if (!role) return "Invalid role level specified.";
    if (!isAdmin && !isRoleMember(role, caller)) return `You are currently not a member of the project role: ${name}.`;
  }
  const identifier = own(value, "identifier");
  return { type, value: name, identifier: typeof identifier === "string" ? identifier : null };
}

/**
 * Validates a comment input (`{"body": <ADF>, "visibility": {...}}`) and builds its record with
 * the next comment id. Nothing is written: the caller stores it once the whole request is valid.
 */
export function buildComment(site: Site, caller: User, issueId: string, project: ProjectRecord, input: unknown): CommentBuild {
  const body = own(input, "body");
  if (body === undefined || body === null) return { ok: false, field: "comment", message: "Comment body can not be empty!" };
  if (!isPlainObject(body)) return { ok: false, field: "comment", message: MESSAGES.notAdf };
  const checked = validateAdf(body);
  if (!checked.ok) return { ok: false, field: "comment", message: MESSAGES.notAdf };
  if (checked.doc.content.length === 0) return { ok: false, field: "comment", message: "Comment body can not be empty!" };
  const visibility = readVisibility(site, caller, project, own(input, "visibility"));
  if (typeof visibility === "string") return { ok: false, field: "commentLevel", message: visibility };
  const now = site.now();
  return {
    ok: true,
    comment: {
      id: String(site.nextId(SEQUENCES.comment, 10000)),
      issueId,
      authorId: caller.accountId,
      updateAuthorId: caller.accountId,
      body: cloneJson(checked.doc),
      created: now,
      updated: now,
      visibility,
    },
  };
}

/** Comments requested through `update.comment` (`[{"add": {"body": ...}}]`), validated but not stored. */
export function commentsFromUpdate(
  site: Site,
  caller: User,
  issueId: string,
  project: ProjectRecord,
  ops: ReadonlyArray<{ op: string; value: unknown }>,
): { comments: CommentRecord[]; error?: { field: string; message: string } } {
  const comments: CommentRecord[] = [];
  for (const { op, value } of ops) {
    if (op !== "add")
      return {
        comments,
        error: { field: "comment", message: `Field 'comment' does not support operation '${op}' Supported operation(s) are: 'add'` },
      };
    const built = buildComment(site, caller, issueId, project, value);
    if (!built.ok) return { comments, error: { field: built.field, message: built.message } };
    comments.push(built.comment);
  }
  return { comments };
}
