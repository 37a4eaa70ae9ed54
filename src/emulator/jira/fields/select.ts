import { listArg } from "../args.js";
import { fieldByIdOrName, ISSUE_FIELDS, NAVIGABLE_FIELDS, type FieldDef } from "./catalog.js";

/** Which fields an issue response carries, from a `fields` list (`*all`, `*navigable`, names, `-exclusions`). */
export interface FieldSelection {
  fields: readonly FieldDef[];
  /** True when nothing but ids was asked for (`/search/jql` then answers `{id}` per issue). */
  idOnly: boolean;
}

const ALL: FieldSelection = { fields: ISSUE_FIELDS, idOnly: false };

/**
 * `requested` is the comma-split list; `fallback` is used when it is empty (`*all` for GET issue,
 * `id` for `/search/jql`). Unknown names are ignored, as Jira ignores them.
 */
export function selectFields(requested: readonly string[], fallback: "*all" | "id"): FieldSelection {
  if (requested.length === 0) return fallback === "*all" ? ALL : ID_ONLY;
  // Agents repeat the same few `fields` lists; parsing them once keeps reads cheap.
  const cacheKey = `${fallback}|${requested.join(",")}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const selection = parseSelection(requested);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, selection);
  return selection;
}

const ID_ONLY: FieldSelection = { fields: [], idOnly: true };
const CACHE_LIMIT = 512;
const cache = new Map<string, FieldSelection>();

function parseSelection(requested: readonly string[]): FieldSelection {
  const included = new Set<FieldDef>();
  const excluded = new Set<FieldDef>();
  let onlyIds = true;
  let sawInclusion = false;
  for (const raw of requested) {
    const name = raw.trim();
    if (name.startsWith("-")) {
      const field = fieldByIdOrName(name.slice(1));
      if (field) excluded.add(field);
      onlyIds = false;
      continue;
    }
    sawInclusion = true;
    if (name === "id") continue;
    onlyIds = false;
    if (name === "*all") for (const f of ISSUE_FIELDS) included.add(f);
    else if (name === "*navigable") for (const f of NAVIGABLE_FIELDS) included.add(f);
    else {
      const field = fieldByIdOrName(name);
      if (field?.onIssue) included.add(field);
    }
  }
  if (onlyIds && sawInclusion) return { fields: [], idOnly: true };
  // Only exclusions: they apply to the default set (navigable fields, as Jira documents).
  if (!sawInclusion) for (const f of NAVIGABLE_FIELDS) included.add(f);
  const fields = ISSUE_FIELDS.filter((f) => included.has(f) && !excluded.has(f));
  return { fields, idOnly: false };
}

/**
 * The selection for a raw `fields` argument as validated (a string or an array of strings,
 * possibly comma-separated). The common single-string form is looked up without splitting.
 */
export function selectFieldsArg(value: unknown, fallback: "*all" | "id"): FieldSelection {
  const single =
    typeof value === "string" ? value : Array.isArray(value) && value.length === 1 && typeof value[0] === "string" ? value[0] : undefined;
  if (single !== undefined) {
    const cached = cache.get(`${fallback}|${single}`);
    if (cached) return cached;
  }
  return selectFields(listArg(value), fallback);
}
