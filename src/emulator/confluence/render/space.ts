import type { User } from "../../core/users.js";
import { can } from "../permissions.js";
import type { SpaceGrant, SpaceRecord } from "../state.js";
import { iso, spaceWebUi } from "./links.js";
import { escapeText } from "./view.js";

/** Space JSON as v2 returns it (`SpaceBulk` in lists, `SpaceSingle` by id). */

export interface SpaceView {
  descriptionFormat?: "plain" | "view";
  includeIcon?: boolean;
}

const spaceTimes = new WeakMap<SpaceRecord, string>();

export function renderSpace(space: SpaceRecord, view: SpaceView = {}): Record<string, unknown> {
  let createdAt = spaceTimes.get(space);
  if (createdAt === undefined) {
    createdAt = iso(space.createdAt);
    spaceTimes.set(space, createdAt);
  }
  const out: Record<string, unknown> = {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt,
    homepageId: space.homepageId,
  };
  if (view.descriptionFormat === "plain") out["description"] = { plain: { representation: "plain", value: space.description } };
  if (view.descriptionFormat === "view") {
    out["description"] = { view: { representation: "view", value: `<p>${escapeText(space.description)}</p>` } };
  }
  if (view.includeIcon) {
    const path = `/download/attachments/${space.homepageId}/${encodeURIComponent(space.key)}-icon.png`;
    out["icon"] = { path, apiDownloadLink: `/wiki/rest/api${path}` };
  }
  out["_links"] = { webui: spaceWebUi(space) };
  return out;
}

/** What `include-operations` lists: the operations the caller may perform in the space. */
export function spaceOperations(user: User, space: SpaceRecord): Array<{ operation: string; targetType: string }> {
  const ops: Array<{ operation: string; targetType: string }> = [];
  if (can(user, space, "read")) ops.push({ operation: "read", targetType: "space" });
  if (can(user, space, "write")) {
    for (const operation of ["create", "update", "delete"]) ops.push({ operation, targetType: "page" });
    ops.push({ operation: "create", targetType: "comment" });
  }
  if (can(user, space, "administer")) ops.push({ operation: "administer", targetType: "space" });
  return ops;
}

/** `include-permissions`: each grant expanded into the permission assignments it stands for. */
export function spacePermissionAssignments(space: SpaceRecord): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  space.grants.forEach((grant: SpaceGrant, index: number) => {
    for (const [key, targetType] of grantOperations(grant)) {
      out.push({
        id: `${space.id}${String(index).padStart(2, "0")}${String(out.length).padStart(3, "0")}`,
        principal: { type: grant.principal.type, id: grant.principal.id },
        operation: { key, targetType },
      });
    }
  });
  return out;
}

function grantOperations(grant: SpaceGrant): Array<[string, string]> {
  const ops: Array<[string, string]> = [];
  if (grant.operations.includes("read")) ops.push(["read", "space"]);
  if (grant.operations.includes("write")) {
    ops.push(["create", "page"], ["update", "page"], ["delete", "page"], ["create", "comment"]);
  }
  if (grant.operations.includes("administer")) ops.push(["administer", "space"]);
  return ops;
}
