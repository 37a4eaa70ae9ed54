import type {
  IssueLinkTypeRecord,
  IssueTypeRecord,
  PermissionGrant,
  PermissionHolder,
  PermissionSchemeRecord,
  PriorityRecord,
  ProjectPermission,
  ResolutionRecord,
  StatusRecord,
  TransitionRecord,
  WorkflowRecord,
} from "../state.js";

/** The site-wide Jira configuration: statuses, priorities, resolutions, issue types, workflows, schemes. */

export const STATUS = {
  toDo: "10000",
  inProgress: "10001",
  inReview: "10002",
  done: "10003",
  backlog: "10004",
  selected: "10005",
  open: "10006",
  resolved: "10007",
  closed: "10008",
  reopened: "10009",
} as const;

export const STATUSES: readonly StatusRecord[] = [
  { id: STATUS.toDo, name: "To Do", description: "Work that has not been started.", categoryKey: "new" },
  { id: STATUS.inProgress, name: "In Progress", description: "This issue is being actively worked on.", categoryKey: "indeterminate" },
  { id: STATUS.inReview, name: "In Review", description: "The change is waiting for review.", categoryKey: "indeterminate" },
  { id: STATUS.done, name: "Done", description: "Work that is complete.", categoryKey: "done" },
  { id: STATUS.backlog, name: "Backlog", description: "Work that is not yet planned.", categoryKey: "new" },
  { id: STATUS.selected, name: "Selected for Development", description: "Planned for the current cycle.", categoryKey: "new" },
  { id: STATUS.open, name: "Open", description: "The issue is open and ready for the assignee to start work on it.", categoryKey: "new" },
  { id: STATUS.resolved, name: "Resolved", description: "A resolution has been taken, awaiting verification.", categoryKey: "done" },
  { id: STATUS.closed, name: "Closed", description: "The issue is considered finished.", categoryKey: "done" },
  { id: STATUS.reopened, name: "Reopened", description: "The resolution was not correct; the issue is open again.", categoryKey: "new" },
];

export const PRIORITY_MEDIUM = "3";

export const PRIORITIES: readonly PriorityRecord[] = [
  {
    id: "1",
    name: "Highest",
    description: "This problem will block progress.",
    statusColor: "#d04437",
    iconName: "highest",
    isDefault: false,
  },
  {
    id: "2",
    name: "High",
    description: "Serious problem that could block progress.",
    statusColor: "#f15C75",
    iconName: "high",
    isDefault: false,
  },
  {
    id: "3",
    name: "Medium",
    description: "Has the potential to affect progress.",
    statusColor: "#f79232",
    iconName: "medium",
    isDefault: true,
  },
  {
    id: "4",
    name: "Low",
    description: "Minor problem or easily worked around.",
    statusColor: "#707070",
    iconName: "low",
    isDefault: false,
  },
  {
    id: "5",
    name: "Lowest",
    description: "Trivial problem with little or no impact.",
    statusColor: "#999999",
    iconName: "lowest",
    isDefault: false,
  },
];

export const RESOLUTION = { done: "10000", wontDo: "10001", duplicate: "10002", cannotReproduce: "10003", fixed: "10004" } as const;

export const RESOLUTIONS: readonly ResolutionRecord[] = [
  { id: RESOLUTION.done, name: "Done", description: "Work has been completed on this issue.", isDefault: true },
  { id: RESOLUTION.wontDo, name: "Won't Do", description: "This issue won't be actioned.", isDefault: false },
  { id: RESOLUTION.duplicate, name: "Duplicate", description: "The problem is a duplicate of an existing issue.", isDefault: false },
  { id: RESOLUTION.cannotReproduce, name: "Cannot Reproduce", description: "This issue couldn't be reproduced.", isDefault: false },
  { id: RESOLUTION.fixed, name: "Fixed", description: "A fix for this issue is checked into the tree and tested.", isDefault: false },
];

export const ISSUE_TYPE = { epic: "10000", task: "10001", subtask: "10002", story: "10003", bug: "10004" } as const;

export const ISSUE_TYPES: readonly IssueTypeRecord[] = [
  {
    id: ISSUE_TYPE.epic,
    name: "Epic",
    description: "A big user story that needs to be broken down.",
    subtask: false,
    hierarchyLevel: 1,
    avatarId: 10307,
    entityId: "8a4b1f0e-9c55-4c3e-9d0c-4f0c1b7f2a01",
  },
  {
    id: ISSUE_TYPE.task,
    name: "Task",
    description: "A small, distinct piece of work.",
    subtask: false,
    hierarchyLevel: 0,
    avatarId: 10318,
    entityId: "8a4b1f0e-9c55-4c3e-9d0c-4f0c1b7f2a02",
  },
  {
    id: ISSUE_TYPE.subtask,
    name: "Sub-task",
    description: "A small piece of work that's part of a larger task.",
    subtask: true,
    hierarchyLevel: -1,
    avatarId: 10316,
    entityId: "8a4b1f0e-9c55-4c3e-9d0c-4f0c1b7f2a03",
  },
  {
    id: ISSUE_TYPE.story,
    name: "Story",
    description: "Functionality or a feature expressed as a user goal.",
    subtask: false,
    hierarchyLevel: 0,
    avatarId: 10315,
    entityId: "8a4b1f0e-9c55-4c3e-9d0c-4f0c1b7f2a04",
  },
  {
    id: ISSUE_TYPE.bug,
    name: "Bug",
    description: "A problem or error.",
    subtask: false,
    hierarchyLevel: 0,
    avatarId: 10303,
    entityId: "8a4b1f0e-9c55-4c3e-9d0c-4f0c1b7f2a05",
  },
];

export const LINK_TYPES: readonly IssueLinkTypeRecord[] = [
  { id: "10000", name: "Blocks", inward: "is blocked by", outward: "blocks" },
  { id: "10001", name: "Cloners", inward: "is cloned by", outward: "clones" },
  { id: "10002", name: "Duplicate", inward: "is duplicated by", outward: "duplicates" },
  { id: "10003", name: "Relates", inward: "relates to", outward: "relates to" },
];

export const WORKFLOW = { software: "10100", bugTracking: "10101", kanban: "10102", business: "10103" } as const;

function transition(
  id: string,
  name: string,
  from: readonly string[],
  to: string,
  options: Partial<Pick<TransitionRecord, "screen" | "defaultResolutionId">> = {},
): TransitionRecord {
  return { id, name, from, to, screen: options.screen ?? [], defaultResolutionId: options.defaultResolutionId ?? null };
}

const RESOLUTION_REQUIRED = [{ fieldId: "resolution", required: true }] as const;

export const WORKFLOWS: readonly WorkflowRecord[] = [
  {
    id: WORKFLOW.software,
    name: "Software Development Workflow",
    initialStatusId: STATUS.toDo,
    statusIds: [STATUS.toDo, STATUS.inProgress, STATUS.inReview, STATUS.done],
    transitions: [
      transition("11", "Start progress", [STATUS.toDo], STATUS.inProgress),
      transition("21", "Stop progress", [STATUS.inProgress], STATUS.toDo),
      transition("31", "Submit for review", [STATUS.inProgress], STATUS.inReview),
      transition("41", "Request changes", [STATUS.inReview], STATUS.inProgress),
      transition("51", "Done", [STATUS.inReview, STATUS.inProgress], STATUS.done, {
        screen: [...RESOLUTION_REQUIRED, { fieldId: "assignee", required: false }],
      }),
      transition("61", "Reopen", [STATUS.done], STATUS.toDo),
    ],
  },
  {
    id: WORKFLOW.bugTracking,
    name: "Bug Tracking Workflow",
    initialStatusId: STATUS.open,
    statusIds: [STATUS.open, STATUS.inProgress, STATUS.resolved, STATUS.closed, STATUS.reopened],
    transitions: [
      transition("11", "Start Progress", [STATUS.open, STATUS.reopened], STATUS.inProgress),
      transition("21", "Stop Progress", [STATUS.inProgress], STATUS.open),
      transition("31", "Resolve Issue", [STATUS.open, STATUS.inProgress, STATUS.reopened], STATUS.resolved, {
        screen: [...RESOLUTION_REQUIRED, { fieldId: "assignee", required: false }],
      }),
      transition("41", "Close Issue", [STATUS.open, STATUS.inProgress, STATUS.resolved, STATUS.reopened], STATUS.closed, {
        screen: [{ fieldId: "resolution", required: false }],
        defaultResolutionId: RESOLUTION.done,
      }),
      transition("51", "Reopen Issue", [STATUS.resolved, STATUS.closed], STATUS.reopened),
    ],
  },
  {
    id: WORKFLOW.kanban,
    name: "Kanban Workflow",
    initialStatusId: STATUS.backlog,
    statusIds: [STATUS.backlog, STATUS.selected, STATUS.inProgress, STATUS.done],
    transitions: [
      transition("11", "Backlog", [], STATUS.backlog),
      transition("21", "Selected for Development", [], STATUS.selected),
      transition("31", "In Progress", [], STATUS.inProgress),
      transition("41", "Done", [], STATUS.done, { defaultResolutionId: RESOLUTION.done }),
    ],
  },
  {
    id: WORKFLOW.business,
    name: "Task Management Workflow",
    initialStatusId: STATUS.toDo,
    statusIds: [STATUS.toDo, STATUS.inProgress, STATUS.done],
    transitions: [
      transition("11", "To Do", [], STATUS.toDo),
      transition("21", "In Progress", [], STATUS.inProgress),
      transition("31", "Done", [], STATUS.done, { defaultResolutionId: RESOLUTION.done }),
    ],
  },
];

export const PERMISSION_SCHEME = { standard: "10000", confidential: "10001", restrictedEdit: "10002" } as const;

const ALL_PERMISSIONS: readonly ProjectPermission[] = [
  "BROWSE_PROJECTS",
  "CREATE_ISSUES",
  "EDIT_ISSUES",
  "TRANSITION_ISSUES",
  "ADD_COMMENTS",
  "DELETE_ISSUES",
  "LINK_ISSUES",
  "ASSIGNABLE_USER",
];

function grants(permissions: readonly ProjectPermission[], holder: PermissionHolder): PermissionGrant[] {
  return permissions.map((permission) => ({ permission, holder }));
}

const USERS_GROUP: PermissionHolder = { type: "group", value: "jira-software-users" };
const ADMINISTRATORS: PermissionHolder = { type: "projectRole", value: "Administrators" };

export const PERMISSION_SCHEMES: readonly PermissionSchemeRecord[] = [
  {
    id: PERMISSION_SCHEME.standard,
    name: "Default software scheme",
    grants: [
      ...grants(
        ALL_PERMISSIONS.filter((p) => p !== "DELETE_ISSUES"),
        USERS_GROUP,
      ),
      ...grants(ALL_PERMISSIONS, ADMINISTRATORS),
    ],
  },
  {
    id: PERMISSION_SCHEME.confidential,
    name: "Confidential project scheme",
    grants: [
      ...grants(
        ALL_PERMISSIONS.filter((p) => p !== "DELETE_ISSUES"),
        { type: "projectRole", value: "Members" },
      ),
      ...grants(ALL_PERMISSIONS, ADMINISTRATORS),
    ],
  },
  {
    id: PERMISSION_SCHEME.restrictedEdit,
    name: "Service desk style scheme",
    grants: [
      ...grants(["BROWSE_PROJECTS", "CREATE_ISSUES", "ADD_COMMENTS", "LINK_ISSUES"], USERS_GROUP),
      ...grants(["EDIT_ISSUES", "TRANSITION_ISSUES", "ASSIGNABLE_USER"], { type: "projectRole", value: "Developers" }),
      ...grants(ALL_PERMISSIONS, ADMINISTRATORS),
    ],
  },
];
