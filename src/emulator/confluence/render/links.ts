import type { PageRecord, SpaceRecord } from "../state.js";

/** Timestamps as Confluence renders them: ISO-8601 UTC with milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Titles in web UI paths: spaces become `+`, everything else is percent-encoded. */
export function urlTitle(title: string): string {
  return encodeURIComponent(title).replace(/%20/g, "+");
}

export function spaceWebUi(space: SpaceRecord): string {
  return `/spaces/${encodeURIComponent(space.key)}`;
}

export function pageWebUi(spaceKey: string, page: Pick<PageRecord, "id" | "title">): string {
  return `/spaces/${encodeURIComponent(spaceKey)}/pages/${page.id}/${urlTitle(page.title)}`;
}

export function pageEditUi(pageId: string): string {
  return `/pages/resumedraft.action?draftId=${pageId}`;
}

/**
 * Confluence's tiny link: the id's little-endian bytes in base64 (trailing zero bytes dropped),
 * with `/` and `+` made URL-safe and the padding removed.
 */
export function tinyUi(id: string): string {
  let n = BigInt(id);
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  if (bytes.length === 0) bytes.push(0);
  const code = Buffer.from(bytes).toString("base64").replace(/=+$/, "").replace(/\//g, "-").replace(/\+/g, "_");
  return `/x/${code}`;
}
