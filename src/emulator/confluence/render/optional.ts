/**
 * The `include-*` fields of single-entity responses: a first page of related items with `meta`
 * and a `self` link to the full listing.
 */
export const INCLUDED_ITEMS_LIMIT = 50;

export function optionalField(items: readonly unknown[], self: string): Record<string, unknown> {
  const hasMore = items.length > INCLUDED_ITEMS_LIMIT;
  return {
    results: hasMore ? items.slice(0, INCLUDED_ITEMS_LIMIT) : items,
    meta: { hasMore },
    _links: { self },
  };
}
