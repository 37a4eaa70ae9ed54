import type { Site } from "../site.js";
import type { IssueRecord, IssueTypeConfig, ProjectRecord, TransitionRecord, WorkflowRecord } from "./state.js";

/** The project's configuration for an issue type (undefined when the project does not offer it). */
export function issueTypeConfig(project: ProjectRecord, issueTypeId: string): IssueTypeConfig | undefined {
  return project.issueTypes.find((t) => t.issueTypeId === issueTypeId);
}

export function workflowOf(site: Site, project: ProjectRecord, issue: Pick<IssueRecord, "issueTypeId">): WorkflowRecord | undefined {
  const config = issueTypeConfig(project, issue.issueTypeId);
  return config ? site.jira.workflows.get(config.workflowId) : undefined;
}

/**
 * Transitions available from a status: those that start there, plus global transitions that
 * lead somewhere else (a global transition to the current status is not offered).
 */
export function availableTransitions(workflow: WorkflowRecord, statusId: string): TransitionRecord[] {
  return workflow.transitions.filter((t) => (t.from.length === 0 ? t.to !== statusId : t.from.includes(statusId)));
}
