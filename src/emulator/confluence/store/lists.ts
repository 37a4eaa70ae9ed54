/** Small helpers for the id lists kept in index tables (immutable arrays: every change is a copy). */

/** Numeric-string order: shorter is smaller, then lexicographic (no BigInt needed). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The records `ids` name in `table`, in the order of `ids`; ids without a record are skipped. */
export function recordsByIds<T>(table: { get(id: string): T | undefined }, ids: Iterable<string> | undefined): T[] {
  const out: T[] = [];
  for (const id of ids ?? []) {
    const record = table.get(id);
    if (record) out.push(record);
  }
  return out;
}

/** `list` with `id` inserted in ascending id order (unchanged if already present). */
export function withIdSorted(list: readonly string[] | undefined, id: string): readonly string[] {
  if (!list || list.length === 0) return [id];
  const last = list[list.length - 1]!;
  // Fast path: new content ids are always the largest.
  if (compareIds(last, id) < 0) return [...list, id];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(list[mid]!, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] === id) return list;
  return [...list.slice(0, lo), id, ...list.slice(lo)];
}

/** `list` with `id` appended (unchanged if already present). */
export function withAppended(list: readonly string[] | undefined, id: string): readonly string[] {
  if (!list) return [id];
  return list.includes(id) ? list : [...list, id];
}

/** `list` without `id` (the same array when it was absent). */
export function without(list: readonly string[] | undefined, id: string): readonly string[] {
  if (!list) return [];
  const index = list.indexOf(id);
  if (index < 0) return list;
  return [...list.slice(0, index), ...list.slice(index + 1)];
}
