import type { User } from "../../core/users.js";
import type { EmuResponse } from "../../http.js";
import type { Site } from "../../site.js";
import { fieldErrors, jiraError } from "../errors.js";
import { fieldById } from "../fields/catalog.js";
import { draftHasValue } from "../fields/input.js";
import { idString, own } from "../lookup.js";
import { hasPermission } from "../permissions.js";
import type { IssueRecord, ProjectRecord } from "../state.js";
import { applyUpdateBody, draftFields } from "../issues/apply-update.js";
import { appendComments, replaceIssue } from "../issues/store.js";
import { availableTransitions, workflowOf } from "../workflow.js";

export type TransitionOutcome = { ok: true; issue: IssueRecord } | { ok: false; response: EmuResponse };

function fail(response: EmuResponse): TransitionOutcome {
  return { ok: false, response };
}

/**
 * Performs `{"transition": {"id"}, "fields": {...}, "update": {"comment": [...]}}` on an issue:
 * the transition must start from the issue's current status, screen fields must be on the
 * transition's screen and required ones present. Entering a done status sets the resolution
 * (given, or the transition's default); leaving one clears it.
 */
export function performTransition(site: Site, caller: User, issue: IssueRecord, project: ProjectRecord, body: unknown): TransitionOutcome {
  const ref = own(body, "transition");
  const rawId = own(ref, "id");
  if (ref === undefined || rawId === undefined) return fail(jiraError(400, ["Missing 'transition' identifier"]));
  const transitionId = idString(rawId);
  if (transitionId === undefined || !/^\d+$/.test(transitionId))
    return fail(jiraError(400, ["'transition' identifier must be an integer"]));
  if (!hasPermission(site, caller, project, "TRANSITION_ISSUES"))
    return fail(jiraError(400, ["You do not have permission to transition this issue."]));

  const workflow = workflowOf(site, project, issue);
  const transition = workflow && availableTransitions(workflow, issue.statusId).find((t) => t.id === transitionId);
  const issueType = site.jira.issueTypes.get(issue.issueTypeId);
  if (!workflow || !transition || !issueType) return fail(jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]));

  const allowed = new Set(transition.screen.map((f) => f.fieldId));
  const { ops, draft, errors, comments } = applyUpdateBody({ site, caller, issue, project, issueType }, body, allowed);
  if (errors.size > 0) return fail(fieldErrors(errors));
  const given = new Set(ops.map((o) => o.fieldId));
  const missing = transition.screen.filter((f) => f.required && !(given.has(f.fieldId) && draftHasValue(draft, f.fieldId)));
  if (missing.length > 0)
    return fail(
      jiraError(
        400,
        missing.map((f) => `Field ${fieldById(f.fieldId)?.name ?? f.fieldId} is required.`),
      ),
    );

  const now = site.now();
  const from = site.jira.statuses.get(issue.statusId);
  const to = site.jira.statuses.get(transition.to);
  const entersDone = to?.categoryKey === "done";
  const resolutionId = entersDone
    ? given.has("resolution")
      ? draft.resolutionId
      : (issue.resolutionId ?? transition.defaultResolutionId)
    : null;
  const keepsResolutionDate = resolutionId !== null && resolutionId === issue.resolutionId && issue.resolutionDate !== null;
  const next: IssueRecord = {
    ...issue,
    ...draftFields(draft),
    statusId: transition.to,
    resolutionId,
    resolutionDate: resolutionId === null ? null : keepsResolutionDate ? issue.resolutionDate : now,
    statusCategoryChangeDate: from?.categoryKey === to?.categoryKey ? issue.statusCategoryChangeDate : now,
    updated: now,
  };
  replaceIssue(site, issue, next);
  return { ok: true, issue: appendComments(site, next, comments) };
}
