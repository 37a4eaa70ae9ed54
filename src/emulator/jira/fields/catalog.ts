/**
 * The Jira fields this site knows: system fields plus two Jira Software custom fields.
 * One definition per field drives `/field`, `names`/`schema` expansions, create/edit/transition
 * metadata (`operations`, `schema`) and which fields `*navigable` selects.
 */

/** The spec's `JsonTypeBean`. */
export interface FieldSchema {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  schema: FieldSchema;
  /** Shown in the issue navigator; what `*navigable` returns. */
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  clauseNames: readonly string[];
  /** Update operations the field supports in `update` (empty for read-only fields). */
  operations: readonly string[];
  /** Part of an issue's `fields` (false for pseudo-fields such as `issuekey`). */
  onIssue: boolean;
}

function system(
  id: string,
  name: string,
  schema: Omit<FieldSchema, "system">,
  options: Partial<Pick<FieldDef, "navigable" | "orderable" | "searchable" | "clauseNames" | "operations" | "onIssue">> = {},
): FieldDef {
  return {
    id,
    name,
    custom: false,
    schema: { ...schema, system: id },
    navigable: options.navigable ?? true,
    orderable: options.orderable ?? false,
    searchable: options.searchable ?? true,
    clauseNames: options.clauseNames ?? [id],
    operations: options.operations ?? [],
    onIssue: options.onIssue ?? true,
  };
}

function custom(id: string, name: string, schema: Omit<FieldSchema, "customId">, clauseNames: readonly string[]): FieldDef {
  const customId = Number(id.slice("customfield_".length));
  return {
    id,
    name,
    custom: true,
    schema: { ...schema, customId },
    navigable: true,
    orderable: true,
    searchable: true,
    clauseNames: [...clauseNames, `cf[${customId}]`],
    operations: ["set"],
    onIssue: true,
  };
}

export const STORY_POINTS_FIELD = "customfield_10016";
export const START_DATE_FIELD = "customfield_10015";

export const FIELDS: readonly FieldDef[] = [
  system("summary", "Summary", { type: "string" }, { orderable: true, operations: ["set"] }),
  system("description", "Description", { type: "string" }, { orderable: true, operations: ["set"] }),
  system("environment", "Environment", { type: "string" }, { orderable: true, operations: ["set"] }),
  system("issuetype", "Issue Type", { type: "issuetype" }, { orderable: true, clauseNames: ["issuetype", "type"] }),
  system("project", "Project", { type: "project" }, { orderable: true, clauseNames: ["project"], operations: ["set"] }),
  system("priority", "Priority", { type: "priority" }, { orderable: true, operations: ["set"] }),
  system("status", "Status", { type: "status" }),
  system("statusCategory", "Status Category", { type: "statusCategory" }),
  system("resolution", "Resolution", { type: "resolution" }, { orderable: true, operations: ["set"] }),
  system("resolutiondate", "Resolved", { type: "datetime" }, { clauseNames: ["resolutiondate", "resolved"] }),
  system("assignee", "Assignee", { type: "user" }, { orderable: true, operations: ["set"] }),
  system("reporter", "Reporter", { type: "user" }, { orderable: true, operations: ["set"] }),
  system("creator", "Creator", { type: "user" }),
  system(
    "labels",
    "Labels",
    { type: "array", items: "string" },
    { orderable: true, clauseNames: ["labels"], operations: ["add", "set", "remove"] },
  ),
  system("duedate", "Due date", { type: "date" }, { orderable: true, clauseNames: ["duedate", "due"], operations: ["set"] }),
  system("parent", "Parent", { type: "issuelink" }, { orderable: true, operations: ["set"] }),
  system("subtasks", "Sub-tasks", { type: "array", items: "issuelinks" }, { clauseNames: ["subtasks"] }),
  system("issuelinks", "Linked Issues", { type: "array", items: "issuelinks" }, { clauseNames: ["issueLink"], operations: ["add"] }),
  system("comment", "Comment", { type: "comments-page" }, { navigable: false, clauseNames: ["comment"], operations: ["add"] }),
  system("created", "Created", { type: "datetime" }, { clauseNames: ["created", "createdDate"] }),
  system("updated", "Updated", { type: "datetime" }, { clauseNames: ["updated", "updatedDate"] }),
  system("statuscategorychangedate", "Status Category Changed", { type: "datetime" }, { clauseNames: ["statusCategoryChangedDate"] }),
  system("watches", "Watchers", { type: "watches" }, { searchable: false, clauseNames: ["watchers"] }),
  system("votes", "Votes", { type: "votes" }, { searchable: false, clauseNames: ["votes"] }),
  system("issuekey", "Key", { type: "string" }, { searchable: false, clauseNames: ["id", "issue", "issuekey", "key"], onIssue: false }),
  custom(STORY_POINTS_FIELD, "Story point estimate", { type: "number", custom: "com.pyxis.greenhopper.jira:jsw-story-points" }, [
    "Story point estimate",
  ]),
  custom(START_DATE_FIELD, "Start date", { type: "date", custom: "com.atlassian.jira.plugin.system.customfieldtypes:datepicker" }, [
    "Start date",
  ]),
];

const BY_ID = new Map(FIELDS.map((f) => [f.id, f]));
const BY_LOWER_NAME = new Map(FIELDS.map((f) => [f.name.toLowerCase(), f]));

export function fieldById(id: string): FieldDef | undefined {
  return BY_ID.get(id);
}

/** A field by id or display name (Jira accepts both in `fields=` lists). */
export function fieldByIdOrName(idOrName: string): FieldDef | undefined {
  return BY_ID.get(idOrName) ?? BY_LOWER_NAME.get(idOrName.toLowerCase());
}

/** Fields rendered on issues, in the order Jira lists them. */
export const ISSUE_FIELDS: readonly FieldDef[] = FIELDS.filter((f) => f.onIssue);
export const NAVIGABLE_FIELDS: readonly FieldDef[] = ISSUE_FIELDS.filter((f) => f.navigable);
