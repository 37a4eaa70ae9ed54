import type { User } from "../../core/users.js";
import { json } from "../../http.js";
import type { Operation } from "../../operation.js";
import type { Site } from "../../site.js";
import { FieldErrors, MESSAGES, type JiraErrorBody } from "../errors.js";
import { applyOperations, collectOperations, draftHasValue, emptyDraft, requiredMessage } from "../fields/input.js";
import { defaultPriority, findVisibleProject, idString, isPlainObject, own } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import { issueUpdateSchema } from "../schemas.js";
import { SEQUENCES, type IssueRecord, type IssueTypeRecord, type ProjectRecord } from "../state.js";
import { performTransition } from "../transitions/perform.js";
import { issueTypeConfig, workflowOf } from "../workflow.js";
import { draftFields } from "./apply-update.js";
import { insertIssue } from "./store.js";

export type CreateOutcome =
  { ok: true; issue: IssueRecord; created: Record<string, unknown> } | { ok: false; status: number; error: JiraErrorBody };

function failed(status: number, errorMessages: string[], errors: FieldErrors = new FieldErrors()): CreateOutcome {
  return { ok: false, status, error: { errorMessages, errors: errors.toObject() } };
}

function resolveProject(site: Site, caller: User, ref: unknown): ProjectRecord | undefined {
  if (!isPlainObject(ref)) return typeof ref === "string" ? findVisibleProject(site, caller, ref) : undefined;
  const id = idString(own(ref, "id"));
  const key = own(ref, "key");
  if (id !== undefined) return findVisibleProject(site, caller, id);
  return typeof key === "string" && key.length > 0 ? findVisibleProject(site, caller, key) : undefined;
}

function resolveIssueType(site: Site, ref: unknown): IssueTypeRecord | undefined {
  if (!isPlainObject(ref)) return undefined;
  const id = idString(own(ref, "id"));
  const name = own(ref, "name");
  for (const type of site.jira.issueTypes.values()) {
    if (id !== undefined ? type.id === id : typeof name === "string" && type.name.toLowerCase() === name.toLowerCase()) return type;
  }
  return undefined;
}

/**
 * Creates one issue from an `IssueUpdateDetails` body. Everything is validated before anything
 * is written, so a failed element of a bulk request leaves no trace.
 */
export function createIssueFromBody(site: Site, caller: User, body: unknown): CreateOutcome {
  const fields = own(body, "fields");
  const errors = new FieldErrors();
  const project = resolveProject(site, caller, own(fields, "project"));
  if (!project) errors.add("project", MESSAGES.invalidProject);
  const typeRef = own(fields, "issuetype");
  const issueType = typeRef === undefined ? undefined : resolveIssueType(site, typeRef);
  if (typeRef === undefined) errors.add("issuetype", MESSAGES.issueTypeRequired);
  else if (!issueType) errors.add("issuetype", MESSAGES.issueTypeUnknown);
  if (!project || !issueType) return failed(400, [], errors);
  const config = issueTypeConfig(project, issueType.id);
  if (!config) {
    errors.add("issuetype", MESSAGES.issueTypeNotInProject);
    return failed(400, [], errors);
  }
  if (!hasPermission(site, caller, project, "CREATE_ISSUES"))
    return failed(403, ["You do not have permission to create issues in this project."]);

  const draft = emptyDraft();
  draft.reporterId = caller.accountId;
  draft.priorityId = defaultPriority(site)?.id ?? null;
  const lead = site.user(project.leadAccountId);
  if (project.assigneeType === "PROJECT_LEAD" && lead && hasPermission(site, lead, project, "ASSIGNABLE_USER"))
    draft.assigneeId = lead.accountId;

  const ops = collectOperations(body).filter((o) => !(o.source === "fields" && (o.fieldId === "project" || o.fieldId === "issuetype")));
  const allowed = new Set(config.createScreen.map((f) => f.fieldId));
  const applied = applyOperations(draft, ops, allowed, { site, caller, project, issueType });
  for (const field of config.createScreen) {
    if (field.required && !applied.has(field.fieldId) && !draftHasValue(draft, field.fieldId))
      applied.add(field.fieldId, requiredMessage(field.fieldId));
  }
  if (!allowed.has("summary") || !draftHasValue(draft, "summary")) applied.add("summary", MESSAGES.summaryRequired);
  if (applied.size > 0) return failed(400, [], applied);

  const workflow = workflowOf(site, project, { issueTypeId: issueType.id });
  if (!workflow) return failed(400, ["The issue type's workflow is not configured."]);
  const now = site.now();
  const keyNumber = site.nextId(SEQUENCES.issueKey(project.id), 1);
  const issue: IssueRecord = {
    id: String(site.nextId(SEQUENCES.issue, 10000)),
    key: `${project.key}-${keyNumber}`,
    keyNumber,
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: workflow.initialStatusId,
    ...draftFields(draft),
    resolutionId: null,
    resolutionDate: null,
    creatorId: caller.accountId,
    childIds: [],
    commentIds: [],
    linkIds: [],
    created: now,
    updated: now,
    statusCategoryChangeDate: now,
  };
  insertIssue(site, issue);
  const created: Record<string, unknown> = { id: issue.id, key: issue.key, self: `${site.meta.baseUrl}/rest/api/3/issue/${issue.id}` };

  // A `transition` in the create body runs after creation; its outcome is reported, not fatal (as in Jira).
  if (own(body, "transition") !== undefined) {
    const outcome = performTransition(site, caller, issue, project, { transition: own(body, "transition") });
    const errorCollection = outcome.ok ? { errorMessages: [], errors: {} } : (outcome.response.body as JiraErrorBody);
    created["transition"] = { status: outcome.ok ? 200 : outcome.response.status, errorCollection };
    return { ok: true, issue: outcome.ok ? outcome.issue : issue, created };
  }
  return { ok: true, issue, created };
}

export const createIssue: Operation = {
  id: "jira.createIssue",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/issue",
  summary: "Creates an issue or, where the option to create subtasks is enabled, a subtask.",
  description:
    'Body: {"fields": {"project": {"key": "PROJ"}, "issuetype": {"name": "Task"}, "summary": "...", "description": <ADF document>, ...}}. Rich-text fields take Atlassian Document Format; sub-tasks need "parent". Use the create metadata to see each issue type\'s fields and which are required.',
  query: {
    type: "object",
    properties: { updateHistory: { type: "boolean", description: "Whether the project is added to the user's recently viewed list." } },
  },
  body: issueUpdateSchema("create", "The issue to create: `fields` (and optionally `update`)."),
  mutates: true,
  run: ({ site, caller, body }) => {
    const outcome = createIssueFromBody(site, caller, body);
    return outcome.ok ? json(201, outcome.created) : json(outcome.status, outcome.error);
  },
};
