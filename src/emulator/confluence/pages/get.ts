import type { User } from "../../core/users.js";
import type { Operation } from "../../operation.js";
import { argBool, argList, argOptionalInt, argString } from "../args.js";
import { v2NotFound } from "../errors.js";
import { siteBase } from "../pagination.js";
import { can } from "../permissions.js";
import { asBodyFormat } from "../render/body.js";
import { renderLabel } from "../render/label.js";
import { optionalField } from "../render/optional.js";
import { renderPage, renderVersion, withBase } from "../render/page.js";
import * as S from "../schemas.js";
import { versionKey, type PageStatus, type SpaceRecord } from "../state.js";
import { labelsOf } from "../store/labels.js";
import { ANY_STATUS, findPage } from "./common.js";

const include = (what: string, byDefault = false) => ({
  type: "boolean",
  description: `Include ${what}${byDefault ? " (default true)" : ""}.`,
});

export const getPageById: Operation = {
  id: "confluence.getPageById",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}",
  summary: "Get one page by id, optionally with its body in a chosen format, or an older version of it.",
  description: "Without `body-format` the body is returned empty (`{}`): ask for `storage` to read the content.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    "body-format": S.bodyFormatSingle,
    "get-draft": include("the draft of the page instead of the published version"),
    status: S.enumList(
      ["current", "archived", "trashed", "deleted", "historical", "draft"],
      "Statuses the page may have to be returned (default `current`, `archived` and drafts).",
    ),
    version: { type: "integer", minimum: 1, description: "Return this version number instead of the latest." },
    "include-labels": include("the page's labels"),
    "include-properties": include("content properties"),
    "include-operations": include("the operations the caller may perform on the page"),
    "include-likes": include("likes"),
    "include-versions": include("the page's versions"),
    "include-version": include("the current version", true),
    "include-favorited-by-current-user-status": include("whether the caller favourited the page"),
    "include-webresources": include("web resources"),
    "include-collaborators": include("collaborators"),
    "include-direct-children": include("direct children"),
  }),
  mutates: false,
  run(ctx) {
    const { site, caller, args } = ctx;
    const asked = argList(args, "status");
    const allowed = new Set<PageStatus>(
      asked.length > 0 ? (asked.filter((s) => ANY_STATUS.has(s as PageStatus)) as PageStatus[]) : ["current", "archived", "draft"],
    );
    if (argBool(args, "get-draft")) allowed.add("draft");
    const found = findPage(ctx, "id", allowed);
    if (!found.ok) return found.response;
    const { page, space } = found;
    const t = site.confluence;
    const versionNumber = argOptionalInt(args, "version");
    const saved = versionNumber === undefined ? undefined : t.pageVersions.get(versionKey(page.id, versionNumber));
    if (versionNumber !== undefined && !saved) return v2NotFound();

    const out = renderPage(site, page, space, {
      format: asBodyFormat(argString(args, "body-format")),
      includeVersion: argBool(args, "include-version", true),
      version: saved,
    });
    const self = `${siteBase(site)}/api/v2/pages/${page.id}`;
    if (argBool(args, "include-labels")) out["labels"] = optionalField(labelsOf(t, page.id).map(renderLabel), `${self}/labels`);
    if (argBool(args, "include-properties")) out["properties"] = optionalField([], `${self}/properties`);
    if (argBool(args, "include-operations")) out["operations"] = optionalField(pageOperations(caller, space), `${self}/operations`);
    if (argBool(args, "include-likes")) out["likes"] = optionalField([], `${self}/likes/users`);
    if (argBool(args, "include-versions")) {
      const versions = [];
      for (let n = page.version.number; n >= 1; n--) {
        const v = t.pageVersions.get(versionKey(page.id, n));
        if (v) versions.push(renderVersion(v.version));
      }
      out["versions"] = optionalField(versions, `${self}/versions`);
    }
    if (argBool(args, "include-favorited-by-current-user-status")) out["isFavoritedByCurrentUser"] = false;
    return { status: 200, body: withBase(out, siteBase(site)) };
  },
};

function pageOperations(caller: User, space: SpaceRecord): Array<{ operation: string; targetType: string }> {
  const ops = [{ operation: "read", targetType: "page" }];
  if (can(caller, space, "write")) ops.push({ operation: "update", targetType: "page" }, { operation: "delete", targetType: "page" });
  return ops;
}
