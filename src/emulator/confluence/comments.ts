import type { Operation, OperationContext } from "../operation.js";
import type { Site } from "../site.js";
import { argList, argString, canonicalId, isLongId, pathId } from "./args.js";
import { v2BadRequest, v2Forbidden, v2NotFound, v2WrongType } from "./errors.js";
import { pageResponse, readPaging } from "./paged-listing.js";
import { siteBase } from "./pagination.js";
import { canRead, canWrite } from "./permissions.js";
import { asBodyFormat, type BodyFormat } from "./render/body.js";
import { renderComment } from "./render/comment.js";
import { withBase } from "./render/page.js";
import { LIVE, findPage } from "./pages/common.js";
import * as S from "./schemas.js";
import { CONTENT_ID_START, CONTENT_SEQUENCE, type CommentRecord, type PageRecord, type SpaceRecord } from "./state.js";
import { readBodyInput } from "./store/bodies.js";
import { commentsOf, insertComment } from "./store/comments.js";
import { compareIds } from "./store/lists.js";
import { sortComparator, type Compare } from "./sort-order.js";

/** Footer comments: list all, list a page's, read one, create one (on a page or as a reply). */

const COMMENT_ORDERS: ReadonlyMap<string, Compare<CommentRecord>> = new Map<string, Compare<CommentRecord>>([
  ["created-date", (a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)],
  ["modified-date", (a, b) => a.version.createdAt - b.version.createdAt || compareIds(a.id, b.id)],
]);

const commentSort = {
  type: "string",
  enum: ["created-date", "-created-date", "modified-date", "-modified-date"],
  description: "Sort order; `-` for descending.",
};

/** The page and space of a comment, when the caller can see them. */
function commentHome(site: Site, ctx: OperationContext, comment: CommentRecord): { page: PageRecord; space: SpaceRecord } | undefined {
  const page = site.confluence.pages.get(comment.pageId);
  if (!page || !LIVE.has(page.status)) return undefined;
  const space = site.confluence.spaces.get(page.spaceId);
  return space && canRead(ctx.caller, space) ? { page, space } : undefined;
}

function render(site: Site, ctx: OperationContext, comment: CommentRecord, format: BodyFormat | undefined): Record<string, unknown> {
  const home = commentHome(site, ctx, comment)!;
  return renderComment(site, comment, home.space, format, home.page.title);
}

export const getFooterComments: Operation = {
  id: "confluence.getFooterComments",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/footer-comments",
  summary: "List all footer comments the caller can see.",
  query: S.query({ "body-format": S.bodyFormat, sort: commentSort, cursor: S.cursor, limit: S.limit }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const sort = argString(args, "sort");
    const paging = readPaging(ctx, `footer-comments:${sort ?? ""}`);
    if (!paging.ok) return paging.response;
    function* visible(): Generator<CommentRecord> {
      for (const comment of site.confluence.comments.values()) {
        if (comment.status === "current" && commentHome(site, ctx, comment)) yield comment;
      }
    }
    const comments = sort === undefined ? visible() : [...visible()].sort(sortComparator(COMMENT_ORDERS, sort));
    const format = asBodyFormat(argString(args, "body-format"));
    return pageResponse(ctx, paging, comments, (c) => render(site, ctx, c, format));
  },
};

export const getPageFooterComments: Operation = {
  id: "confluence.getPageFooterComments",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/footer-comments",
  summary: "List the top-level footer comments of a page.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    "body-format": S.bodyFormat,
    status: S.enumList(
      ["current", "archived", "trashed", "deleted", "historical", "draft"],
      "Only comments with these statuses (default `current`).",
    ),
    sort: commentSort,
    cursor: S.cursor,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const sort = argString(args, "sort") ?? "created-date";
    const paging = readPaging(ctx, `page-comments:${found.page.id}:${sort}`);
    if (!paging.ok) return paging.response;
    const statuses = new Set(argList(args, "status").length > 0 ? argList(args, "status") : ["current"]);
    const roots = commentsOf(site.confluence, found.page.id)
      .filter((c) => c.parentCommentId === null && statuses.has(c.status))
      .sort(sortComparator(COMMENT_ORDERS, sort));
    const format = asBodyFormat(argString(args, "body-format"));
    return pageResponse(ctx, paging, roots, (c) => {
      const out = renderComment(site, c, found.space, format, found.page.title);
      delete out["parentCommentId"];
      return out;
    });
  },
};

export const getFooterCommentById: Operation = {
  id: "confluence.getFooterCommentById",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/footer-comments/{comment-id}",
  summary: "Get one footer comment by id.",
  pathParams: S.pathParams({ "comment-id": S.numericId("Numeric id of the comment.") }),
  query: S.query({
    "body-format": S.bodyFormatSingle,
    version: { type: "integer", minimum: 1, description: "Version number to return (comments written here have one)." },
    "include-properties": { type: "boolean", description: "Include content properties." },
    "include-operations": { type: "boolean", description: "Include permitted operations." },
    "include-likes": { type: "boolean", description: "Include likes." },
    "include-versions": { type: "boolean", description: "Include versions." },
    "include-version": { type: "boolean", description: "Include the current version (default true)." },
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const id = pathId(ctx, "comment-id");
    if (!id.ok) return id.response;
    const comment = site.confluence.comments.get(id.id);
    if (!comment || comment.status !== "current" || !commentHome(site, ctx, comment)) return v2NotFound();
    const version = args["version"];
    if (typeof version === "number" && version !== comment.version.number) return v2NotFound();
    return { status: 200, body: withBase(render(site, ctx, comment, asBodyFormat(argString(args, "body-format"))), siteBase(site)) };
  },
};

interface CreateCommentBody {
  pageId?: string;
  parentCommentId?: string;
  blogPostId?: string;
  attachmentId?: string;
  customContentId?: string;
  body: unknown;
}

export const createFooterComment: Operation = {
  id: "confluence.createFooterComment",
  product: "confluence",
  method: "POST",
  path: "/wiki/api/v2/footer-comments",
  summary: "Add a footer comment to a page, or reply to a footer comment (`parentCommentId`).",
  description:
    "Give exactly one of `pageId` or `parentCommentId`, and a body such as `{representation: 'storage', value: '<p>Looks good</p>'}`.",
  body: {
    type: "object",
    properties: {
      pageId: { type: "string", pattern: "^[0-9]+$", description: "Id of the page to comment on." },
      parentCommentId: { type: "string", pattern: "^[0-9]+$", description: "Id of the footer comment to reply to." },
      blogPostId: { type: "string", description: "Id of a blog post to comment on." },
      attachmentId: { type: "string", description: "Id of an attachment to comment on." },
      customContentId: { type: "string", description: "Id of custom content to comment on." },
      body: S.bodyWrite,
    },
    required: ["body"],
  },
  mutates: true,
  run(ctx) {
    const { site, caller } = ctx;
    const input = ctx.body as CreateCommentBody;
    const containers = [input.pageId, input.parentCommentId, input.blogPostId, input.attachmentId, input.customContentId];
    if (containers.filter((c) => c !== undefined).length !== 1) {
      return v2BadRequest("Exactly one of pageId, blogPostId, attachmentId, customContentId or parentCommentId must be provided.");
    }
    // Our worlds hold no blog posts, attachments or custom content.
    if (input.pageId === undefined && input.parentCommentId === undefined) return v2NotFound();

    let pageId: string;
    let parentCommentId: string | null = null;
    if (input.parentCommentId !== undefined) {
      if (!isLongId(input.parentCommentId)) return v2WrongType("parentCommentId", input.parentCommentId, "Long");
      const parent = site.confluence.comments.get(canonicalId(input.parentCommentId));
      if (!parent || parent.status !== "current") return v2NotFound();
      pageId = parent.pageId;
      parentCommentId = parent.id;
    } else {
      if (!isLongId(input.pageId!)) return v2WrongType("pageId", input.pageId!, "Long");
      pageId = canonicalId(input.pageId!);
    }
    const page = site.confluence.pages.get(pageId);
    if (!page || page.status !== "current") return v2NotFound();
    const space = site.confluence.spaces.get(page.spaceId);
    if (!space || !canRead(caller, space)) return v2NotFound();
    if (!canWrite(caller, space)) return v2Forbidden("You do not have permission to comment on this page.");

    const read = readBodyInput(input.body);
    if (!read.ok) return read.response;
    if (read.body.storage.trim().length === 0) return v2BadRequest("Comment body cannot be empty.");

    const now = site.now();
    const comment: CommentRecord = {
      id: String(site.nextId(CONTENT_SEQUENCE, CONTENT_ID_START)),
      pageId,
      parentCommentId,
      status: "current",
      title: `Re: ${page.title}`,
      authorId: caller.accountId,
      createdAt: now,
      version: { number: 1, authorId: caller.accountId, message: "", createdAt: now, minorEdit: false },
      body: read.body,
    };
    insertComment(site.confluence, comment);
    const base = siteBase(site);
    return {
      status: 201,
      headers: { location: `${base}/api/v2/footer-comments/${comment.id}` },
      body: withBase(renderComment(site, comment, space, read.format, page.title), base),
    };
  },
};

export const commentOperations: readonly Operation[] = [
  getFooterComments,
  getPageFooterComments,
  getFooterCommentById,
  createFooterComment,
];
