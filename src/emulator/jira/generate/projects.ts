import type { User } from "../../core/users.js";
import type { Rng } from "../../../util/rng.js";
import { START_DATE_FIELD, STORY_POINTS_FIELD } from "../fields/catalog.js";
import type { IssueTypeConfig, ProjectRecord, ProjectRole, ScreenField } from "../state.js";
import { ISSUE_TYPE, PERMISSION_SCHEME, WORKFLOW } from "./catalog.js";
import { PROJECT_POOL, type ProjectTemplate } from "./projects-pool.js";

export interface GeneratedProject {
  record: ProjectRecord;
  template: ProjectTemplate;
  /** Active people who work in the project (assignees, reporters, commenters). */
  team: readonly User[];
}

const CATEGORY_IDS: Record<ProjectTemplate["category"], string> = { Engineering: "10000", Operations: "10001", Business: "10002" };

/** Per-project screen strictness: which optional fields this project makes mandatory. */
interface Strictness {
  priorityForBugs: boolean;
  environmentForBugs: boolean;
  duedateForTasks: boolean;
  labelsForStories: boolean;
}

/**
 * Picks 4-6 projects so that every site has a scrum project (whose "Done" transition requires a
 * resolution), the restricted-edit OPS project and one confidential project (SEC or HR).
 */
function pickTemplates(rng: Rng): ProjectTemplate[] {
  const byKey = (key: string) => PROJECT_POOL.find((p) => p.key === key)!;
  const scrum = rng.pick(PROJECT_POOL.filter((p) => p.flavour === "scrum"));
  const confidential = rng.pick(PROJECT_POOL.filter((p) => p.access === "confidential"));
  const chosen = [scrum, byKey("OPS"), confidential];
  const rest = rng.shuffle(PROJECT_POOL.filter((p) => !chosen.includes(p)));
  const total = rng.int(4, 6);
  for (const p of rest) if (chosen.length < total) chosen.push(p);
  return rng.shuffle(chosen);
}

function screenFor(typeId: string, template: ProjectTemplate, strict: Strictness): ScreenField[] {
  const field = (fieldId: string, required = false): ScreenField => ({ fieldId, required });
  const software = template.flavour !== "business";
  const fields: ScreenField[] = [field("summary", true)];
  fields.push(field("description"));
  if (typeId === ISSUE_TYPE.bug && software) fields.push(field("environment", strict.environmentForBugs));
  fields.push(field("priority", typeId === ISSUE_TYPE.bug && strict.priorityForBugs));
  fields.push(field("assignee"), field("reporter", true));
  fields.push(field("labels", typeId === ISSUE_TYPE.story && strict.labelsForStories));
  fields.push(field("duedate", typeId === ISSUE_TYPE.task && strict.duedateForTasks));
  if (typeId === ISSUE_TYPE.subtask) fields.push(field("parent", true));
  else if (typeId !== ISSUE_TYPE.epic) fields.push(field("parent"));
  if (typeId === ISSUE_TYPE.story && software) fields.push(field(STORY_POINTS_FIELD));
  if (typeId === ISSUE_TYPE.task || typeId === ISSUE_TYPE.epic) fields.push(field(START_DATE_FIELD));
  return fields;
}

function typesFor(template: ProjectTemplate): string[] {
  switch (template.flavour) {
    case "scrum":
    case "bugtracking":
      return [ISSUE_TYPE.epic, ISSUE_TYPE.story, ISSUE_TYPE.task, ISSUE_TYPE.bug, ISSUE_TYPE.subtask];
    case "kanban":
      return [ISSUE_TYPE.epic, ISSUE_TYPE.task, ISSUE_TYPE.bug, ISSUE_TYPE.subtask];
    case "business":
      return [ISSUE_TYPE.epic, ISSUE_TYPE.task, ISSUE_TYPE.subtask];
  }
}

function workflowFor(typeId: string, template: ProjectTemplate, bugsUseBugTracking: boolean): string {
  switch (template.flavour) {
    case "scrum":
      return typeId === ISSUE_TYPE.bug && bugsUseBugTracking ? WORKFLOW.bugTracking : WORKFLOW.software;
    case "bugtracking":
      return typeId === ISSUE_TYPE.bug || typeId === ISSUE_TYPE.task ? WORKFLOW.bugTracking : WORKFLOW.software;
    case "kanban":
      return WORKFLOW.kanban;
    case "business":
      return WORKFLOW.business;
  }
}

function issueTypeConfigs(template: ProjectTemplate, rng: Rng): IssueTypeConfig[] {
  const strict: Strictness = {
    priorityForBugs: rng.chance(0.5),
    environmentForBugs: rng.chance(0.3),
    duedateForTasks: rng.chance(0.3),
    labelsForStories: rng.chance(0.15),
  };
  const bugsUseBugTracking = rng.chance(0.4);
  return typesFor(template).map((typeId) => {
    const createScreen = screenFor(typeId, template, strict);
    // Sub-tasks cannot be re-parented by editing; everything else on the create screen is editable.
    const editScreen = createScreen.map((f) => f.fieldId).filter((id) => !(typeId === ISSUE_TYPE.subtask && id === "parent"));
    return { issueTypeId: typeId, workflowId: workflowFor(typeId, template, bugsUseBugTracking), createScreen, editScreen };
  });
}

function roles(template: ProjectTemplate, lead: User, team: readonly User[], rng: Rng, idBase: number): ProjectRole[] {
  const ids = (users: readonly User[]) => [...new Set([lead.accountId, ...users.map((u) => u.accountId)])];
  const out: ProjectRole[] = [
    { id: String(idBase + 2), name: "Administrators", accountIds: [lead.accountId], groups: ["jira-administrators"] },
    { id: String(idBase + 1), name: "Developers", accountIds: ids(team), groups: [] },
  ];
  if (template.access === "confidential") {
    out.push({ id: String(idBase + 3), name: "Members", accountIds: ids(rng.sample(team, Math.max(2, team.length - 2))), groups: [] });
  }
  return out;
}

export function generateProjects(people: readonly User[], rng: Rng): GeneratedProject[] {
  const active = people.filter((u) => u.active && !u.groups.includes("site-admins"));
  const regular = active.filter((u) => !u.groups.includes("jira-administrators"));
  return pickTemplates(rng.fork("templates")).map((template, index) => {
    const r = rng.fork(`project:${template.key}`);
    const lead = r.pick(regular.length > 0 ? regular : active);
    const others = active.filter((u) => u !== lead);
    const team = [lead, ...r.sample(others, r.int(4, Math.min(10, others.length)))];
    const id = String(10000 + index);
    const record: ProjectRecord = {
      id,
      key: template.key,
      name: template.name,
      description: template.description,
      leadAccountId: lead.accountId,
      projectTypeKey: template.flavour === "business" ? "business" : "software",
      category: { id: CATEGORY_IDS[template.category], name: template.category, description: `${template.category} projects` },
      uuid: `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`,
      assigneeType: r.chance(0.5) ? "PROJECT_LEAD" : "UNASSIGNED",
      issueTypes: issueTypeConfigs(template, r),
      permissionSchemeId:
        template.access === "confidential"
          ? PERMISSION_SCHEME.confidential
          : template.access === "restrictedEdit"
            ? PERMISSION_SCHEME.restrictedEdit
            : PERMISSION_SCHEME.standard,
      roles: roles(template, lead, team, r, 10000),
      isPrivate: template.access === "confidential",
    };
    // Confidential projects are worked on by their members only.
    const members = record.roles.find((role) => role.name === "Members");
    const workers = members ? team.filter((u) => members.accountIds.includes(u.accountId)) : team;
    return { record, template, team: workers };
  });
}
