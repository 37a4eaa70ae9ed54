import type { Operation } from "../../operation.js";
import { argBool } from "../args.js";
import { v2BadRequest, v2Forbidden, v2NotFound } from "../errors.js";
import { can, canWrite } from "../permissions.js";
import * as S from "../schemas.js";
import { purgePage, trashPage } from "../store/pages.js";
import { ANY_STATUS, findPage } from "./common.js";

export const deletePage: Operation = {
  id: "confluence.deletePage",
  product: "confluence",
  method: "DELETE",
  path: "/wiki/api/v2/pages/{id}",
  summary: "Move a page to the trash; `purge=true` on a trashed page deletes it for good, `draft=true` discards a draft.",
  description: "Children of a trashed page move up to its parent. Answers 204 with no body.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    purge: { type: "boolean", default: false, description: "Permanently delete a page that is already in the trash." },
    draft: { type: "boolean", default: false, description: "Discard a draft (drafts are deleted permanently)." },
  }),
  mutates: true,
  run(ctx) {
    const { site, caller, args } = ctx;
    const found = findPage(ctx, "id", ANY_STATUS);
    if (!found.ok) return found.response;
    const { page, space } = found;
    if (!canWrite(caller, space)) return v2Forbidden("You do not have permission to delete this page.");
    const t = site.confluence;
    if (argBool(args, "draft")) {
      if (page.status !== "draft") return v2NotFound();
      purgePage(t, page);
      return { status: 204 };
    }
    if (argBool(args, "purge")) {
      if (page.status !== "trashed") return v2BadRequest("Only a page in the trash can be purged; delete it first.");
      if (!can(caller, space, "administer")) return v2Forbidden("Purging a page requires permission to administer the space.");
      purgePage(t, page);
      return { status: 204 };
    }
    if (page.status === "draft" || page.status === "trashed") return v2NotFound();
    trashPage(site, page);
    return { status: 204 };
  },
};
