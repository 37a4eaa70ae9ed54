/**
 * Compiles one `field operator operand` clause: checks it as Jira does (operator usage, operator support, EMPTY
 * support, values), then builds its predicate pair. Errors are reported, in Jira's words, through `env.report`.
 */
import type { JqlOperand, JqlOperator } from "./ast.js";
import {
  isPositiveOperator,
  membershipAtom,
  rangeAtom,
  valueMembershipAtom,
  NEVER,
  type Atom,
  type Ordering,
  type Predicate,
} from "./atoms.js";
import type { ContextIndex } from "./context-index.js";
import { dayNumberOfInstant, dayNumberOfIsoDate, parseDateLiteral } from "./dates.js";
import { lookupField, type FieldId, type FieldSpec } from "./fields.js";
import { evaluateFunction, isListFunction, type FunctionEnvironment } from "./functions.js";
import { semantic } from "./messages.js";
import { displayOperand } from "./print.js";
import { resolveEntity, resolveIssue, resolveUser, type Literal } from "./resolve.js";
import { compileTextQuery } from "./text.js";
import type { JqlContext, JqlIssueView } from "./types.js";
import { isEmptyDocument, lowerCaseLabels, textDocument, type TextDocument } from "./view-cache.js";

export interface ClauseEnvironment {
  context: JqlContext;
  index: ContextIndex;
  functions: FunctionEnvironment;
  report(message: string): void;
}

/** What a positive clause tells about the issues that can match (for narrowing the emulator's scan). */
export interface Narrowing {
  projectKeys?: readonly string[];
  issueKeys?: readonly string[];
}

export interface CompiledClause {
  atom: Atom;
  narrowing?: Narrowing;
}

type Item = Exclude<JqlOperand, { kind: "list" }>;

interface ClauseParts {
  spec: FieldSpec;
  /** The field as written, for messages. */
  field: string;
  operator: JqlOperator;
  items: Item[];
  includesEmpty: boolean;
  env: ClauseEnvironment;
}

function flatten(operand: JqlOperand, into: Item[]): Item[] {
  if (operand.kind === "list") for (const item of operand.items) flatten(item, into);
  else into.push(operand);
  return into;
}

function isOrdering(operator: JqlOperator): operator is Ordering {
  return operator === ">" || operator === ">=" || operator === "<" || operator === "<=";
}

/** Jira's operator-usage rules, checked before anything field-specific. */
function operatorUsageError(field: string, operator: JqlOperator, operand: JqlOperand): string | null {
  const listOperator = operator === "in" || operator === "not in";
  const listOperand = operand.kind === "list" || (operand.kind === "function" && isListFunction(operand.name));
  if (operand.kind === "empty" && (listOperator || isOrdering(operator))) return semantic.emptyOperandNotSupported(field, operator);
  if (listOperator && !listOperand) return semantic.listRequired(field, operator, displayOperand(operand));
  if (!listOperator && listOperand) return semantic.listNotSupported(field, operator, displayOperand(operand));
  if ((operator === "is" || operator === "is not") && operand.kind !== "empty") return semantic.isRequiresEmpty(field, operator);
  return null;
}

export function compileClause(
  fieldName: string,
  operator: JqlOperator,
  operand: JqlOperand,
  env: ClauseEnvironment,
): CompiledClause | null {
  const spec = lookupField(fieldName);
  if (!spec) {
    env.report(semantic.unknownField(fieldName));
    return null;
  }
  const usage = operatorUsageError(fieldName, operator, operand);
  if (usage) {
    env.report(usage);
    return null;
  }
  if (!spec.operators.has(operator)) {
    env.report(semantic.unsupportedOperator(fieldName, operator));
    return null;
  }
  const items = flatten(operand, []);
  const includesEmpty = items.some((i) => i.kind === "empty");
  if (includesEmpty && !spec.emptySearchable) {
    env.report(semantic.emptyNotSupported(fieldName));
    return null;
  }
  const parts: ClauseParts = { spec, field: fieldName, operator, items, includesEmpty, env };
  switch (spec.kind) {
    case "entity":
      return compileEntity(parts);
    case "user":
      return compileUser(parts);
    case "issue":
      return compileIssue(parts);
    case "labels":
      return compileLabels(parts);
    case "text":
      return compileText(parts);
    case "date":
      return compileDate(parts);
    case "unset":
      return compileUnset(parts);
  }
}

/** Values of the non-EMPTY items as literals; functions are reported as not applicable (or unknown). */
function literalsOnly(parts: ClauseParts): Literal[] | null {
  const literals: Literal[] = [];
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "value") literals.push(item);
    else if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, parts.field, "other", parts.env.functions);
      // Only reached for functions that fit no field of this kind (a result here would be a bug): report, never match.
      parts.env.report(result.ok ? semantic.functionNotForField(item.name, parts.field) : result.message);
      failed = true;
    }
  }
  return failed ? null : literals;
}

// --- project, issue type, status, status category, priority, resolution --------------------------------------

const ENTITY_GETTERS: Partial<Record<FieldId, (issue: JqlIssueView) => string | null>> = {
  project: (i) => i.projectId,
  issuetype: (i) => i.issueTypeId,
  status: (i) => i.statusId,
  statusCategory: (i) => i.statusCategoryKey,
  priority: (i) => i.priorityId,
  resolution: (i) => i.resolutionId,
};

/** Issue-type ids from `standardIssueTypes()` / `subTaskIssueTypes()` items; other functions are reported. */
function issueTypeFunctionIds(parts: ClauseParts, into: Set<string>): boolean {
  let ok = true;
  for (const item of parts.items) {
    if (item.kind !== "function") continue;
    const result = evaluateFunction(item.name, item.args, parts.field, "issueType", parts.env.functions);
    if (result.ok && result.value.kind === "issueTypes") for (const id of result.value.ids) into.add(id);
    else {
      parts.env.report(result.ok ? semantic.functionNotForField(item.name, parts.field) : result.message);
      ok = false;
    }
  }
  return ok;
}

function compileEntity(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const get = ENTITY_GETTERS[spec.id] as (issue: JqlIssueView) => string | null;
  const ids = new Set<string>();
  const literals =
    spec.id === "issuetype"
      ? issueTypeFunctionIds(parts, ids)
        ? parts.items.filter((i) => i.kind === "value")
        : null
      : literalsOnly(parts);
  if (!literals) return null;
  let includesEmpty = parts.includesEmpty;
  let failed = false;
  for (const literal of literals) {
    if (spec.id === "resolution" && literal.value.toLowerCase() === "unresolved") {
      includesEmpty = true;
      continue;
    }
    const resolved = resolveEntity(spec.id, literal, field, env.index);
    if (resolved.ok) for (const id of resolved.ids) ids.add(id);
    else {
      env.report(resolved.message);
      failed = true;
    }
  }
  if (failed) return null;
  if (isOrdering(operator)) {
    const order = spec.id === "priority" ? env.index.priorities.order : env.index.resolutions.order;
    // Priorities are listed most important first, and `priority > Medium` means "more important than Medium".
    const rank = (id: string | null): number | null => {
      const position = id === null ? undefined : order.get(id);
      return position === undefined ? null : spec.id === "priority" ? -position : position;
    };
    const bound = rank([...ids][0] ?? null);
    if (bound === null) return { atom: { pos: NEVER, neg: NEVER } };
    return { atom: rangeAtom((i) => rank(get(i)), operator, bound) };
  }
  const atom = valueMembershipAtom(get, ids, includesEmpty, isPositiveOperator(operator));
  if (spec.id === "project" && isPositiveOperator(operator) && !includesEmpty) {
    const keys = [...ids].map((id) => env.index.projects.keyById.get(id)).filter((k): k is string => k !== undefined);
    return { atom, narrowing: { projectKeys: keys } };
  }
  return { atom };
}

// --- assignee, reporter, creator ---------------------------------------------------------------------------

const USER_GETTERS: Partial<Record<FieldId, (issue: JqlIssueView) => string | null>> = {
  assignee: (i) => i.assigneeAccountId,
  reporter: (i) => i.reporterAccountId,
  creator: (i) => i.creatorAccountId,
};

function compileUser(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const ids = new Set<string>();
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "empty") continue;
    if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "user", env.functions);
      if (result.ok && result.value.kind === "user") ids.add(result.value.accountId);
      else {
        env.report(result.ok ? semantic.functionNotForField(item.name, field) : result.message);
        failed = true;
      }
      continue;
    }
    const resolved = resolveUser(item, field, env.index);
    if (resolved.ok) for (const id of resolved.ids) ids.add(id);
    else {
      env.report(resolved.message);
      failed = true;
    }
  }
  if (failed) return null;
  const get = USER_GETTERS[spec.id] as (issue: JqlIssueView) => string | null;
  ids.delete(""); // currentUser() of an anonymous caller names nobody
  return { atom: valueMembershipAtom(get, ids, parts.includesEmpty, isPositiveOperator(operator)) };
}

// --- issue key / id, parent ----------------------------------------------------------------------------------

/** Query keys are upper-cased once; issue views carry Jira's canonical (upper-case) keys, compared as they are. */
function hasKey(upperKeys: ReadonlySet<string>, key: string): boolean {
  return upperKeys.has(key);
}

function compileIssue(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const literals = literalsOnly(parts);
  if (!literals) return null;
  const keys = new Set<string>();
  const ids = new Set<string>();
  const references: Array<Extract<ReturnType<typeof resolveIssue>, { ok: true }>> = [];
  for (const literal of literals) {
    const reference = resolveIssue(literal, field, env.context);
    if (!reference.ok) {
      env.report(reference.message);
      continue;
    }
    references.push(reference);
    if (reference.kind === "key") keys.add(reference.key);
    else ids.add(reference.id);
  }
  if (references.length !== literals.length) return null;
  if (isOrdering(operator)) {
    const reference = references[0];
    if (!reference) return null;
    if (reference.kind === "id") return { atom: rangeAtom((i) => Number(i.id), operator, Number(reference.id)) };
    const project = reference.projectKey;
    return { atom: rangeAtom((i) => (i.projectKey === project ? i.keyNumber : null), operator, reference.number) };
  }
  const positive = isPositiveOperator(operator);
  if (spec.id === "parent") {
    const isEmpty: Predicate = (i) => i.parentKey === null && i.parentId === null;
    const has: Predicate = (i) =>
      (i.parentKey !== null && keys.has(i.parentKey.toUpperCase())) || (i.parentId !== null && ids.has(i.parentId));
    return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, positive) };
  }
  const has: Predicate = ids.size === 0 ? (i) => hasKey(keys, i.key) : (i) => hasKey(keys, i.key) || ids.has(i.id);
  const atom = membershipAtom(NEVER, has, false, positive);
  return positive && ids.size === 0 ? { atom, narrowing: { issueKeys: [...keys] } } : { atom };
}

// --- labels --------------------------------------------------------------------------------------------------

function compileLabels(parts: ClauseParts): CompiledClause | null {
  const literals = literalsOnly(parts);
  if (!literals) return null;
  const wanted = new Set(literals.map((l) => l.value.toLowerCase()));
  const isEmpty: Predicate = (i) => i.labels.length === 0;
  const has: Predicate = (i) => lowerCaseLabels(i).some((l) => wanted.has(l));
  return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, isPositiveOperator(parts.operator)) };
}

// --- summary, description, environment, comment, text ---------------------------------------------------------

const TEXT_DOCUMENTS: Partial<Record<FieldId, TextDocument>> = {
  summary: "summary",
  description: "description",
  environment: "environment",
  comment: "comment",
  text: "text",
};

function compileText(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const document = TEXT_DOCUMENTS[spec.id] as TextDocument;
  const isEmpty: Predicate = (i) => isEmptyDocument(textDocument(i, document));
  if (operator === "is" || operator === "is not" || parts.includesEmpty) {
    // `description is EMPTY`, and `description ~ EMPTY` which Jira treats the same way.
    return { atom: membershipAtom(isEmpty, NEVER, true, operator === "is" || operator === "~") };
  }
  const item = parts.items[0];
  if (!item || item.kind !== "value") {
    if (item?.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "other", env.functions);
      env.report(result.ok ? semantic.functionNotForField(item.name, field) : result.message);
    }
    return null;
  }
  const query = compileTextQuery(item.value);
  if (!query.ok) {
    if (query.error === "empty") env.report(semantic.emptyStringNotSupported(field));
    else if (query.error === "unparsable") env.report(semantic.textUnparsable(field, item.value));
    else env.report(semantic.textBadStart(field, item.value, query.error.badStart));
    return null;
  }
  const matches = query.matches;
  const contains: Predicate = (i) => matches(textDocument(i, document));
  const lacks: Predicate = (i) => {
    const doc = textDocument(i, document);
    return !isEmptyDocument(doc) && !matches(doc);
  };
  return { atom: operator === "~" ? { pos: contains, neg: lacks } : { pos: lacks, neg: contains } };
}

// --- created, updated, resolutiondate, duedate -----------------------------------------------------------------

/** Date-times read as epoch ms; the due date (a calendar date) as a day number. */
function dateGetter(id: FieldId): (issue: JqlIssueView) => number | null {
  switch (id) {
    case "created":
      return (i) => i.created;
    case "updated":
      return (i) => i.updated;
    case "resolutiondate":
      return (i) => i.resolutiondate;
    default:
      return (i) => (i.duedate === null ? null : dayNumberOfIsoDate(i.duedate));
  }
}

function compileDate(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const { now, timeZone } = env.functions;
  const dateOnly = spec.id === "duedate";
  const readings: number[] = [];
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "empty") continue;
    let instant: number | null = null;
    if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "date", env.functions);
      if (result.ok && result.value.kind === "instant") instant = result.value.instant;
      else env.report(result.ok ? semantic.functionNotDate(item.name, field) : result.message);
    } else {
      instant = parseDateLiteral(item.value, item.numeric, now, timeZone);
      if (instant === null) env.report(semantic.invalidDate(field, item.value));
    }
    if (instant === null) failed = true;
    else readings.push(dateOnly ? dayNumberOfInstant(instant, timeZone) : instant);
  }
  if (failed) return null;
  const get = dateGetter(spec.id);
  if (isOrdering(operator)) return { atom: rangeAtom(get, operator, readings[0] as number) };
  const wanted = new Set(readings);
  const isEmpty: Predicate = (i) => get(i) === null;
  const has: Predicate = (i) => wanted.has(get(i) as number);
  return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, isPositiveOperator(operator)) };
}

// --- fixVersion, affectedVersion, component: present in every Jira, never set on this site -------------------------

function compileUnset(parts: ClauseParts): CompiledClause | null {
  const literals = literalsOnly(parts);
  if (!literals) return null;
  for (const literal of literals) {
    parts.env.report(literal.numeric ? semantic.unknownId(parts.field, literal.value) : semantic.unknownValue(parts.field, literal.value));
  }
  if (literals.length > 0) return null;
  return { atom: membershipAtom(() => true, NEVER, parts.includesEmpty, isPositiveOperator(parts.operator)) };
}
