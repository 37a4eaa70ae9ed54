/**
 * Lookup tables over a `JqlContext` (names are case-insensitive in JQL). Built per compile, not cached: the
 * context lists are small, and a cache keyed on a context object could go stale if the emulator reuses it.
 */
import type { JqlContext } from "./types.js";

/** A named, ordered list of site values (issue types, statuses, priorities, resolutions). */
export interface NamedIndex {
  ids: ReadonlySet<string>;
  idsByName: ReadonlyMap<string, readonly string[]>;
  /** Position in the context list: Jira's ordering for ORDER BY and `<`/`>`. */
  order: ReadonlyMap<string, number>;
  nameById: ReadonlyMap<string, string>;
}

export interface ContextIndex {
  projects: NamedIndex & { idsByKey: ReadonlyMap<string, string>; keyById: ReadonlyMap<string, string> };
  issueTypes: NamedIndex;
  statuses: NamedIndex;
  priorities: NamedIndex;
  resolutions: NamedIndex;
  /** Status category key by lower-cased key, name or id. */
  categories: ReadonlyMap<string, string>;
  users: {
    ids: ReadonlySet<string>;
    idsByEmail: ReadonlyMap<string, readonly string[]>;
    idsByDisplayName: ReadonlyMap<string, readonly string[]>;
    displayNameById: ReadonlyMap<string, string>;
  };
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function indexNamed(items: ReadonlyArray<{ id: string; name: string }>): NamedIndex {
  const idsByName = new Map<string, string[]>();
  const order = new Map<string, number>();
  const nameById = new Map<string, string>();
  items.forEach((item, position) => {
    pushTo(idsByName, item.name.toLowerCase(), item.id);
    if (!order.has(item.id)) order.set(item.id, position);
    nameById.set(item.id, item.name);
  });
  return { ids: new Set(items.map((i) => i.id)), idsByName, order, nameById };
}

/** Jira's four status categories, by key, with their ids and English names. */
const STANDARD_CATEGORIES: ReadonlyArray<{ key: string; id: string; name: string }> = [
  { key: "undefined", id: "1", name: "No Category" },
  { key: "new", id: "2", name: "To Do" },
  { key: "done", id: "3", name: "Done" },
  { key: "indeterminate", id: "4", name: "In Progress" },
];

export function indexContext(context: JqlContext): ContextIndex {
  const idsByKey = new Map<string, string>();
  const keyById = new Map<string, string>();
  for (const project of context.projects) {
    idsByKey.set(project.key.toLowerCase(), project.id);
    keyById.set(project.id, project.key);
  }
  const categories = new Map<string, string>();
  for (const category of STANDARD_CATEGORIES) {
    categories.set(category.key, category.key);
    categories.set(category.id, category.key);
    categories.set(category.name.toLowerCase(), category.key);
  }
  for (const status of context.statuses) {
    categories.set(status.categoryKey.toLowerCase(), status.categoryKey);
    categories.set(status.categoryName.toLowerCase(), status.categoryKey);
  }
  const idsByEmail = new Map<string, string[]>();
  const idsByDisplayName = new Map<string, string[]>();
  const displayNameById = new Map<string, string>();
  for (const user of context.users) {
    pushTo(idsByEmail, user.emailAddress.toLowerCase(), user.accountId);
    pushTo(idsByDisplayName, user.displayName.toLowerCase(), user.accountId);
    displayNameById.set(user.accountId, user.displayName);
  }
  return {
    projects: { ...indexNamed(context.projects), idsByKey, keyById },
    issueTypes: indexNamed(context.issueTypes),
    statuses: indexNamed(context.statuses),
    priorities: indexNamed(context.priorities),
    resolutions: indexNamed(context.resolutions),
    categories,
    users: { ids: new Set(context.users.map((u) => u.accountId)), idsByEmail, idsByDisplayName, displayNameById },
  };
}

/** Category sort order: To Do, In Progress, Done (unknown categories first). */
export const CATEGORY_ORDER: ReadonlyMap<string, number> = new Map([
  ["undefined", 0],
  ["new", 1],
  ["indeterminate", 2],
  ["done", 3],
]);
