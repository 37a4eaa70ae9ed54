import type { EmuResponse } from "../../http.js";
import type { Operation } from "../../operation.js";
import { canonicalId, isLongId } from "../args.js";
import { v2BadRequest, v2Error, v2Forbidden, v2WrongType } from "../errors.js";
import { siteBase } from "../pagination.js";
import { canWrite } from "../permissions.js";
import { renderPage, withBase } from "../render/page.js";
import * as S from "../schemas.js";
import type { PageRecord, PageStatus } from "../state.js";
import { readBodyInput } from "../store/bodies.js";
import { isPlaced, isSelfOrDescendant, nextPosition, putPage } from "../store/pages.js";
import { ANY_STATUS, findPage } from "./common.js";
import { checkTitle, defaultParentId, duplicateTitle, readParent, titleTaken } from "./rules.js";

interface UpdatePageBody {
  id: string;
  status: "current" | "draft";
  title: string;
  spaceId?: string;
  parentId?: string;
  ownerId?: string;
  body: unknown;
  version: { number: number; message?: string };
}

/** The 409 Confluence answers when `version.number` is not the current version + 1. */
export function versionConflict(current: number): EmuResponse {
  return v2Error(409, `Version must be incremented on update. Current version is: ${current}`);
}

/** The version a write must name: current + 1; a draft that was never published counts as version 0. */
function publishedVersion(page: PageRecord): number {
  return page.status === "draft" ? 0 : page.version.number;
}

export const updatePage: Operation = {
  id: "confluence.updatePage",
  product: "confluence",
  method: "PUT",
  path: "/wiki/api/v2/pages/{id}",
  summary: "Update a page's title, body, parent (to move it), owner or status; the version number must be the current one + 1.",
  description:
    "Send the whole page: `id`, `status`, `title`, `body` and `version: {number: current + 1}` are all required " +
    "(read the page first for its current version). Set `parentId` to move the page within its space.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  body: {
    type: "object",
    properties: {
      id: { type: "string", pattern: "^[0-9]+$", description: "Id of the page; must match the path." },
      status: { type: "string", enum: ["current", "draft"], description: "`current` to publish (also restores a trashed page)." },
      title: { type: "string", description: "Page title (unique within the space)." },
      spaceId: { type: "string", pattern: "^[0-9]+$", description: "Id of the page's space; it cannot be changed." },
      parentId: { type: "string", pattern: "^[0-9]+$", description: "Id of the new parent page, to move the page." },
      ownerId: { type: "string", description: "Account id of the new owner." },
      body: S.bodyWrite,
      version: {
        type: "object",
        properties: {
          number: { type: "integer", description: "New version number: the current version number + 1." },
          message: { type: "string", description: "Version comment." },
        },
        required: ["number"],
      },
    },
    required: ["id", "status", "title", "body", "version"],
  },
  mutates: true,
  run(ctx) {
    const { site, caller } = ctx;
    const found = findPage(ctx, "id", ANY_STATUS);
    if (!found.ok) return found.response;
    const { page, space } = found;
    const input = ctx.body as UpdatePageBody;
    if (!isLongId(input.id)) return v2WrongType("id", input.id, "Long");
    if (canonicalId(input.id) !== page.id) return v2BadRequest("The id in the request body does not match the id in the path.");
    if (!canWrite(caller, space)) return v2Forbidden("You do not have permission to edit this page.");
    if (input.spaceId !== undefined && canonicalId(input.spaceId) !== page.spaceId) {
      return v2BadRequest("The space of a page cannot be changed.");
    }

    const current = publishedVersion(page);
    if (input.version.number !== current + 1) return versionConflict(current);
    if (input.status === "draft" && page.status !== "draft") {
      return v2BadRequest("A published page cannot be saved as a draft with this operation.");
    }
    const status: PageStatus = input.status === "draft" ? "draft" : page.status === "archived" ? "archived" : "current";
    const published = status !== "draft";
    const titleProblem = checkTitle(input.title, published);
    if (titleProblem) return titleProblem;

    let parentId = page.parentId;
    if (input.parentId !== undefined) {
      const parent = readParent(site, caller, space, input.parentId);
      if (!parent.ok) return parent.response;
      if (isSelfOrDescendant(site.confluence, page.id, parent.parent.id)) {
        return v2BadRequest("A page cannot be moved under itself or one of its descendants.");
      }
      parentId = parent.parent.id;
    } else if (parentId !== null && !isPlaced(site.confluence.pages.get(parentId)?.status ?? "trashed")) {
      // A page restored from the trash whose parent has gone lands under the homepage.
      parentId = defaultParentId(site, space);
    }
    if (published && titleTaken(site, space.id, input.title, page.id)) return duplicateTitle();

    let ownerId = page.ownerId;
    let lastOwnerId = page.lastOwnerId;
    if (input.ownerId !== undefined && input.ownerId !== page.ownerId) {
      if (!site.user(input.ownerId)) return v2BadRequest(`No user found with account id: ${input.ownerId}`);
      lastOwnerId = page.ownerId;
      ownerId = input.ownerId;
    }

    const read = readBodyInput(input.body);
    if (!read.ok) return read.response;

    const moved = parentId !== page.parentId || !isPlaced(page.status);
    const updated: PageRecord = {
      ...page,
      status,
      title: input.title,
      parentId,
      position: moved ? nextPosition(site.confluence, space.id, parentId) : page.position,
      ownerId,
      lastOwnerId,
      version: {
        number: published ? current + 1 : 1,
        authorId: caller.accountId,
        message: input.version.message ?? "",
        createdAt: site.now(),
        minorEdit: false,
      },
      body: read.body,
    };
    putPage(site.confluence, page, updated);
    return { status: 200, body: withBase(renderPage(site, updated, space, { format: read.format }), siteBase(site)) };
  },
};
