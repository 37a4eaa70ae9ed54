/** The comparators behind v2's `sort` parameters: a key such as `created-date`, or `-created-date` for descending. */

export type Compare<T> = (a: T, b: T) => number;

/**
 * The comparator `sort` names among `orders`. A key not in `orders` falls back to the `fallback`
 * key; listings whose schema allows only known keys pass none.
 */
export function sortComparator<T>(orders: ReadonlyMap<string, Compare<T>>, sort: string, fallback?: string): Compare<T> {
  const descending = sort.startsWith("-");
  const key = descending ? sort.slice(1) : sort;
  const compare = orders.get(key) ?? (fallback === undefined ? undefined : orders.get(fallback));
  if (compare === undefined) throw new Error(`No sort order called ${key}`);
  return descending ? (a, b) => compare(b, a) : compare;
}
