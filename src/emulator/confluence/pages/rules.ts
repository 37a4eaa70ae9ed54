import type { EmuResponse } from "../../http.js";
import type { User } from "../../core/users.js";
import type { Site } from "../../site.js";
import { canonicalId, isLongId } from "../args.js";
import { v2BadRequest, v2Error, v2NotFound, v2WrongType } from "../errors.js";
import { readableSpaceOf } from "../permissions.js";
import type { PageRecord, SpaceRecord } from "../state.js";
import { isPlaced, pageWithTitle } from "../store/pages.js";

/** The checks page creation and update share, each answering with Confluence's own error. */

export const MAX_TITLE_LENGTH = 255;

/** Exactly what Confluence answers when a title is already taken in the space. */
export function duplicateTitle(): EmuResponse {
  return v2Error(400, "A page with this title already exists: A page already exists with the same TITLE in this space");
}

/** A published page needs a non-blank title of at most 255 characters. */
export function checkTitle(title: string | undefined, published: boolean): EmuResponse | undefined {
  if (published && (title === undefined || title.trim().length === 0)) return v2BadRequest("Title is required for a published page.");
  if (title !== undefined && title.length > MAX_TITLE_LENGTH) {
    return v2BadRequest(`Title cannot be longer than ${MAX_TITLE_LENGTH} characters.`);
  }
  return undefined;
}

/** True when another page than `selfId` holds `title` in the space. */
export function titleTaken(site: Site, spaceId: string, title: string, selfId?: string): boolean {
  const holder = pageWithTitle(site.confluence, spaceId, title);
  return holder !== undefined && holder.id !== selfId;
}

export type ParentRead = { ok: true; parent: PageRecord } | { ok: false; response: EmuResponse };

/** A `parentId` from a request body: an existing, published page of the same space. */
export function readParent(site: Site, caller: User, space: SpaceRecord, raw: string): ParentRead {
  if (!isLongId(raw)) return { ok: false, response: v2WrongType("parentId", raw, "Long") };
  const parent = site.confluence.pages.get(canonicalId(raw));
  if (!parent || !isPlaced(parent.status)) return { ok: false, response: v2NotFound() };
  if (parent.spaceId !== space.id) {
    // A parent the caller cannot see does not exist for them, wherever it is.
    if (!readableSpaceOf(site, caller, parent)) return { ok: false, response: v2NotFound() };
    return { ok: false, response: v2BadRequest("The parent page must be in the same space as the page.") };
  }
  return { ok: true, parent };
}

/** Where a page goes when no parent is named: under the space homepage while it is published, else the root. */
export function defaultParentId(site: Site, space: SpaceRecord): string | null {
  const home = site.confluence.pages.get(space.homepageId);
  return home && isPlaced(home.status) ? home.id : null;
}
