import type { Operation } from "../../operation.js";
import { argBool, canonicalId, isLongId } from "../args.js";
import { v2BadRequest, v2NotFound, v2WrongType } from "../errors.js";
import { siteBase } from "../pagination.js";
import { canRead, canWrite } from "../permissions.js";
import { renderPage, withBase } from "../render/page.js";
import * as S from "../schemas.js";
import { CONTENT_ID_START, CONTENT_SEQUENCE, type PageRecord } from "../state.js";
import { EMPTY_BODY, readBodyInput, type WrittenFormat } from "../store/bodies.js";
import { nextPosition, putPage } from "../store/pages.js";
import type { StoredBody } from "../state.js";
import { checkTitle, defaultParentId, duplicateTitle, readParent, titleTaken } from "./rules.js";

interface CreatePageBody {
  spaceId: string;
  status?: "current" | "draft";
  title?: string;
  parentId?: string;
  body?: unknown;
  subtype?: string;
}

export const createPage: Operation = {
  id: "confluence.createPage",
  product: "confluence",
  method: "POST",
  path: "/wiki/api/v2/pages",
  summary: "Create a page in a space, under a parent page (by default the space homepage).",
  description:
    "`spaceId` is the numeric space id (look it up with getSpaces by key). A published page needs a `title` unique in its space. " +
    "The body is `{representation: 'storage', value: '<p>...</p>'}`. Success answers 200 with the new page.",
  query: S.query({
    embedded: { type: "boolean", default: false, description: "Tag the content as embedded." },
    private: { type: "boolean", default: false, description: "Make the page visible only to its creator." },
    "root-level": {
      type: "boolean",
      default: false,
      description: "Create the page at the root of the space, outside the homepage tree (then omit `parentId`).",
    },
  }),
  body: {
    type: "object",
    properties: {
      spaceId: { type: "string", pattern: "^[0-9]+$", description: "Numeric id of the space to create the page in." },
      status: { type: "string", enum: ["current", "draft"], description: "`current` (published, default) or `draft`." },
      title: { type: "string", description: "Page title; required unless the page is a draft; unique within the space." },
      parentId: { type: "string", pattern: "^[0-9]+$", description: "Id of the parent page; defaults to the space homepage." },
      body: S.bodyWrite,
      subtype: { type: "string", enum: ["live"], description: "`live` for a live doc." },
    },
    required: ["spaceId"],
  },
  mutates: true,
  run(ctx) {
    const { site, caller, args } = ctx;
    const input = ctx.body as CreatePageBody;
    if (!isLongId(input.spaceId)) return v2WrongType("spaceId", input.spaceId, "Long");
    const space = site.confluence.spaces.get(canonicalId(input.spaceId));
    // Confluence answers 404 alike for a missing space and one the caller may not create pages in.
    if (!space || !canRead(caller, space) || !canWrite(caller, space)) return v2NotFound();

    const status = input.status ?? "current";
    const published = status === "current";
    const titleProblem = checkTitle(input.title, published);
    if (titleProblem) return titleProblem;
    const title = input.title ?? "";

    const rootLevel = argBool(args, "root-level");
    if (rootLevel && input.parentId !== undefined) return v2BadRequest("A root-level page cannot have a parentId.");
    let parentId: string | null = rootLevel ? null : defaultParentId(site, space);
    if (input.parentId !== undefined) {
      const parent = readParent(site, caller, space, input.parentId);
      if (!parent.ok) return parent.response;
      parentId = parent.parent.id;
    }
    if (published && titleTaken(site, space.id, title)) return duplicateTitle();

    let body: StoredBody = EMPTY_BODY;
    let format: WrittenFormat = "storage";
    if (input.body !== undefined) {
      const read = readBodyInput(input.body);
      if (!read.ok) return read.response;
      body = read.body;
      format = read.format;
    }

    const now = site.now();
    const page: PageRecord = {
      id: String(site.nextId(CONTENT_SEQUENCE, CONTENT_ID_START)),
      spaceId: space.id,
      status,
      title,
      parentId,
      position: nextPosition(site.confluence, space.id, parentId),
      authorId: caller.accountId,
      ownerId: caller.accountId,
      lastOwnerId: null,
      createdAt: now,
      version: { number: 1, authorId: caller.accountId, message: "", createdAt: now, minorEdit: false },
      body,
    };
    putPage(site.confluence, undefined, page);
    return { status: 200, body: withBase(renderPage(site, page, space, { format }), siteBase(site)) };
  },
};
