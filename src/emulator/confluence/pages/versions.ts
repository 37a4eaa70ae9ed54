import type { Operation } from "../../operation.js";
import { argString, pathId } from "../args.js";
import { v2NotFound } from "../errors.js";
import { pageResponse, readPaging } from "../paged-listing.js";
import { asBodyFormat, bodyField } from "../render/body.js";
import { renderVersion, viewContext } from "../render/page.js";
import { iso } from "../render/links.js";
import * as S from "../schemas.js";
import { versionKey, type PageVersionRecord } from "../state.js";
import { LIVE, findPage } from "./common.js";

export const getPageVersions: Operation = {
  id: "confluence.getPageVersions",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{id}/versions",
  summary: "List the versions of a page, newest first.",
  pathParams: S.pathParams({ id: S.numericId("Numeric id of the page.") }),
  query: S.query({
    "body-format": S.bodyFormat,
    cursor: S.cursor,
    limit: S.limit,
    sort: { type: "string", enum: ["modified-date", "-modified-date"], description: "Sort order (default newest first)." },
  }),
  mutates: false,
  run(ctx) {
    const { site, args } = ctx;
    const found = findPage(ctx, "id", LIVE);
    if (!found.ok) return found.response;
    const { page, space } = found;
    const sort = argString(args, "sort") ?? "-modified-date";
    const paging = readPaging(ctx, `versions:${page.id}:${sort}`);
    if (!paging.ok) return paging.response;
    const versions: PageVersionRecord[] = [];
    for (let n = page.version.number; n >= 1; n--) {
      const v = site.confluence.pageVersions.get(versionKey(page.id, n));
      if (v) versions.push(v);
    }
    if (sort === "modified-date") versions.reverse();
    const format = asBodyFormat(argString(args, "body-format"));
    return pageResponse(ctx, paging, versions, (v) => {
      const out = renderVersion(v.version);
      if (format !== undefined) out["page"] = { id: page.id, title: v.title, body: bodyField(v.body, format, viewContext(site, space)) };
      return out;
    });
  },
};

export const getPageVersionDetails: Operation = {
  id: "confluence.getPageVersionDetails",
  product: "confluence",
  method: "GET",
  path: "/wiki/api/v2/pages/{page-id}/versions/{version-number}",
  summary: "Get the details of one version of a page.",
  pathParams: S.pathParams({
    "page-id": S.numericId("Numeric id of the page."),
    "version-number": S.numericId("Version number."),
  }),
  mutates: false,
  run(ctx) {
    const found = findPage(ctx, "page-id", LIVE);
    if (!found.ok) return found.response;
    const number = pathId(ctx, "version-number");
    if (!number.ok) return number.response;
    const n = Number(number.id);
    const saved = ctx.site.confluence.pageVersions.get(versionKey(found.page.id, n));
    if (!saved) return v2NotFound();
    const v = saved.version;
    const out: Record<string, unknown> = {
      number: v.number,
      authorId: v.authorId,
      message: v.message,
      createdAt: iso(v.createdAt),
      minorEdit: v.minorEdit,
      contentTypeModified: false,
      collaborators: [v.authorId],
    };
    if (n > 1) out["prevVersion"] = n - 1;
    if (n < found.page.version.number) out["nextVersion"] = n + 1;
    return { status: 200, body: out };
  },
};
