import { Table, type JournalRef } from "../store.js";
import type { AdfDoc } from "../adf/types.js";

/**
 * Jira's tables and record types. Records are immutable (the generated base is deep-frozen):
 * to change one, `set` a new object. Ids are numeric strings as on Jira Cloud (`10001`).
 */

/** Jira's four fixed status categories (ids as on every Jira Cloud site). */
export type StatusCategoryKey = "undefined" | "new" | "indeterminate" | "done";

export interface StatusRecord {
  id: string;
  name: string;
  description: string;
  categoryKey: StatusCategoryKey;
}

export interface PriorityRecord {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  iconName: string;
  isDefault: boolean;
}

export interface ResolutionRecord {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  /** -1 sub-task, 0 standard, 1 epic. */
  hierarchyLevel: number;
  avatarId: number;
  entityId: string;
}

export interface IssueLinkTypeRecord {
  id: string;
  name: string;
  /** How the link reads from the inward side, e.g. `is blocked by`. */
  inward: string;
  /** How the link reads from the outward side, e.g. `blocks`. */
  outward: string;
}

/** A field on a screen: whether the caller must supply it. */
export interface ScreenField {
  fieldId: string;
  required: boolean;
}

export interface TransitionRecord {
  /** Transition ids are numeric strings (`11`, `21`, ...), unique within a workflow. */
  id: string;
  name: string;
  /** Statuses the transition starts from; empty means global (available from any other status). */
  from: readonly string[];
  to: string;
  /** Fields on the transition screen; empty when the transition has no screen. */
  screen: readonly ScreenField[];
  /** Post-function: resolution set when the transition reaches a done status and none was given. */
  defaultResolutionId: string | null;
}

export interface WorkflowRecord {
  id: string;
  name: string;
  initialStatusId: string;
  statusIds: readonly string[];
  transitions: readonly TransitionRecord[];
}

/** What a project permission can be granted to. */
export type PermissionHolder = { type: "group"; value: string } | { type: "projectRole"; value: string };

export type ProjectPermission =
  | "BROWSE_PROJECTS"
  | "CREATE_ISSUES"
  | "EDIT_ISSUES"
  | "TRANSITION_ISSUES"
  | "ADD_COMMENTS"
  | "DELETE_ISSUES"
  | "LINK_ISSUES"
  | "ASSIGNABLE_USER";

export interface PermissionGrant {
  permission: ProjectPermission;
  holder: PermissionHolder;
}

export interface PermissionSchemeRecord {
  id: string;
  name: string;
  grants: readonly PermissionGrant[];
}

export interface ProjectRole {
  id: string;
  name: string;
  accountIds: readonly string[];
  groups: readonly string[];
}

/** Per issue type: workflow and the fields of its create/edit screen. */
export interface IssueTypeConfig {
  issueTypeId: string;
  workflowId: string;
  /** Fields on the create screen (project and issuetype are implicit). */
  createScreen: readonly ScreenField[];
  /** Fields that can be edited afterwards. */
  editScreen: readonly string[];
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: "software" | "business";
  category: { id: string; name: string; description: string } | null;
  uuid: string;
  assigneeType: "PROJECT_LEAD" | "UNASSIGNED";
  issueTypes: readonly IssueTypeConfig[];
  permissionSchemeId: string;
  roles: readonly ProjectRole[];
  isPrivate: boolean;
}

export interface IssueRecord {
  id: string;
  key: string;
  /** Numeric part of the key. */
  keyNumber: number;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: AdfDoc | null;
  environment: AdfDoc | null;
  priorityId: string | null;
  resolutionId: string | null;
  /** Epoch milliseconds. */
  resolutionDate: number | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  labels: readonly string[];
  /** `YYYY-MM-DD`. */
  duedate: string | null;
  /** Story point estimate (`customfield_10016`). */
  storyPoints: number | null;
  /** Start date (`customfield_10015`), `YYYY-MM-DD`. */
  startDate: string | null;
  parentId: string | null;
  /** Sub-tasks and epic children, in creation order (kept so reads stay constant-time). */
  childIds: readonly string[];
  commentIds: readonly string[];
  linkIds: readonly string[];
  created: number;
  updated: number;
  statusCategoryChangeDate: number;
}

export interface CommentVisibility {
  type: "group" | "role";
  value: string;
  identifier: string | null;
}

export interface CommentRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfDoc;
  created: number;
  updated: number;
  visibility: CommentVisibility | null;
}

export interface IssueLinkRecord {
  id: string;
  typeId: string;
  /** The issue on the link's inward end: it reads `<outward>` the other, e.g. `A blocks B`. */
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface JiraTables {
  statuses: Table<StatusRecord>;
  priorities: Table<PriorityRecord>;
  resolutions: Table<ResolutionRecord>;
  issueTypes: Table<IssueTypeRecord>;
  linkTypes: Table<IssueLinkTypeRecord>;
  workflows: Table<WorkflowRecord>;
  permissionSchemes: Table<PermissionSchemeRecord>;
  projects: Table<ProjectRecord>;
  /** Project key -> project id. */
  projectKeys: Table<string>;
  issues: Table<IssueRecord>;
  /** Issue key -> issue id. */
  issueKeys: Table<string>;
  comments: Table<CommentRecord>;
  links: Table<IssueLinkRecord>;
}

export function createJiraTables(journal: JournalRef): JiraTables {
  return {
    statuses: new Table(journal),
    priorities: new Table(journal),
    resolutions: new Table(journal),
    issueTypes: new Table(journal),
    linkTypes: new Table(journal),
    workflows: new Table(journal),
    permissionSchemes: new Table(journal),
    projects: new Table(journal),
    projectKeys: new Table(journal),
    issues: new Table(journal),
    issueKeys: new Table(journal),
    comments: new Table(journal),
    links: new Table(journal),
  };
}

/** Counter names in `site.core.counters`. */
export const SEQUENCES = {
  issue: "jira.issue",
  comment: "jira.comment",
  link: "jira.issueLink",
  issueKey: (projectId: string) => `jira.issueKey.${projectId}`,
} as const;
