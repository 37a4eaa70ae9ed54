/**
 * Lookup tables over a `JqlContext` (names are case-insensitive in JQL).
 * Each table is built only when a query needs it, and memoised per context list (weakly, by array identity):
 * the contract's lists are read-only, so an emulator that keeps the same array across requests pays once, and one
 * that passes a new array after a change gets a fresh table.
 */
import type { JqlContext, JqlUser } from "./types.js";

/** A named, ordered list of site values (projects, issue types, statuses, priorities, resolutions). */
export interface NamedIndex {
  ids: ReadonlySet<string>;
  idsByName: ReadonlyMap<string, readonly string[]>;
  /** Position in the context list: Jira's ordering for ORDER BY and `<`/`>`. */
  order: ReadonlyMap<string, number>;
  nameById: ReadonlyMap<string, string>;
}

export interface ProjectIndex extends NamedIndex {
  idsByKey: ReadonlyMap<string, string>;
  keyById: ReadonlyMap<string, string>;
}

export interface UserIndex {
  ids: ReadonlySet<string>;
  idsByEmail: ReadonlyMap<string, readonly string[]>;
  idsByDisplayName: ReadonlyMap<string, readonly string[]>;
  displayNameById: ReadonlyMap<string, string>;
}

export interface ContextIndex {
  readonly projects: ProjectIndex;
  readonly issueTypes: NamedIndex;
  readonly statuses: NamedIndex;
  readonly priorities: NamedIndex;
  readonly resolutions: NamedIndex;
  /** Status category key by lower-cased key, name or id. */
  readonly categories: ReadonlyMap<string, string>;
  readonly users: UserIndex;
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** Memoises `build(list)` weakly on the list's identity. */
function memoised<L extends object, I>(build: (list: L) => I): (list: L) => I {
  const cache = new WeakMap<L, I>();
  return (list) => {
    let index = cache.get(list);
    if (index === undefined) {
      index = build(list);
      cache.set(list, index);
    }
    return index;
  };
}

const indexNamed = memoised((items: ReadonlyArray<{ id: string; name: string }>): NamedIndex => {
  const idsByName = new Map<string, string[]>();
  const order = new Map<string, number>();
  const nameById = new Map<string, string>();
  items.forEach((item, position) => {
    pushTo(idsByName, item.name.toLowerCase(), item.id);
    if (!order.has(item.id)) order.set(item.id, position);
    nameById.set(item.id, item.name);
  });
  return { ids: new Set(items.map((i) => i.id)), idsByName, order, nameById };
});

const indexProjects = memoised((projects: JqlContext["projects"]): ProjectIndex => {
  const idsByKey = new Map<string, string>();
  const keyById = new Map<string, string>();
  for (const project of projects) {
    idsByKey.set(project.key.toLowerCase(), project.id);
    keyById.set(project.id, project.key);
  }
  return { ...indexNamed(projects), idsByKey, keyById };
});

/** Jira's four status categories, by key, with their ids and English names. */
const STANDARD_CATEGORIES: ReadonlyArray<{ key: string; id: string; name: string }> = [
  { key: "undefined", id: "1", name: "No Category" },
  { key: "new", id: "2", name: "To Do" },
  { key: "done", id: "3", name: "Done" },
  { key: "indeterminate", id: "4", name: "In Progress" },
];

const indexCategories = memoised((statuses: JqlContext["statuses"]): ReadonlyMap<string, string> => {
  const categories = new Map<string, string>();
  for (const category of STANDARD_CATEGORIES) {
    categories.set(category.key, category.key);
    categories.set(category.id, category.key);
    categories.set(category.name.toLowerCase(), category.key);
  }
  for (const status of statuses) {
    categories.set(status.categoryKey.toLowerCase(), status.categoryKey);
    categories.set(status.categoryName.toLowerCase(), status.categoryKey);
  }
  return categories;
});

const indexUsers = memoised((users: readonly JqlUser[]): UserIndex => {
  const idsByEmail = new Map<string, string[]>();
  const idsByDisplayName = new Map<string, string[]>();
  const displayNameById = new Map<string, string>();
  for (const user of users) {
    pushTo(idsByEmail, user.emailAddress.toLowerCase(), user.accountId);
    pushTo(idsByDisplayName, user.displayName.toLowerCase(), user.accountId);
    displayNameById.set(user.accountId, user.displayName);
  }
  return { ids: new Set(users.map((u) => u.accountId)), idsByEmail, idsByDisplayName, displayNameById };
});

/** The tables over one context; each is looked up (or built) on first use. */
export function indexContext(context: JqlContext): ContextIndex {
  return {
    get projects() {
      return indexProjects(context.projects);
    },
    get issueTypes() {
      return indexNamed(context.issueTypes);
    },
    get statuses() {
      return indexNamed(context.statuses);
    },
    get priorities() {
      return indexNamed(context.priorities);
    },
    get resolutions() {
      return indexNamed(context.resolutions);
    },
    get categories() {
      return indexCategories(context.statuses);
    },
    get users() {
      return indexUsers(context.users);
    },
  };
}

/** Category sort order: To Do, In Progress, Done (unknown categories first). */
export const CATEGORY_ORDER: ReadonlyMap<string, number> = new Map([
  ["undefined", 0],
  ["new", 1],
  ["indeterminate", 2],
  ["done", 3],
]);
