/** What scenario generators know about a world's Confluence: spaces and every page with its place and labels. */
import type { Site } from "../../emulator/index.js";
import { apiGet, arr, obj, optStr, str } from "./api.js";

export interface CatalogSpace {
  id: string;
  key: string;
  name: string;
  homepageId: string | null;
}

export interface CatalogPage {
  id: string;
  title: string;
  spaceId: string;
  parentId: string | null;
  labels: string[];
}

export interface ConfluenceCatalog {
  spaces: CatalogSpace[];
  pages: CatalogPage[];
}

export function readConfluenceCatalog(site: Site): ConfluenceCatalog {
  const spaces = pagedResults(site, "/wiki/api/v2/spaces", { limit: "250" }).map((value) => {
    const space = obj(value);
    return { id: str(space["id"]), key: str(space["key"]), name: str(space["name"]), homepageId: optStr(space["homepageId"]) };
  });
  const pages = spaces.flatMap((space) =>
    pagedResults(site, `/wiki/api/v2/spaces/${space.id}/pages`, { limit: "250" }).map((value) => {
      const page = obj(value);
      const id = str(page["id"]);
      const labels = pagedResults(site, `/wiki/api/v2/pages/${id}/labels`, { limit: "250" }).map((l) => str(obj(l)["name"]));
      return { id, title: str(page["title"]), spaceId: str(page["spaceId"]), parentId: optStr(page["parentId"]), labels };
    }),
  );
  return { spaces, pages };
}

/** All `results` of a v2 list, following the cursor in `_links.next`. */
export function pagedResults(site: Site, path: string, query: Record<string, string>): unknown[] {
  const out: unknown[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const body = obj(apiGet(site, path, cursor ? { ...query, cursor } : query));
    out.push(...arr(body["results"]));
    cursor = cursorOf(str(obj(body["_links"])["next"]));
    if (!cursor) return out;
  }
  throw new Error(`too many pages at ${path}`);
}

export function cursorOf(next: string): string | undefined {
  if (next === "") return undefined;
  const q = next.indexOf("?");
  return q < 0 ? undefined : (new URLSearchParams(next.slice(q + 1)).get("cursor") ?? undefined);
}
