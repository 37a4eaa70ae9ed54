import type { Site } from "../../site.js";
import type { PageRecord, PageVersionRecord, SpaceRecord, VersionMeta } from "../state.js";
import { bodyField, type BodyFormat } from "./body.js";
import { iso, pageEditUi, pageWebUi, tinyUi } from "./links.js";
import type { ViewContext } from "./view.js";

/** Page JSON as v2 returns it (`PageBulk` in lists, `PageSingle` by id). */

export interface PageView {
  format?: BodyFormat;
  /** `include-version` (default true). */
  includeVersion?: boolean;
  /** Render this saved version instead of the current one (`?version=N`). */
  version?: PageVersionRecord;
}

/** Version JSON; the timestamp string is cached per (immutable) version record. */
export function renderVersion(v: VersionMeta): Record<string, unknown> {
  return { createdAt: cachedIso(v), message: v.message, number: v.number, minorEdit: v.minorEdit, authorId: v.authorId };
}

const versionTimes = new WeakMap<VersionMeta, string>();

function cachedIso(v: VersionMeta): string {
  let at = versionTimes.get(v);
  if (at === undefined) {
    at = iso(v.createdAt);
    versionTimes.set(v, at);
  }
  return at;
}

/** The derived strings of a page record (records are immutable and never change space, so they cache). */
interface PageStrings {
  createdAt: string;
  webui: string;
  edituiv2: string;
  tinyui: string;
}

const pageStrings = new WeakMap<PageRecord, PageStrings>();

function stringsOf(page: PageRecord, spaceKey: string): PageStrings {
  let strings = pageStrings.get(page);
  if (strings === undefined) {
    strings = {
      createdAt: iso(page.createdAt),
      webui: pageWebUi(spaceKey, page),
      edituiv2: `/spaces/${encodeURIComponent(spaceKey)}/pages/edit-v2/${page.id}`,
      tinyui: tinyUi(page.id),
    };
    pageStrings.set(page, strings);
  }
  return strings;
}

export function viewContext(site: Site, space: SpaceRecord): () => ViewContext {
  return () => ({ spaceKey: space.key, displayName: (accountId) => site.user(accountId)?.displayName });
}

export function renderPage(site: Site, page: PageRecord, space: SpaceRecord, view: PageView = {}): Record<string, unknown> {
  const saved = view.version;
  const isHistorical = saved !== undefined && saved.version.number !== page.version.number;
  const title = saved ? saved.title : page.title;
  const strings = stringsOf(page, space.key);
  const out: Record<string, unknown> = {
    id: page.id,
    status: isHistorical ? "historical" : page.status,
    title,
    spaceId: page.spaceId,
  };
  // The spec types parentId as a plain string: pages at the root of a space carry no parent fields.
  if (page.parentId !== null) {
    out["parentId"] = page.parentId;
    out["parentType"] = "page";
  }
  out["position"] = page.position;
  out["authorId"] = page.authorId;
  out["ownerId"] = page.ownerId;
  out["lastOwnerId"] = page.lastOwnerId;
  out["createdAt"] = strings.createdAt;
  if (view.includeVersion ?? true) out["version"] = renderVersion(saved ? saved.version : page.version);
  out["body"] = view.format === undefined ? {} : bodyField(saved ? saved.body : page.body, view.format, viewContext(site, space));
  out["_links"] = {
    editui: pageEditUi(page.id),
    webui: title === page.title ? strings.webui : pageWebUi(space.key, { id: page.id, title }),
    edituiv2: strings.edituiv2,
    tinyui: strings.tinyui,
  };
  return out;
}

/** Adds `_links.base`, as single-entity responses carry it. */
export function withBase(entity: Record<string, unknown>, base: string): Record<string, unknown> {
  const links = (entity["_links"] ?? {}) as Record<string, unknown>;
  return { ...entity, _links: { ...links, base } };
}
