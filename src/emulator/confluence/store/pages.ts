import type { Site } from "../../site.js";
import { titleKey, versionKey, type ConfluenceTables, type PageRecord, type PageStatus } from "../state.js";
import { compareIds, withIdSorted, without } from "./lists.js";

/**
 * Page writes. `putPage` is the one door through which page records change: it keeps every
 * index (space membership, children order, titles, versions) consistent with the record.
 */

/** Pages with a place in the tree and a title reserved in their space. */
export function isPlaced(status: PageStatus): boolean {
  return status === "current" || status === "archived";
}

/** Deepest ancestor chain followed; real trees are far shallower, this only stops corrupt cycles. */
const MAX_TREE_DEPTH = 1000;

/** Writes `after` (or removes `before` when `after` is undefined), updating all page indexes. */
export function putPage(t: ConfluenceTables, before: PageRecord | undefined, after: PageRecord | undefined): void {
  const id = (after ?? before)?.id;
  if (id === undefined) return;
  if (before && isPlaced(before.status)) {
    const key = titleKey(before.spaceId, before.title);
    if (t.titles.get(key) === id) t.titles.delete(key);
  }
  if (after && isPlaced(after.status)) t.titles.set(titleKey(after.spaceId, after.title), id);

  const wasInTree = before !== undefined && isPlaced(before.status);
  const isInTree = after !== undefined && isPlaced(after.status);
  const moved = wasInTree && isInTree && (before.parentId !== after.parentId || before.position !== after.position);
  if (wasInTree && (!isInTree || moved)) removeFromSiblings(t, before);
  if (isInTree && (!wasInTree || moved)) insertAmongSiblings(t, after);

  if (!before && after) t.spacePages.set(after.spaceId, withIdSorted(t.spacePages.get(after.spaceId), id));
  if (before && !after) t.spacePages.set(before.spaceId, without(t.spacePages.get(before.spaceId), id));

  if (after) {
    t.pages.set(id, after);
    if (!before || before.version !== after.version || before.title !== after.title || before.body !== after.body) {
      t.pageVersions.set(versionKey(id, after.version.number), {
        pageId: id,
        title: after.title,
        body: after.body,
        version: after.version,
      });
    }
  } else {
    t.pages.delete(id);
  }
}

/** Ids of the pages directly under `parentId` (or at the root of the space when null), in position order. */
export function siblingIds(t: ConfluenceTables, spaceId: string, parentId: string | null): readonly string[] {
  return (parentId === null ? t.rootPages.get(spaceId) : t.children.get(parentId)) ?? [];
}

function setSiblings(t: ConfluenceTables, spaceId: string, parentId: string | null, ids: readonly string[]): void {
  if (parentId === null) t.rootPages.set(spaceId, ids);
  else if (ids.length === 0) t.children.delete(parentId);
  else t.children.set(parentId, ids);
}

function removeFromSiblings(t: ConfluenceTables, page: PageRecord): void {
  setSiblings(t, page.spaceId, page.parentId, without(siblingIds(t, page.spaceId, page.parentId), page.id));
}

function insertAmongSiblings(t: ConfluenceTables, page: PageRecord): void {
  const siblings = siblingIds(t, page.spaceId, page.parentId);
  const last = siblings.length > 0 ? t.pages.get(siblings[siblings.length - 1]!) : undefined;
  // New pages go last among their siblings: append without scanning.
  if (!last || last.position < page.position) {
    setSiblings(t, page.spaceId, page.parentId, [...siblings, page.id]);
    return;
  }
  let index = siblings.length;
  for (let i = 0; i < siblings.length; i++) {
    const other = t.pages.get(siblings[i]!);
    if (other && (other.position > page.position || (other.position === page.position && compareIds(other.id, page.id) > 0))) {
      index = i;
      break;
    }
  }
  setSiblings(t, page.spaceId, page.parentId, [...siblings.slice(0, index), page.id, ...siblings.slice(index)]);
}

/** Position after the last sibling under `parentId`. */
export function nextPosition(t: ConfluenceTables, spaceId: string, parentId: string | null): number {
  const siblings = siblingIds(t, spaceId, parentId);
  const last = siblings.length > 0 ? t.pages.get(siblings[siblings.length - 1]!) : undefined;
  return last ? last.position + 1 : 0;
}

/** Ancestor ids of a page, the root of the space first. */
export function ancestorIds(t: ConfluenceTables, page: PageRecord): string[] {
  const chain: string[] = [];
  let parentId = page.parentId;
  while (parentId !== null && chain.length < MAX_TREE_DEPTH) {
    chain.push(parentId);
    parentId = t.pages.get(parentId)?.parentId ?? null;
  }
  return chain.reverse();
}

/** True when `candidateId` is `page` itself or lies under it (a move there would make a cycle). */
export function isSelfOrDescendant(t: ConfluenceTables, pageId: string, candidateId: string): boolean {
  let current: string | null = candidateId;
  for (let depth = 0; current !== null && depth < MAX_TREE_DEPTH; depth++) {
    if (current === pageId) return true;
    current = t.pages.get(current)?.parentId ?? null;
  }
  return false;
}

/** The page holding `title` in the space (current or archived), if any. */
export function pageWithTitle(t: ConfluenceTables, spaceId: string, title: string): PageRecord | undefined {
  const id = t.titles.get(titleKey(spaceId, title));
  return id === undefined ? undefined : t.pages.get(id);
}

/**
 * Moves a page to the trash. Its children move up to its parent, as Confluence does, so the
 * tree stays whole; the page keeps its labels, comments and versions until it is purged.
 */
export function trashPage(site: Site, page: PageRecord): void {
  const t = site.confluence;
  const childIds = [...(t.children.get(page.id) ?? [])];
  putPage(t, page, { ...page, status: "trashed" });
  for (const childId of childIds) {
    const child = t.pages.get(childId);
    if (!child) continue;
    putPage(t, child, { ...child, parentId: page.parentId, position: nextPosition(t, child.spaceId, page.parentId) });
  }
}

/** Removes a page for good, with its versions, label links and comments. */
export function purgePage(t: ConfluenceTables, page: PageRecord): void {
  for (let n = 1; n <= page.version.number; n++) t.pageVersions.delete(versionKey(page.id, n));
  for (const labelId of t.contentLabels.get(page.id) ?? []) {
    const remaining = without(t.labelContent.get(labelId), page.id);
    if (remaining.length > 0) t.labelContent.set(labelId, remaining);
    else t.labelContent.delete(labelId);
  }
  t.contentLabels.delete(page.id);
  for (const commentId of t.pageComments.get(page.id) ?? []) t.comments.delete(commentId);
  t.pageComments.delete(page.id);
  putPage(t, page, undefined);
}
