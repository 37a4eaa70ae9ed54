import type { ConfluenceTables, CommentRecord } from "../state.js";
import { recordsByIds, withIdSorted } from "./lists.js";

/** Adds a footer comment and indexes it under its page. */
export function insertComment(t: ConfluenceTables, comment: CommentRecord): void {
  t.comments.set(comment.id, comment);
  t.pageComments.set(comment.pageId, withIdSorted(t.pageComments.get(comment.pageId), comment.id));
}

/** Footer comments of a page (replies included), oldest first. */
export function commentsOf(t: ConfluenceTables, pageId: string): CommentRecord[] {
  return recordsByIds(t.comments, t.pageComments.get(pageId));
}
