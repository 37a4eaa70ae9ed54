import type { Site } from "../../site.js";
import type { CommentRecord, SpaceRecord } from "../state.js";
import { bodyField, type BodyFormat } from "./body.js";
import { pageWebUi } from "./links.js";
import { renderVersion, viewContext } from "./page.js";

/** Footer comment JSON (`FooterCommentModel`, or `PageCommentModel` under a page). */
export function renderComment(
  site: Site,
  comment: CommentRecord,
  space: SpaceRecord,
  format: BodyFormat | undefined,
  pageTitle: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: comment.id, status: comment.status, title: comment.title, pageId: comment.pageId };
  if (comment.parentCommentId !== null) out["parentCommentId"] = comment.parentCommentId;
  out["version"] = renderVersion(comment.version);
  out["body"] = bodyField(comment.body, format, viewContext(site, space));
  const pageUi = pageWebUi(space.key, { id: comment.pageId, title: pageTitle });
  out["_links"] = { webui: `${pageUi}?focusedCommentId=${comment.id}#comment-${comment.id}` };
  return out;
}
