import { adfToText } from "../../adf/index.js";
import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import type { JqlContext, JqlIssueView } from "../jql/types.js";
import { STATUS_CATEGORIES } from "../status-categories.js";
import type { IssueRecord } from "../state.js";
import { browsableProjectIds } from "../permissions.js";

/**
 * Adapts issue records to the JQL engine's `JqlIssueView`. Records are immutable and a change
 * writes a new record, so the view is cached per record object (the engine caches analysed
 * text per view in turn). Comments are immutable too and only added through a new record.
 */
const views = new WeakMap<IssueRecord, JqlIssueView>();

export function issueView(site: Site, issue: IssueRecord): JqlIssueView {
  const cached = views.get(issue);
  if (cached) return cached;
  const jira = site.jira;
  const project = jira.projects.get(issue.projectId);
  const type = jira.issueTypes.get(issue.issueTypeId);
  const status = jira.statuses.get(issue.statusId);
  const category = STATUS_CATEGORIES[status?.categoryKey ?? "undefined"];
  const priority = issue.priorityId === null ? undefined : jira.priorities.get(issue.priorityId);
  const resolution = issue.resolutionId === null ? undefined : jira.resolutions.get(issue.resolutionId);
  const parent = issue.parentId === null ? undefined : jira.issues.get(issue.parentId);
  const commentText = issue.commentIds
    .map((id) => jira.comments.get(id))
    .filter((c) => c !== undefined)
    .map((c) => adfToText(c.body))
    .join("\n");
  const view: JqlIssueView = {
    id: issue.id,
    key: issue.key,
    keyNumber: issue.keyNumber,
    projectId: issue.projectId,
    projectKey: project?.key ?? "",
    projectName: project?.name ?? "",
    issueTypeId: issue.issueTypeId,
    issueTypeName: type?.name ?? "",
    statusId: issue.statusId,
    statusName: status?.name ?? "",
    statusCategoryKey: category.key,
    statusCategoryName: category.name,
    assigneeAccountId: issue.assigneeId,
    reporterAccountId: issue.reporterId,
    creatorAccountId: issue.creatorId,
    priorityId: issue.priorityId,
    priorityName: priority?.name ?? null,
    resolutionId: issue.resolutionId,
    resolutionName: resolution?.name ?? null,
    labels: issue.labels,
    summary: issue.summary,
    descriptionText: issue.description ? adfToText(issue.description) : "",
    environmentText: issue.environment ? adfToText(issue.environment) : "",
    commentText,
    created: issue.created,
    updated: issue.updated,
    resolutiondate: issue.resolutionDate,
    duedate: issue.duedate,
    parentKey: parent?.key ?? null,
    parentId: issue.parentId,
  };
  views.set(issue, view);
  return view;
}

/**
 * What JQL needs to know about the site and the caller. Projects and issue keys the caller cannot
 * browse are left out, so JQL answers "does not exist" for them exactly as for unknown ones.
 */
export function jqlContext(site: Site, caller: User): JqlContext {
  const jira = site.jira;
  const visible = browsableProjectIds(site, caller);
  return {
    currentAccountId: caller.accountId,
    now: site.now(),
    timeZone: caller.timeZone,
    users: [...site.core.users.values()],
    projects: [...jira.projects.values()].filter((p) => visible.has(p.id)).map((p) => ({ id: p.id, key: p.key, name: p.name })),
    issueTypes: [...jira.issueTypes.values()].map((t) => ({ id: t.id, name: t.name, subtask: t.subtask })),
    statuses: [...jira.statuses.values()].map((s) => ({
      id: s.id,
      name: s.name,
      categoryKey: s.categoryKey,
      categoryName: STATUS_CATEGORIES[s.categoryKey].name,
    })),
    priorities: [...jira.priorities.values()].map((p) => ({ id: p.id, name: p.name })),
    resolutions: [...jira.resolutions.values()].map((r) => ({ id: r.id, name: r.name })),
    issueKeyExists: (key) => {
      const id = jira.issueKeys.get(key.toUpperCase());
      const issue = id === undefined ? undefined : jira.issues.get(id);
      return issue !== undefined && visible.has(issue.projectId);
    },
    issueIdExists: (id) => {
      const issue = jira.issues.get(id);
      return issue !== undefined && visible.has(issue.projectId);
    },
  };
}
