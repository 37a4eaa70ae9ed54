import { deepFreeze } from "../../store.js";

/**
 * Memoises the rendering of an immutable record per site base URL. Records never change
 * (writes replace them), so a record's JSON is computed once; results are frozen because
 * they are shared between responses.
 */
export function memoByRecord<R extends object, V>(render: (record: R, baseUrl: string) => V): (record: R, baseUrl: string) => V {
  const cache = new WeakMap<R, { baseUrl: string; value: V }>();
  return (record, baseUrl) => {
    const hit = cache.get(record);
    if (hit && hit.baseUrl === baseUrl) return hit.value;
    const value = deepFreeze(render(record, baseUrl));
    cache.set(record, { baseUrl, value });
    return value;
  };
}
