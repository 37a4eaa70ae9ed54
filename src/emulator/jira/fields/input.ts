import type { AdfDoc } from "../../adf/types.js";
import { validateAdf } from "../../adf/index.js";
import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { FieldErrors, MESSAGES } from "../errors.js";
import { findIssue, idString, isPlainObject, own } from "../lookup.js";
import { canBrowse, hasPermission } from "../permissions.js";
import type { IssueRecord, IssueTypeRecord, ProjectRecord } from "../state.js";
import { isCalendarDate } from "../time.js";
import { cloneJson } from "../issues/store.js";
import { START_DATE_FIELD, STORY_POINTS_FIELD, fieldById } from "./catalog.js";

/**
 * Reading field values from `fields` and `update` (create, edit and transition bodies):
 * each supported field has a handler that checks one operation's value and applies it to a
 * draft, or returns the message Jira gives for that field.
 */

/** The parts of an issue that requests can write. */
export interface IssueDraft {
  summary: string;
  description: AdfDoc | null;
  environment: AdfDoc | null;
  priorityId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  labels: string[];
  duedate: string | null;
  storyPoints: number | null;
  startDate: string | null;
  parentId: string | null;
  resolutionId: string | null;
}

export function draftOf(issue: IssueRecord): IssueDraft {
  return {
    summary: issue.summary,
    description: issue.description,
    environment: issue.environment,
    priorityId: issue.priorityId,
    assigneeId: issue.assigneeId,
    reporterId: issue.reporterId,
    labels: [...issue.labels],
    duedate: issue.duedate,
    storyPoints: issue.storyPoints,
    startDate: issue.startDate,
    parentId: issue.parentId,
    resolutionId: issue.resolutionId,
  };
}

export function emptyDraft(): IssueDraft {
  return {
    summary: "",
    description: null,
    environment: null,
    priorityId: null,
    assigneeId: null,
    reporterId: null,
    labels: [],
    duedate: null,
    storyPoints: null,
    startDate: null,
    parentId: null,
    resolutionId: null,
  };
}

export interface InputContext {
  site: Site;
  caller: User;
  project: ProjectRecord;
  issueType: IssueTypeRecord;
  /** The issue being edited or transitioned (absent on create). */
  issueId?: string;
}

/** One operation on one field: `fields.x = v` is `{fieldId: "x", op: "set", value: v}`. */
export interface FieldOperation {
  fieldId: string;
  op: string;
  value: unknown;
  source: "fields" | "update";
}

type ApplyResult = undefined | string | { field: string; message: string };

interface FieldHandler {
  apply(draft: IssueDraft, op: string, value: unknown, ctx: InputContext): ApplyResult;
}

const UPDATE_VERBS = ["set", "add", "remove", "edit", "copy"] as const;

/** Flattens `fields` then `update` into operations, in body order (`update` entries apply after `fields`). */
export function collectOperations(body: unknown): FieldOperation[] {
  const ops: FieldOperation[] = [];
  const fields = own(body, "fields");
  if (isPlainObject(fields))
    for (const fieldId of Object.keys(fields)) ops.push({ fieldId, op: "set", value: fields[fieldId], source: "fields" });
  const update = own(body, "update");
  if (isPlainObject(update)) {
    for (const fieldId of Object.keys(update)) {
      const entries = update[fieldId];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isPlainObject(entry)) continue;
        for (const verb of UPDATE_VERBS)
          if (Object.hasOwn(entry, verb)) ops.push({ fieldId, op: verb, value: entry[verb], source: "update" });
      }
    }
  }
  return ops;
}

function stringField(
  message: (value: string) => string | undefined,
  write: (draft: IssueDraft, value: string) => void,
): FieldHandler["apply"] {
  return (draft, _op, value) => {
    if (typeof value !== "string") return MESSAGES.mustBeString;
    const problem = message(value);
    if (problem) return problem;
    write(draft, value);
    return undefined;
  };
}

function adfField(write: (draft: IssueDraft, doc: AdfDoc | null) => void): FieldHandler["apply"] {
  return (draft, _op, value) => {
    if (value === null) {
      write(draft, null);
      return undefined;
    }
    if (!isPlainObject(value)) return MESSAGES.notAdf;
    const checked = validateAdf(value);
    if (!checked.ok) return MESSAGES.notAdf;
    write(draft, cloneJson(checked.doc));
    return undefined;
  };
}

function dateField(write: (draft: IssueDraft, date: string | null) => void): FieldHandler["apply"] {
  return (draft, _op, value) => {
    if (value === null || value === "") {
      write(draft, null);
      return undefined;
    }
    if (typeof value !== "string") return MESSAGES.mustBeString;
    if (!isCalendarDate(value)) return `Error parsing date string: ${value}`;
    write(draft, value);
    return undefined;
  };
}

/** Reads `{"accountId": ...}` or `{"id": ...}`; `null` clears. Returns the account id, null, or an error. */
function readUserRef(value: unknown, fieldId: string): { accountId: string | null } | { error: string } {
  if (value === null) return { accountId: null };
  if (!isPlainObject(value)) return { error: `Could not find valid 'accountId' in ${fieldId} object.` };
  const accountId = own(value, "accountId") ?? own(value, "id");
  if (accountId === null) return { accountId: null };
  if (typeof accountId !== "string" || accountId.length === 0) {
    if (own(value, "name") !== undefined || own(value, "emailAddress") !== undefined)
      return { error: "'accountId' must be the only user identifying field in GDPR strict mode." };
    return { error: `Could not find valid 'accountId' in ${fieldId} object.` };
  }
  return { accountId };
}

/** Finds a record named by `{"id": ...}` or `{"name": ...}` (names case-insensitively). */
function readIdOrName<T extends { id: string; name: string }>(
  value: unknown,
  records: Iterable<T>,
): { found: T | undefined } | { error: true } {
  if (!isPlainObject(value)) return { error: true };
  const id = idString(own(value, "id"));
  const name = own(value, "name");
  if (id === undefined && typeof name !== "string") return { error: true };
  for (const record of records) {
    if (id !== undefined ? record.id === id : record.name.toLowerCase() === (name as string).toLowerCase()) return { found: record };
  }
  return { found: undefined };
}

const LABEL_MAX = 255;

function labelProblem(label: unknown): string | undefined {
  if (typeof label !== "string") return MESSAGES.mustBeString;
  if (label.length === 0) return "The label '' is not valid.";
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > LABEL_MAX) return `The label '${label}' exceeds the maximum length for a single label of 255 characters.`;
  return undefined;
}

const HIERARCHY_MESSAGE = "Given parent work item does not belong to appropriate hierarchy.";

function applyParent(draft: IssueDraft, _op: string, value: unknown, ctx: InputContext): ApplyResult {
  if (value === null) {
    if (ctx.issueType.subtask) return "Issue type is a sub-task but parent issue key or id not specified.";
    draft.parentId = null;
    return undefined;
  }
  if (!isPlainObject(value)) return "Could not find valid 'id' or 'key' in parent object.";
  const ref = idString(own(value, "id")) ?? (typeof own(value, "key") === "string" ? (own(value, "key") as string) : undefined);
  if (ref === undefined) return "Could not find valid 'id' or 'key' in parent object.";
  const parent = findIssue(ctx.site, ref);
  const parentProject = parent && ctx.site.jira.projects.get(parent.projectId);
  if (!parent || !parentProject || !canBrowse(ctx.site, ctx.caller, parentProject)) return `Could not find issue by id or key.`;
  if (parent.id === ctx.issueId) return HIERARCHY_MESSAGE;
  const parentType = ctx.site.jira.issueTypes.get(parent.issueTypeId);
  const level = ctx.issueType.hierarchyLevel;
  // A sub-task's parent is a standard issue; a standard issue's parent is an epic.
  if (!parentType || parentType.hierarchyLevel !== level + 1) return HIERARCHY_MESSAGE;
  if (ctx.issueType.subtask && parent.projectId !== ctx.project.id)
    return { field: "project", message: "Sub-tasks must be created in the same project as the parent." };
  draft.parentId = parent.id;
  return undefined;
}

const HANDLERS: ReadonlyMap<string, FieldHandler> = new Map<string, FieldHandler>([
  [
    "summary",
    {
      apply: stringField(
        (v) => {
          if (v.trim().length === 0) return MESSAGES.summaryRequired;
          if (/[\r\n]/.test(v)) return "The summary is invalid because it contains newline characters.";
          if (v.length > 255) return "Summary must be less than 255 characters.";
          return undefined;
        },
        (d, v) => (d.summary = v),
      ),
    },
  ],
  ["description", { apply: adfField((d, doc) => (d.description = doc)) }],
  ["environment", { apply: adfField((d, doc) => (d.environment = doc)) }],
  [
    "priority",
    {
      apply: (draft, _op, value, ctx) => {
        const read = readIdOrName(value, ctx.site.jira.priorities.values());
        if ("error" in read) return "Could not find valid 'id' or 'name' in priority object.";
        if (!read.found) return "The priority selected is invalid.";
        draft.priorityId = read.found.id;
        return undefined;
      },
    },
  ],
  [
    "resolution",
    {
      apply: (draft, _op, value, ctx) => {
        if (value === null) {
          draft.resolutionId = null;
          return undefined;
        }
        const read = readIdOrName(value, ctx.site.jira.resolutions.values());
        if ("error" in read) return "Could not find valid 'id' or 'name' in resolution object.";
        if (!read.found) return "The resolution selected is invalid.";
        draft.resolutionId = read.found.id;
        return undefined;
      },
    },
  ],
  [
    "assignee",
    {
      apply: (draft, _op, value, ctx) => {
        const ref = readUserRef(value, "assignee");
        if ("error" in ref) return ref.error;
        if (ref.accountId === null) {
          draft.assigneeId = null;
          return undefined;
        }
        if (ref.accountId === "-1") {
          draft.assigneeId = ctx.project.assigneeType === "PROJECT_LEAD" ? ctx.project.leadAccountId : null;
          return undefined;
        }
        const user = ctx.site.user(ref.accountId);
        if (!user) return MESSAGES.userNotFound;
        if (!user.active || !hasPermission(ctx.site, user, ctx.project, "ASSIGNABLE_USER"))
          return `User '${user.displayName}' cannot be assigned issues.`;
        draft.assigneeId = user.accountId;
        return undefined;
      },
    },
  ],
  [
    "reporter",
    {
      apply: (draft, _op, value, ctx) => {
        const ref = readUserRef(value, "reporter");
        if ("error" in ref) return ref.error;
        if (ref.accountId === null) return "Reporter is required.";
        if (!ctx.site.user(ref.accountId)) return MESSAGES.userNotFound;
        draft.reporterId = ref.accountId;
        return undefined;
      },
    },
  ],
  [
    "labels",
    {
      apply: (draft, op, value) => {
        if (op === "set") {
          if (value === null) {
            draft.labels = [];
            return undefined;
          }
          if (!Array.isArray(value)) return MESSAGES.mustBeArray;
          for (const label of value) {
            const problem = labelProblem(label);
            if (problem) return problem;
          }
          draft.labels = [...new Set(value as string[])];
          return undefined;
        }
        const problem = labelProblem(value);
        if (problem) return problem;
        const label = value as string;
        if (op === "add") {
          if (!draft.labels.includes(label)) draft.labels.push(label);
        } else draft.labels = draft.labels.filter((l) => l !== label);
        return undefined;
      },
    },
  ],
  ["duedate", { apply: dateField((d, v) => (d.duedate = v)) }],
  [START_DATE_FIELD, { apply: dateField((d, v) => (d.startDate = v)) }],
  [
    STORY_POINTS_FIELD,
    {
      apply: (draft, _op, value) => {
        if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) return MESSAGES.mustBeNumber;
        draft.storyPoints = value;
        return undefined;
      },
    },
  ],
  ["parent", { apply: applyParent }],
]);

/** True when the field is one this emulator can write (and so may appear on a screen). */
export function isWritableField(fieldId: string): boolean {
  return HANDLERS.has(fieldId);
}

/**
 * Applies operations to a draft. `allowed` is the set of fields on the relevant screen: any
 * other field gets Jira's "cannot be set" message. Operations a field does not support get
 * Jira's operation message. Returns the errors (empty when everything applied).
 */
export function applyOperations(
  draft: IssueDraft,
  ops: readonly FieldOperation[],
  allowed: ReadonlySet<string>,
  ctx: InputContext,
): FieldErrors {
  const errors = new FieldErrors();
  for (const { fieldId, op, value } of ops) {
    if (errors.has(fieldId)) continue;
    const handler = HANDLERS.get(fieldId);
    if (!handler || !allowed.has(fieldId)) {
      errors.add(fieldId, MESSAGES.cannotBeSet(fieldId));
      continue;
    }
    const supported = fieldById(fieldId)?.operations ?? ["set"];
    if (!supported.includes(op)) {
      errors.add(fieldId, `Field '${fieldId}' does not support operation '${op}' Supported operation(s) are: '${supported.join(",")}'`);
      continue;
    }
    const result = handler.apply(draft, op, value, ctx);
    if (typeof result === "string") errors.add(fieldId, result);
    else if (result) errors.add(result.field, result.message);
  }
  return errors;
}

/** Whether a required field has a value in the draft. */
export function draftHasValue(draft: IssueDraft, fieldId: string): boolean {
  switch (fieldId) {
    case "summary":
      return draft.summary.trim().length > 0;
    case "description":
      return draft.description !== null;
    case "environment":
      return draft.environment !== null;
    case "priority":
      return draft.priorityId !== null;
    case "assignee":
      return draft.assigneeId !== null;
    case "reporter":
      return draft.reporterId !== null;
    case "labels":
      return draft.labels.length > 0;
    case "duedate":
      return draft.duedate !== null;
    case STORY_POINTS_FIELD:
      return draft.storyPoints !== null;
    case START_DATE_FIELD:
      return draft.startDate !== null;
    case "parent":
      return draft.parentId !== null;
    case "resolution":
      return draft.resolutionId !== null;
    default:
      return true;
  }
}

/** Jira's message for a required field left empty. */
export function requiredMessage(fieldId: string): string {
  if (fieldId === "summary") return MESSAGES.summaryRequired;
  if (fieldId === "parent") return "Issue type is a sub-task but parent issue key or id not specified.";
  return `${fieldById(fieldId)?.name ?? fieldId} is required.`;
}
