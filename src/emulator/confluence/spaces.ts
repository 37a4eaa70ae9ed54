import type { Operation, OperationContext } from "../operation.js";
import type { EmuResponse } from "../http.js";
import { argBool, argList, argString, idList, pathId } from "./args.js";
import { v2NotFound } from "./errors.js";
import { pageResponse, readPaging } from "./paged-listing.js";
import { siteBase } from "./pagination.js";
import { canRead } from "./permissions.js";
import { withBase } from "./render/page.js";
import { optionalField } from "./render/optional.js";
import { renderSpace, spaceOperations, spacePermissionAssignments, type SpaceView } from "./render/space.js";
import * as S from "./schemas.js";
import { sortComparator, type Compare } from "./sort-order.js";
import type { SpaceRecord } from "./state.js";

const descriptionFormat = {
  type: "string",
  enum: ["plain", "view"],
  description: "Include the space description in this format.",
};

const includeIcon = { type: "boolean", description: "Include the space icon." };

function spaceView(args: OperationContext["args"]): SpaceView {
  const format = argString(args, "description-format");
  return { descriptionFormat: format === "plain" || format === "view" ? format : undefined, includeIcon: argBool(args, "include-icon") };
}

const SPACE_SORTS: ReadonlyMap<string, Compare<SpaceRecord>> = new Map([
  ["id", (a: SpaceRecord, b: SpaceRecord) => Number(a.id) - Number(b.id)],
  ["key", (a: SpaceRecord, b: SpaceRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)],
  ["name", (a: SpaceRecord, b: SpaceRecord) => a.name.localeCompare(b.name, "en")],
]);

export const getSpaces: Operation = {
  id: "confluence.getSpaces",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/spaces",
  summary: "List the spaces the caller can see, optionally filtered by id, key, type or status.",
  query: S.query({
    ids: S.idList("Only spaces with these ids."),
    keys: {
      type: "array",
      maxItems: 250,
      items: { type: "string" },
      description: "Only spaces with these keys (e.g. `ENG`); repeat or comma-separate.",
    },
    type: {
      type: "string",
      enum: ["global", "collaboration", "knowledge_base", "personal", "system", "onboarding", "xflow_sample_space"],
      description: "Only spaces of this type (team spaces are `global`, personal spaces `personal`).",
    },
    status: { type: "string", enum: ["current", "archived"], description: "Only spaces with this status." },
    labels: { type: "array", items: { type: "string" }, description: "Only spaces with these labels." },
    "favorited-by": { type: "string", description: "Only spaces favourited by this account id." },
    "not-favorited-by": { type: "string", description: "Only spaces not favourited by this account id." },
    sort: { type: "string", enum: ["id", "-id", "key", "-key", "name", "-name"], description: "Sort order; `-` for descending." },
    "description-format": descriptionFormat,
    "include-icon": includeIcon,
    cursor: S.cursor,
    limit: S.limit,
  }),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const ids = idList(args, "ids");
    if (!ids.ok) return ids.response;
    const sort = argString(args, "sort") ?? "id";
    const paging = readPaging(ctx, `spaces:${sort}`);
    if (!paging.ok) return paging.response;
    const idSet = ids.ids.length > 0 ? new Set(ids.ids) : undefined;
    const keys = argList(args, "keys");
    const keySet = keys.length > 0 ? new Set(keys) : undefined;
    const type = argString(args, "type");
    const status = argString(args, "status");
    // No space carries labels or favourites in our worlds, so those filters match nothing.
    const nothing = argList(args, "labels").length > 0 || argString(args, "favorited-by") !== undefined;
    const matches: SpaceRecord[] = [];
    if (!nothing) {
      for (const space of site.confluence.spaces.values()) {
        if (!canRead(caller, space)) continue;
        if (idSet && !idSet.has(space.id)) continue;
        if (keySet && !keySet.has(space.key)) continue;
        if (type !== undefined && space.type !== type) continue;
        if (status !== undefined && space.status !== status) continue;
        matches.push(space);
      }
    }
    matches.sort(sortComparator(SPACE_SORTS, sort));
    const view = spaceView(args);
    return pageResponse(ctx, paging, matches, (space) => renderSpace(space, view));
  },
};

export const getSpaceById: Operation = {
  id: "confluence.getSpaceById",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/spaces/{id}",
  summary: "Get one space by its numeric id.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the space (not its key).") }),
  query: S.query({
    "description-format": descriptionFormat,
    "include-icon": includeIcon,
    "include-operations": { type: "boolean", description: "Include the operations the caller may perform." },
    "include-properties": { type: "boolean", description: "Include space properties." },
    "include-permissions": { type: "boolean", description: "Include space permission assignments." },
    "include-role-assignments": { type: "boolean", description: "Include role assignments." },
    "include-labels": { type: "boolean", description: "Include space labels." },
  }),
  mutates: false,
  run(ctx): EmuResponse {
    const { site, caller, args } = ctx;
    const id = pathId(ctx, "id");
    if (!id.ok) return id.response;
    const space = site.confluence.spaces.get(id.id);
    if (!space || !canRead(caller, space)) return v2NotFound();
    const out = renderSpace(space, spaceView(args));
    const self = `${siteBase(site)}/api/v2/spaces/${space.id}`;
    if (argBool(args, "include-labels")) out["labels"] = optionalField([], `${self}/labels`);
    if (argBool(args, "include-properties")) out["properties"] = optionalField([], `${self}/properties`);
    if (argBool(args, "include-operations")) out["operations"] = optionalField(spaceOperations(caller, space), `${self}/operations`);
    if (argBool(args, "include-permissions")) {
      out["permissions"] = optionalField(spacePermissionAssignments(space), `${self}/permissions`);
    }
    return { status: 200, body: withBase(out, siteBase(site)) };
  },
};

export const spaceOperationsList: readonly Operation[] = [getSpaces, getSpaceById];
