import { page } from "./args.js";

/**
 * A `PageBean` answer with Jira's `self` and `nextPage` links: `url` is the endpoint's own address,
 * `items` the whole ordered result, of which the asked page is rendered by `render`.
 */
export function pageBean<T>(
  url: string,
  items: readonly T[],
  startAt: number,
  maxResults: number,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const { values, isLast } = page(items, startAt, maxResults);
  const out: Record<string, unknown> = {
    self: `${url}?maxResults=${maxResults}&startAt=${startAt}`,
    maxResults,
    startAt,
    total: items.length,
    isLast,
  };
  if (!isLast) out["nextPage"] = `${url}?maxResults=${maxResults}&startAt=${startAt + maxResults}`;
  out["values"] = values.map(render);
  return out;
}
