/**
 * The JQL fields the engine knows: names and aliases Jira accepts, the operators each supports,
 * whether it can be EMPTY, and how it sorts. Lookups are case-insensitive.
 */
import type { JqlOperator } from "./ast.js";

export type FieldId =
  | "project"
  | "issuekey"
  | "issuetype"
  | "status"
  | "statusCategory"
  | "assignee"
  | "reporter"
  | "creator"
  | "priority"
  | "resolution"
  | "labels"
  | "summary"
  | "description"
  | "environment"
  | "comment"
  | "text"
  | "created"
  | "updated"
  | "resolutiondate"
  | "duedate"
  | "parent"
  | "fixVersion"
  | "affectedVersion"
  | "component"
  | "rank";

/** `unset`: fields every Jira site has but this emulated site never fills (no versions or components exist). */
export type FieldKind = "entity" | "user" | "issue" | "labels" | "text" | "date" | "unset";

export interface FieldSpec {
  id: FieldId;
  kind: FieldKind;
  operators: ReadonlySet<JqlOperator>;
  /** Whether `EMPTY` may be searched for (Jira refuses it on fields that can never be empty). */
  emptySearchable: boolean;
  /** False: ORDER BY refuses the field ("Field 'x' does not support sorting."). */
  sortable: boolean;
  /** Direction when ORDER BY names no direction (Jira's per-field default sort order). */
  defaultDirection: "asc" | "desc";
}

const EQUALITY: JqlOperator[] = ["=", "!=", "in", "not in"];
const EMPTINESS: JqlOperator[] = ["is", "is not"];
const ORDERING: JqlOperator[] = [">", ">=", "<", "<="];
const TEXT: JqlOperator[] = ["~", "!~"];

function spec(
  id: FieldId,
  kind: FieldKind,
  operators: JqlOperator[],
  options: { empty: boolean; sortable?: boolean; direction?: "asc" | "desc" },
): FieldSpec {
  return {
    id,
    kind,
    operators: new Set(operators),
    emptySearchable: options.empty,
    sortable: options.sortable ?? true,
    defaultDirection: options.direction ?? "asc",
  };
}

const SPECS: readonly FieldSpec[] = [
  spec("project", "entity", [...EQUALITY, ...EMPTINESS], { empty: false }),
  spec("issuekey", "issue", [...EQUALITY, ...ORDERING], { empty: false }),
  spec("issuetype", "entity", [...EQUALITY, ...EMPTINESS], { empty: true }),
  spec("status", "entity", EQUALITY, { empty: false }),
  spec("statusCategory", "entity", EQUALITY, { empty: false }),
  spec("assignee", "user", [...EQUALITY, ...EMPTINESS], { empty: true }),
  spec("reporter", "user", [...EQUALITY, ...EMPTINESS], { empty: true }),
  spec("creator", "user", [...EQUALITY, ...EMPTINESS], { empty: true }),
  spec("priority", "entity", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true, direction: "desc" }),
  spec("resolution", "entity", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true }),
  spec("labels", "labels", [...EQUALITY, ...EMPTINESS], { empty: true, sortable: false }),
  spec("summary", "text", TEXT, { empty: false }),
  spec("description", "text", [...TEXT, ...EMPTINESS], { empty: true, sortable: false }),
  spec("environment", "text", [...TEXT, ...EMPTINESS], { empty: true, sortable: false }),
  spec("comment", "text", TEXT, { empty: false, sortable: false }),
  spec("text", "text", ["~"], { empty: false, sortable: false }),
  spec("created", "date", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true, direction: "desc" }),
  spec("updated", "date", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true, direction: "desc" }),
  spec("resolutiondate", "date", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true, direction: "desc" }),
  spec("duedate", "date", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true }),
  spec("parent", "issue", [...EQUALITY, ...EMPTINESS], { empty: true }),
  spec("fixVersion", "unset", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true }),
  spec("affectedVersion", "unset", [...EQUALITY, ...EMPTINESS, ...ORDERING], { empty: true }),
  spec("component", "unset", [...EQUALITY, ...EMPTINESS], { empty: true }),
  // Jira Software's board order: not searchable, but `ORDER BY Rank` is everywhere in agents' queries.
  spec("rank", "unset", [], { empty: false }),
];

const ALIASES: ReadonlyArray<[string, FieldId]> = [
  ["project", "project"],
  ["key", "issuekey"],
  ["issuekey", "issuekey"],
  ["issue", "issuekey"],
  ["id", "issuekey"],
  ["issuetype", "issuetype"],
  ["type", "issuetype"],
  ["status", "status"],
  ["statuscategory", "statusCategory"],
  ["assignee", "assignee"],
  ["reporter", "reporter"],
  ["creator", "creator"],
  ["priority", "priority"],
  ["resolution", "resolution"],
  ["labels", "labels"],
  ["summary", "summary"],
  ["description", "description"],
  ["environment", "environment"],
  ["comment", "comment"],
  ["text", "text"],
  ["created", "created"],
  ["createddate", "created"],
  ["updated", "updated"],
  ["updateddate", "updated"],
  ["resolutiondate", "resolutiondate"],
  ["resolved", "resolutiondate"],
  ["due", "duedate"],
  ["duedate", "duedate"],
  ["parent", "parent"],
  ["fixversion", "fixVersion"],
  ["affectedversion", "affectedVersion"],
  ["component", "component"],
  ["rank", "rank"],
];

const BY_ID = new Map<FieldId, FieldSpec>(SPECS.map((s) => [s.id, s]));
const BY_NAME = new Map<string, FieldSpec>(ALIASES.map(([name, id]) => [name, BY_ID.get(id) as FieldSpec]));

/** The field a JQL name refers to (case-insensitive, aliases included), or undefined. */
export function lookupField(name: string): FieldSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}
