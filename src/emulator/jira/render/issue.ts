import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { START_DATE_FIELD, STORY_POINTS_FIELD, type FieldDef } from "../fields/catalog.js";
import type { FieldSelection } from "../fields/select.js";
import { canBrowse, hasPermission } from "../permissions.js";
import { STATUS_CATEGORIES } from "../status-categories.js";
import type { IssueRecord, ProjectRecord } from "../state.js";
import { formatJiraDateTime } from "../time.js";
import { availableTransitions, workflowOf } from "../workflow.js";
import { renderIssueType, renderLinkType, renderPriority, renderProjectRef, renderResolution, renderStatus } from "./catalog.js";
import { renderComment, visibleComments } from "./comment.js";
import { renderTransition } from "./transition.js";
import { renderUserDetails } from "./user.js";

/** Expansions the IssueBean advertises, as Jira lists them. */
const ISSUE_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

interface IssueRenderContext {
  site: Site;
  caller: User;
  issue: IssueRecord;
  project: ProjectRecord;
  baseUrl: string;
}

type FieldRenderer = (ctx: IssueRenderContext) => unknown;

function user(ctx: IssueRenderContext, accountId: string | null): unknown {
  if (accountId === null) return null;
  const found = ctx.site.user(accountId);
  return found ? renderUserDetails(found, ctx.baseUrl) : null;
}

function dateTime(epochMs: number | null): string | null {
  return epochMs === null ? null : formatJiraDateTime(epochMs);
}

/** The compact form of a related issue (parent, sub-task, linked issue). */
function issueRef(ctx: IssueRenderContext, other: IssueRecord): Record<string, unknown> {
  const { site, baseUrl } = ctx;
  const status = site.jira.statuses.get(other.statusId);
  const priority = other.priorityId === null ? undefined : site.jira.priorities.get(other.priorityId);
  const type = site.jira.issueTypes.get(other.issueTypeId);
  return {
    id: other.id,
    key: other.key,
    self: `${baseUrl}/rest/api/3/issue/${other.id}`,
    fields: {
      summary: other.summary,
      status: status ? renderStatus(status, baseUrl) : null,
      priority: priority ? renderPriority(priority, baseUrl) : null,
      issuetype: type ? renderIssueType(type, baseUrl) : null,
    },
  };
}

/** A related issue the caller may see (links to hidden projects are left out, as Jira does). */
function visibleIssue(ctx: IssueRenderContext, id: string): IssueRecord | undefined {
  const other = ctx.site.jira.issues.get(id);
  if (!other) return undefined;
  if (other.projectId === ctx.project.id) return other;
  const project = ctx.site.jira.projects.get(other.projectId);
  return project && canBrowse(ctx.site, ctx.caller, project) ? other : undefined;
}

const RENDERERS: ReadonlyMap<string, FieldRenderer> = new Map<string, FieldRenderer>([
  ["summary", (c) => c.issue.summary],
  ["description", (c) => c.issue.description],
  ["environment", (c) => c.issue.environment],
  [
    "issuetype",
    (c) => {
      const type = c.site.jira.issueTypes.get(c.issue.issueTypeId);
      return type ? renderIssueType(type, c.baseUrl) : null;
    },
  ],
  ["project", (c) => renderProjectRef(c.project, c.baseUrl)],
  [
    "priority",
    (c) => {
      const priority = c.issue.priorityId === null ? undefined : c.site.jira.priorities.get(c.issue.priorityId);
      return priority ? renderPriority(priority, c.baseUrl) : null;
    },
  ],
  [
    "status",
    (c) => {
      const status = c.site.jira.statuses.get(c.issue.statusId);
      return status ? renderStatus(status, c.baseUrl) : null;
    },
  ],
  [
    "statusCategory",
    (c) => {
      const status = c.site.jira.statuses.get(c.issue.statusId);
      if (!status) return null;
      const category = STATUS_CATEGORIES[status.categoryKey];
      return { self: `${c.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category };
    },
  ],
  [
    "resolution",
    (c) => {
      const resolution = c.issue.resolutionId === null ? undefined : c.site.jira.resolutions.get(c.issue.resolutionId);
      return resolution ? renderResolution(resolution, c.baseUrl) : null;
    },
  ],
  ["resolutiondate", (c) => dateTime(c.issue.resolutionDate)],
  ["assignee", (c) => user(c, c.issue.assigneeId)],
  ["reporter", (c) => user(c, c.issue.reporterId)],
  ["creator", (c) => user(c, c.issue.creatorId)],
  ["labels", (c) => [...c.issue.labels]],
  ["duedate", (c) => c.issue.duedate],
  [
    "parent",
    (c) => {
      const parent = c.issue.parentId === null ? undefined : visibleIssue(c, c.issue.parentId);
      return parent ? issueRef(c, parent) : undefined;
    },
  ],
  [
    "subtasks",
    (c) => {
      const out: unknown[] = [];
      for (const id of c.issue.childIds) {
        const child = c.site.jira.issues.get(id);
        if (child && c.site.jira.issueTypes.get(child.issueTypeId)?.subtask) out.push(issueRef(c, child));
      }
      return out;
    },
  ],
  [
    "issuelinks",
    (c) => {
      const out: unknown[] = [];
      for (const id of c.issue.linkIds) {
        const link = c.site.jira.links.get(id);
        const type = link && c.site.jira.linkTypes.get(link.typeId);
        if (!link || !type) continue;
        const outward = link.inwardIssueId === c.issue.id;
        const other = visibleIssue(c, outward ? link.outwardIssueId : link.inwardIssueId);
        if (!other) continue;
        out.push({
          id: link.id,
          self: `${c.baseUrl}/rest/api/3/issueLink/${link.id}`,
          type: renderLinkType(type, c.baseUrl),
          [outward ? "outwardIssue" : "inwardIssue"]: issueRef(c, other),
        });
      }
      return out;
    },
  ],
  [
    "comment",
    (c) => {
      const comments = visibleComments(c.site, c.caller, c.project, c.issue.commentIds).map((comment) => renderComment(c.site, comment));
      return {
        comments,
        self: `${c.baseUrl}/rest/api/3/issue/${c.issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    },
  ],
  ["created", (c) => formatJiraDateTime(c.issue.created)],
  ["updated", (c) => formatJiraDateTime(c.issue.updated)],
  ["statuscategorychangedate", (c) => formatJiraDateTime(c.issue.statusCategoryChangeDate)],
  ["watches", (c) => ({ self: `${c.baseUrl}/rest/api/3/issue/${c.issue.key}/watchers`, watchCount: 1, isWatching: false })],
  ["votes", (c) => ({ self: `${c.baseUrl}/rest/api/3/issue/${c.issue.key}/votes`, votes: 0, hasVoted: false })],
  [STORY_POINTS_FIELD, (c) => c.issue.storyPoints],
  [START_DATE_FIELD, (c) => c.issue.startDate],
]);

export interface IssueRenderOptions {
  selection: FieldSelection;
  /** Lower-case expand names (`names`, `schema`, `transitions`). */
  expand: ReadonlySet<string>;
}

/** An issue in the spec's `IssueBean` shape. Only the selected fields are rendered. */
export function renderIssue(
  site: Site,
  caller: User,
  issue: IssueRecord,
  project: ProjectRecord,
  options: IssueRenderOptions,
): Record<string, unknown> {
  const baseUrl = site.meta.baseUrl;
  const ctx: IssueRenderContext = { site, caller, issue, project, baseUrl };
  const out: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (options.expand.has("transitions"))
    out["transitions"] = hasPermission(site, caller, project, "TRANSITION_ISSUES") ? transitionsOf(site, issue, project, false) : [];
  const fields: Record<string, unknown> = {};
  for (const def of options.selection.fields) {
    const value = RENDERERS.get(def.id)?.(ctx);
    if (value !== undefined) fields[def.id] = value;
  }
  out["fields"] = fields;
  if (options.expand.has("names")) out["names"] = namesOf(options.selection.fields);
  if (options.expand.has("schema")) out["schema"] = schemaOf(options.selection.fields);
  return out;
}

export function namesOf(fields: readonly FieldDef[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.id] = f.name;
  return out;
}

export function schemaOf(fields: readonly FieldDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.id] = { ...f.schema };
  return out;
}

/** The transitions available from the issue's status (callers check the transition permission). */
export function transitionsOf(site: Site, issue: IssueRecord, project: ProjectRecord, withFields: boolean): Record<string, unknown>[] {
  const workflow = workflowOf(site, project, issue);
  const issueType = site.jira.issueTypes.get(issue.issueTypeId);
  if (!workflow || !issueType) return [];
  return availableTransitions(workflow, issue.statusId).map((t) => renderTransition(site, t, project, issueType, withFields));
}
