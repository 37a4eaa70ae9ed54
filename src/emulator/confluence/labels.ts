import type { Operation } from "../operation.js";
import { argList, argString, idList, pathId } from "./args.js";
import { v2NotFound } from "./errors.js";
import { pageResponse, readPaging } from "./paged-listing.js";
import { readableSpaceIds } from "./permissions.js";
import { renderLabel } from "./render/label.js";
import { LIVE, findPage } from "./pages/common.js";
import { pageListing } from "./pages/list.js";
import * as S from "./schemas.js";
import type { LabelRecord } from "./state.js";
import { sortComparator, type Compare } from "./sort-order.js";
import { compareIds, recordsByIds } from "./store/lists.js";
import { labelsOf } from "./store/labels.js";

/** v2 label reads. Labels are written through v1 (`labels-v1.ts`), as real clients do. */

const LABEL_ORDERS: ReadonlyMap<string, Compare<LabelRecord>> = new Map<string, Compare<LabelRecord>>([
  ["id", (a, b) => compareIds(a.id, b.id)],
  ["name", (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : compareIds(a.id, b.id))],
  ["created-date", (a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)],
]);

const labelSort = {
  type: "string",
  enum: ["created-date", "-created-date", "id", "-id", "name", "-name"],
  description: "Sort order; `-` for descending.",
};

function labelOrder(sort: string): Compare<LabelRecord> {
  return sortComparator(LABEL_ORDERS, sort, "id");
}

export const getPageLabels: Operation = {
  id: "confluence.getPageLabels",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/labels",
  summary: "List the labels of a page.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    prefix: { type: "string", enum: ["my", "team", "global", "system"], description: "Only labels with this prefix." },
    sort: labelSort,
    cursor: S.cursor,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const sort = argString(args, "sort");
    const paging = readPaging(ctx, `page-labels:${found.page.id}:${sort ?? ""}`);
    if (!paging.ok) return paging.response;
    const prefix = argString(args, "prefix");
    let labels = labelsOf(site.confluence, found.page.id).filter((l) => prefix === undefined || l.prefix === prefix);
    if (sort !== undefined) labels = labels.sort(labelOrder(sort));
    return pageResponse(ctx, paging, labels, renderLabel);
  },
};

export const getLabels: Operation = {
  id: "confluence.getLabels",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/labels",
  summary: "List the labels of the site, optionally by id or prefix.",
  query: S.query({
    "label-id": S.idList("Only labels with these ids."),
    prefix: { type: "array", items: { type: "string" }, description: "Only labels with these prefixes (`global`, `my`, `team`)." },
    cursor: S.cursor,
    sort: labelSort,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const ids = idList(args, "label-id");
    if (!ids.ok) return ids.response;
    const sort = argString(args, "sort") ?? "id";
    const paging = readPaging(ctx, `labels:${sort}`);
    if (!paging.ok) return paging.response;
    const idSet = ids.ids.length > 0 ? new Set(ids.ids) : undefined;
    const prefixes = argList(args, "prefix");
    const prefixSet = prefixes.length > 0 ? new Set(prefixes) : undefined;
    const labels: LabelRecord[] = [];
    for (const label of site.confluence.labels.values()) {
      if (idSet && !idSet.has(label.id)) continue;
      if (prefixSet && !prefixSet.has(label.prefix)) continue;
      labels.push(label);
    }
    labels.sort(labelOrder(sort));
    return pageResponse(ctx, paging, labels, renderLabel);
  },
};

export const getLabelPages: Operation = {
  id: "confluence.getLabelPages",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/labels/{id}/pages",
  summary: "List the pages that carry a label (by the label's numeric id).",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the label.") }),
  query: S.query({
    "space-id": S.idList("Only pages in these spaces.", 100),
    "body-format": S.bodyFormat,
    sort: S.pageSort,
    cursor: S.cursor,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const id = pathId(ctx, "id");
    if (!id.ok) return id.response;
    const label = site.confluence.labels.get(id.id);
    if (!label) return v2NotFound();
    const spaceIds = idList(args, "space-id");
    if (!spaceIds.ok) return spaceIds.response;
    let readable = readableSpaceIds(site, caller);
    if (spaceIds.ids.length > 0) {
      const wanted = new Set(spaceIds.ids);
      readable = new Set([...readable].filter((s) => wanted.has(s)));
    }
    const pages = recordsByIds(site.confluence.pages, site.confluence.labelContent.get(label.id));
    return pageListing(ctx, { pages, idOrdered: true, scope: `label-pages:${label.id}` }, readable);
  },
};
