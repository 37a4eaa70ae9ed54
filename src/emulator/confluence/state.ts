import { Table, type JournalRef } from "../store.js";

/**
 * Confluence's state: records plus the indexes that keep every lookup constant-time.
 * Records are immutable (the generated base is deep-frozen): replace, never mutate.
 * Every index lives in a `Table` too, so forking a site stays O(1) and a failed request
 * rolls its index writes back with everything else.
 */

export type SpaceType = "global" | "personal";
export type SpaceStatus = "current" | "archived";
export type SpaceOperation = "read" | "write" | "administer";

/** Who a space grant applies to: a group by name or one account. */
export interface Principal {
  type: "group" | "user";
  id: string;
}

export interface SpaceGrant {
  principal: Principal;
  operations: readonly SpaceOperation[];
}

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  type: SpaceType;
  status: SpaceStatus;
  authorId: string;
  createdAt: number;
  homepageId: string;
  /** Plain-text description. */
  description: string;
  /** Space permissions; site administrators hold every permission on every space. */
  grants: readonly SpaceGrant[];
}

/** A body as stored: storage XHTML is canonical; `adf` keeps ADF JSON text verbatim when that is what was written. */
export interface StoredBody {
  storage: string;
  adf?: string;
}

export interface VersionMeta {
  number: number;
  authorId: string;
  /** Empty string when none was given. */
  message: string;
  createdAt: number;
  minorEdit: boolean;
}

export type PageStatus = "current" | "draft" | "archived" | "trashed";

export interface PageRecord {
  id: string;
  spaceId: string;
  status: PageStatus;
  title: string;
  /** Parent page id; null for pages at the root of the space (the homepage among them). */
  parentId: string | null;
  /** Order among siblings (ascending). */
  position: number;
  /** Creator of the page. */
  authorId: string;
  ownerId: string;
  lastOwnerId: string | null;
  createdAt: number;
  version: VersionMeta;
  body: StoredBody;
}

/** One saved version of a page (the current one included). */
export interface PageVersionRecord {
  pageId: string;
  title: string;
  body: StoredBody;
  version: VersionMeta;
}

export type LabelPrefix = "global" | "my" | "team";

export interface LabelRecord {
  id: string;
  prefix: LabelPrefix;
  name: string;
  createdAt: number;
}

export type CommentStatus = "current" | "trashed";

export interface CommentRecord {
  id: string;
  pageId: string;
  /** Set for replies. */
  parentCommentId: string | null;
  status: CommentStatus;
  title: string;
  authorId: string;
  createdAt: number;
  version: VersionMeta;
  body: StoredBody;
}

export interface ConfluenceTables {
  spaces: Table<SpaceRecord>;
  /** Space key -> space id. */
  spaceKeys: Table<string>;
  pages: Table<PageRecord>;
  /** `${pageId}@${number}` -> that version. */
  pageVersions: Table<PageVersionRecord>;
  /** Space id -> ids of all its pages (any status), ascending. */
  spacePages: Table<readonly string[]>;
  /** Space id -> ids of its root-level pages, in position order. */
  rootPages: Table<readonly string[]>;
  /** Page id -> ids of its child pages (not trashed), in position order. */
  children: Table<readonly string[]>;
  /** `${spaceId}:${lower-cased title}` -> id of the current or archived page holding that title. */
  titles: Table<string>;
  labels: Table<LabelRecord>;
  /** `${prefix}:${name}` -> label id. */
  labelNames: Table<string>;
  /** Content id -> label ids, in the order they were added. */
  contentLabels: Table<readonly string[]>;
  /** Label id -> ids of the content carrying it, ascending. */
  labelContent: Table<readonly string[]>;
  comments: Table<CommentRecord>;
  /** Page id -> ids of its footer comments (replies included), ascending. */
  pageComments: Table<readonly string[]>;
}

export function createConfluenceTables(journal: JournalRef): ConfluenceTables {
  return {
    spaces: new Table(journal),
    spaceKeys: new Table(journal),
    pages: new Table(journal),
    pageVersions: new Table(journal),
    spacePages: new Table(journal),
    rootPages: new Table(journal),
    children: new Table(journal),
    titles: new Table(journal),
    labels: new Table(journal),
    labelNames: new Table(journal),
    contentLabels: new Table(journal),
    labelContent: new Table(journal),
    comments: new Table(journal),
    pageComments: new Table(journal),
  };
}

/** Sequence names on `site.nextId`: pages and comments share Confluence's content id space. */
export const CONTENT_SEQUENCE = "confluence.content";
export const LABEL_SEQUENCE = "confluence.label";
export const CONTENT_ID_START = 1_638_401;
export const LABEL_ID_START = 4_980_737;

export function versionKey(pageId: string, number: number): string {
  return `${pageId}@${number}`;
}

export function titleKey(spaceId: string, title: string): string {
  return `${spaceId}:${title.toLowerCase()}`;
}

export function labelNameKey(prefix: string, name: string): string {
  return `${prefix}:${name}`;
}
