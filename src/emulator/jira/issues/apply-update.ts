import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { commentsFromUpdate } from "../comments/build.js";
import type { FieldErrors } from "../errors.js";
import { applyOperations, collectOperations, draftOf, type FieldOperation, type IssueDraft } from "../fields/input.js";
import type { CommentRecord, IssueRecord, IssueTypeRecord, ProjectRecord } from "../state.js";

/** An `IssueUpdateDetails` body (`fields` and `update`) applied to a draft of an existing issue, as edits and transitions do. */

export interface UpdateTarget {
  site: Site;
  caller: User;
  issue: IssueRecord;
  project: ProjectRecord;
  issueType: IssueTypeRecord;
}

export interface AppliedUpdate {
  /** Every operation of the body, `update.comment` included. */
  ops: FieldOperation[];
  /** The issue's values with the field operations applied. */
  draft: IssueDraft;
  /** What Jira refuses in the field operations and the comments; empty when the update may be written. */
  errors: FieldErrors;
  /** The comments `update.comment` adds, built but not stored. */
  comments: CommentRecord[];
}

/** Applies the body's field operations (only fields in `allowed` may be set) and builds its comments; writes nothing. */
export function applyUpdateBody(target: UpdateTarget, body: unknown, allowed: ReadonlySet<string>): AppliedUpdate {
  const { site, caller, issue, project, issueType } = target;
  const ops = collectOperations(body);
  const draft = draftOf(issue);
  const errors = applyOperations(
    draft,
    ops.filter((o) => o.fieldId !== "comment"),
    allowed,
    { site, caller, project, issueType, issueId: issue.id },
  );
  const built = commentsFromUpdate(
    site,
    caller,
    issue.id,
    project,
    ops.filter((o) => o.fieldId === "comment"),
  );
  if (built.error) errors.add(built.error.field, built.error.message);
  return { ops, draft, errors, comments: built.comments };
}

export type DraftFields = Pick<
  IssueRecord,
  | "summary"
  | "description"
  | "environment"
  | "priorityId"
  | "assigneeId"
  | "reporterId"
  | "labels"
  | "duedate"
  | "storyPoints"
  | "startDate"
  | "parentId"
>;

/** The draft's values as record fields (everything a screen may change, except the resolution). */
export function draftFields(draft: IssueDraft): DraftFields {
  return {
    summary: draft.summary,
    description: draft.description,
    environment: draft.environment,
    priorityId: draft.priorityId,
    assigneeId: draft.assigneeId,
    reporterId: draft.reporterId,
    labels: draft.labels,
    duedate: draft.duedate,
    storyPoints: draft.storyPoints,
    startDate: draft.startDate,
    parentId: draft.parentId,
  };
}
