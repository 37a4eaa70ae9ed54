/** Stable numbers for objects (comparators, ...) to use in cache keys; a number is never reused. */
const ids = new WeakMap<object, number>();
let next = 0;

export function objectId(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = next++));
  return id;
}
