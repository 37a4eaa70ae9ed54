/**
 * ORDER BY: a comparator over issue views. Each field sorts in its natural Jira order (statuses, priorities,
 * resolutions and issue types by their position in the site's lists; keys by project then number; dates by time);
 * EMPTY sorts after every value in ascending order (so first when descending). Ties always end on the issue id,
 * so the order is total and deterministic.
 *
 * Without ORDER BY the engine sorts by key, newest first (`ORDER BY key DESC`): Jira documents no order for that
 * case, and newest-first by key is what its search answers in practice for non-text queries.
 */
import type { JqlSortTerm } from "./ast.js";
import { CATEGORY_ORDER, type ContextIndex } from "./context-index.js";
import { lookupField, type FieldId } from "./fields.js";
import { semantic } from "./messages.js";
import type { JqlIssueView } from "./types.js";

export type Comparator = (a: JqlIssueView, b: JqlIssueView) => number;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares readings where null (EMPTY) is greater than any value. */
function byReading<T>(read: (issue: JqlIssueView) => T | null, compare: (a: T, b: T) => number): Comparator {
  return (x, y) => {
    const a = read(x);
    const b = read(y);
    if (a === null) return b === null ? 0 : 1;
    if (b === null) return -1;
    return compare(a, b);
  };
}

/** Numeric ids compare numerically (by length, then digits: no precision loss), others as strings. */
export function compareIds(a: string, b: string): number {
  const numeric = /^[0-9]+$/;
  if (numeric.test(a) && numeric.test(b)) return a.length !== b.length ? a.length - b.length : compareStrings(a, b);
  return compareStrings(a, b);
}

function compareKeyParts(projectA: string, numberA: number, projectB: string, numberB: number): number {
  return compareStrings(projectA, projectB) || compareNumbers(numberA, numberB);
}

const byId: Comparator = (a, b) => compareIds(a.id, b.id);

const compareKeys: Comparator = (a, b) => compareKeyParts(a.projectKey, a.keyNumber, b.projectKey, b.keyNumber);

function splitKey(key: string): [string, number] {
  const dash = key.lastIndexOf("-");
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

function positionIn(order: ReadonlyMap<string, number>): (id: string | null) => number | null {
  return (id) => (id === null ? null : (order.get(id) ?? Number.MAX_SAFE_INTEGER));
}

/** Orders users by display name (case-insensitive), falling back to the account id for unknown users. */
function byUser(read: (issue: JqlIssueView) => string | null, index: ContextIndex): Comparator {
  const names = index.users.displayNameById;
  return byReading((i) => {
    const accountId = read(i);
    return accountId === null ? null : (names.get(accountId) ?? accountId).toLowerCase();
  }, compareStrings);
}

function fieldComparator(id: FieldId, index: ContextIndex): Comparator {
  switch (id) {
    case "project":
      return (a, b) =>
        compareStrings(a.projectName.toLowerCase(), b.projectName.toLowerCase()) || compareStrings(a.projectKey, b.projectKey);
    case "issuekey":
      return compareKeys;
    case "issuetype": {
      const position = positionIn(index.issueTypes.order);
      return byReading((i) => position(i.issueTypeId), compareNumbers);
    }
    case "status": {
      const position = positionIn(index.statuses.order);
      return byReading((i) => position(i.statusId), compareNumbers);
    }
    case "statusCategory":
      return byReading((i) => CATEGORY_ORDER.get(i.statusCategoryKey) ?? 0, compareNumbers);
    case "assignee":
      return byUser((i) => i.assigneeAccountId, index);
    case "reporter":
      return byUser((i) => i.reporterAccountId, index);
    case "creator":
      return byUser((i) => i.creatorAccountId, index);
    case "priority": {
      // Most important first in the site's list; ascending order runs from least to most important.
      const position = positionIn(index.priorities.order);
      return byReading((i) => {
        const p = position(i.priorityId);
        return p === null ? null : -p;
      }, compareNumbers);
    }
    case "resolution": {
      const position = positionIn(index.resolutions.order);
      return byReading((i) => position(i.resolutionId), compareNumbers);
    }
    case "summary":
      return (a, b) => compareStrings(a.summary.toLowerCase(), b.summary.toLowerCase());
    case "created":
      return (a, b) => compareNumbers(a.created, b.created);
    case "updated":
      return (a, b) => compareNumbers(a.updated, b.updated);
    case "resolutiondate":
      return byReading((i) => i.resolutiondate, compareNumbers);
    case "duedate":
      return byReading((i) => i.duedate, compareStrings);
    case "parent":
      return byReading(
        (i) => i.parentKey,
        (a, b) => {
          const [pa, na] = splitKey(a);
          const [pb, nb] = splitKey(b);
          return compareKeyParts(pa, na, pb, nb);
        },
      );
    case "rank":
      // Issues are ranked in creation order until someone re-ranks them, which the emulator does not model.
      return byId;
    default:
      return () => 0;
  }
}

/** The default order: key descending, then id. */
export const DEFAULT_ORDER: Comparator = (a, b) => -compareKeys(a, b) || byId(a, b);

/** Builds the ORDER BY comparator, reporting unknown or unsortable fields in Jira's words. */
export function compileOrder(terms: readonly JqlSortTerm[] | null, index: ContextIndex, report: (message: string) => void): Comparator {
  if (terms === null || terms.length === 0) return DEFAULT_ORDER;
  const steps: Array<{ compare: Comparator; sign: number }> = [];
  for (const term of terms) {
    const spec = lookupField(term.field.name);
    if (!spec) {
      report(semantic.cannotSort(term.field.name));
      continue;
    }
    if (!spec.sortable) {
      report(semantic.sortNotSupported(term.field.name));
      continue;
    }
    const direction = term.direction ?? spec.defaultDirection;
    steps.push({ compare: fieldComparator(spec.id, index), sign: direction === "desc" ? -1 : 1 });
  }
  return (a, b) => {
    for (const step of steps) {
      const result = step.compare(a, b);
      if (result !== 0) return step.sign * result;
    }
    return byId(a, b);
  };
}
