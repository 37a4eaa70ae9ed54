/**
 * Resolves the literal values of a clause to site ids, with Jira's rules and messages:
 * an unquoted number is tried as an id first, then as a name; anything else as a name (or key) first, then as an id.
 */
import type { ContextIndex, NamedIndex } from "./context-index.js";
import type { FieldId } from "./fields.js";
import { semantic } from "./messages.js";
import type { JqlContext } from "./types.js";

export interface Literal {
  value: string;
  quoted: boolean;
  numeric: boolean;
}

export type Resolved = { ok: true; ids: readonly string[] } | { ok: false; message: string };

function fromNamed(named: NamedIndex, literal: Literal, field: string, byKey?: ReadonlyMap<string, string>): Resolved {
  const lower = literal.value.toLowerCase();
  const byName = (): readonly string[] | undefined => {
    const key = byKey?.get(lower);
    return key !== undefined ? [key] : named.idsByName.get(lower);
  };
  const byId = (): readonly string[] | undefined => (named.ids.has(literal.value) ? [literal.value] : undefined);
  const found = literal.numeric ? (byId() ?? byName()) : (byName() ?? byId());
  if (found) return { ok: true, ids: found };
  return { ok: false, message: literal.numeric ? semantic.unknownId(field, literal.value) : semantic.unknownValue(field, literal.value) };
}

/** Ids of the project, issue type, status, priority or resolution a literal names; category keys for statusCategory. */
export function resolveEntity(fieldId: FieldId, literal: Literal, field: string, index: ContextIndex): Resolved {
  switch (fieldId) {
    case "project":
      return fromNamed(index.projects, literal, field, index.projects.idsByKey);
    case "issuetype":
      return fromNamed(index.issueTypes, literal, field);
    case "status":
      return fromNamed(index.statuses, literal, field);
    case "priority":
      return fromNamed(index.priorities, literal, field);
    case "resolution":
      return fromNamed(index.resolutions, literal, field);
    case "statusCategory": {
      const key = index.categories.get(literal.value.toLowerCase());
      return key !== undefined ? { ok: true, ids: [key] } : { ok: false, message: semantic.unknownValue(field, literal.value) };
    }
    default:
      return { ok: false, message: semantic.unknownValue(field, literal.value) };
  }
}

/** Account ids a literal names: an account id, an e-mail address or a display name (case-insensitive). */
export function resolveUser(literal: Literal, field: string, index: ContextIndex): Resolved {
  if (index.users.ids.has(literal.value)) return { ok: true, ids: [literal.value] };
  const lower = literal.value.toLowerCase();
  const found = index.users.idsByEmail.get(lower) ?? index.users.idsByDisplayName.get(lower);
  return found ? { ok: true, ids: found } : { ok: false, message: semantic.unknownValue(field, literal.value) };
}

const ISSUE_KEY = /^([A-Za-z][A-Za-z0-9_]*)-([0-9]{1,15})$/;

export type IssueReference =
  | { ok: true; kind: "key"; key: string; projectKey: string; number: number }
  | { ok: true; kind: "id"; id: string }
  | { ok: false; message: string };

/** An issue named by key (must exist) or, as an unquoted number, by id. */
export function resolveIssue(literal: Literal, field: string, context: JqlContext): IssueReference {
  if (literal.numeric) {
    if (context.issueIdExists && !context.issueIdExists(literal.value))
      return { ok: false, message: semantic.unknownId(field, literal.value) };
    return { ok: true, kind: "id", id: literal.value };
  }
  const match = ISSUE_KEY.exec(literal.value);
  if (!match) return { ok: false, message: semantic.invalidIssueKey(field, literal.value) };
  const key = literal.value.toUpperCase();
  if (!context.issueKeyExists(key)) return { ok: false, message: semantic.missingIssueKey(field, literal.value) };
  return { ok: true, kind: "key", key, projectKey: (match[1] as string).toUpperCase(), number: Number(match[2]) };
}
