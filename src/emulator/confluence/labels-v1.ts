import type { EmuResponse } from "../http.js";
import type { Operation, OperationContext } from "../operation.js";
import { argInt, argString, canonicalId, isLongId } from "./args.js";
import { v1BadRequest, v1Forbidden, v1NotFound } from "./errors.js";
import { siteBase } from "./pagination.js";
import { canWrite, readableSpaceOf } from "./permissions.js";
import { renderLabelV1 } from "./render/label.js";
import * as S from "./schemas.js";
import type { LabelPrefix, PageRecord } from "./state.js";
import { attachLabel, detachLabel, ensureLabel, labelsOf } from "./store/labels.js";
import { LIVE } from "./pages/common.js";

/**
 * Label writes through the v1 API (`/wiki/rest/api/content/{id}/label`), as real clients use it,
 * plus the v1 read of a page's labels. Errors are in v1's shape.
 */

export const MAX_LABEL_LENGTH = 255;
/** Characters Confluence refuses in label names (whitespace separates labels instead). */
const FORBIDDEN_LABEL_CHARS = /[!#&()*,.:;<>?@[\]^]/;
const WRITABLE_PREFIXES: ReadonlySet<string> = new Set(["global", "my", "team"]);

type ContentRead = { ok: true; page: PageRecord } | { ok: false; response: EmuResponse };

/** The page behind a v1 content id; `write` also requires edit permission in its space. */
function findContent(ctx: OperationContext, write: boolean): ContentRead {
  const raw = Object.hasOwn(ctx.params, "id") ? ctx.params["id"]! : "";
  const missing = { ok: false as const, response: v1NotFound(`No content found with id: ContentId{id=${raw}}`) };
  if (!isLongId(raw)) return missing;
  const page = ctx.site.confluence.pages.get(canonicalId(raw));
  if (!page || !LIVE.has(page.status)) return missing;
  const space = readableSpaceOf(ctx.site, ctx.caller, page);
  if (!space) return missing;
  if (write && !canWrite(ctx.caller, space)) {
    return { ok: false, response: v1Forbidden(`User not permitted to modify labels on content with id: ${page.id}`) };
  }
  return { ok: true, page };
}

/** v1 `LabelArray` of every label on the page. */
function labelArray(ctx: OperationContext, pageId: string, start = 0, limit = 200, prefix?: string): Record<string, unknown> {
  const all = labelsOf(ctx.site.confluence, pageId)
    .filter((l) => prefix === undefined || l.prefix === prefix)
    .map(renderLabelV1);
  const results = all.slice(start, start + limit);
  const base = siteBase(ctx.site);
  const links: Record<string, string> = { base, context: "/wiki", self: `${base}/rest/api/content/${pageId}/label` };
  if (start + limit < all.length) links["next"] = `/rest/api/content/${pageId}/label?next=true&limit=${limit}&start=${start + limit}`;
  return { results, start, limit, size: results.length, _links: links };
}

interface LabelInput {
  prefix?: string;
  name: string;
}

type NamesRead = { ok: true; labels: Array<{ prefix: LabelPrefix; name: string }> } | { ok: false; response: EmuResponse };

/** Normalises label inputs: lower case, whitespace splits one name into several, duplicates collapse. */
function readLabelInputs(inputs: readonly LabelInput[]): NamesRead {
  const out: Array<{ prefix: LabelPrefix; name: string }> = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const prefix = input.prefix ?? "global";
    if (!WRITABLE_PREFIXES.has(prefix)) return { ok: false, response: v1BadRequest(`Invalid label prefix: ${prefix}`) };
    const names = input.name
      .toLowerCase()
      .split(/\s+/)
      .filter((n) => n.length > 0);
    if (names.length === 0) return { ok: false, response: v1BadRequest("Label name cannot be empty") };
    for (const name of names) {
      if (FORBIDDEN_LABEL_CHARS.test(name)) {
        return {
          ok: false,
          response: v1BadRequest(
            `Label '${name}' contains an invalid character; labels cannot contain any of ! # & ( ) * , . : ; < > ? @ [ ] ^`,
          ),
        };
      }
      if (name.length > MAX_LABEL_LENGTH) {
        return { ok: false, response: v1BadRequest(`Label '${name.slice(0, 40)}...' is longer than ${MAX_LABEL_LENGTH} characters`) };
      }
      const key = `${prefix}:${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ prefix: prefix as LabelPrefix, name });
    }
  }
  return { ok: true, labels: out };
}

const labelInput = {
  type: "object",
  properties: {
    prefix: { type: "string", enum: ["global", "my", "team"], description: "Label prefix; use `global` (default)." },
    name: { type: "string", minLength: 1, description: "Label name: lower case, no spaces (a space separates two labels)." },
  },
  required: ["name"],
};

const contentIdParams = S.pathParams({ id: S.numericId("Id of the page.") });

export const addLabelsToContent: Operation = {
  id: "confluence.addLabelsToContent",
  product: "confluence",
  method: "POST",
  path: "/wiki/rest/api/content/{id}/label",
  summary: "Add labels to a page (v1 API). Existing labels are kept; answers every label of the page.",
  description: 'Body is an array such as `[{"prefix": "global", "name": "release-notes"}]`.',
  pathParams: contentIdParams,
  query: S.query({ "use-400-error-response": { type: "boolean", description: "Answer 400 rather than 403 for invalid labels." } }),
  body: {
    anyOf: [{ type: "array", minItems: 1, maxItems: 100, items: labelInput }, labelInput],
    description: "The labels to add: an array of `{prefix, name}` (a single object is accepted too).",
  },
  mutates: true,
  run(ctx) {
    const found = findContent(ctx, true);
    if (!found.ok) return found.response;
    const inputs = (Array.isArray(ctx.body) ? ctx.body : [ctx.body]) as LabelInput[];
    const read = readLabelInputs(inputs);
    if (!read.ok) return read.response;
    for (const { prefix, name } of read.labels) {
      const label = ensureLabel(ctx.site, prefix, name);
      attachLabel(ctx.site.confluence, found.page.id, label.id);
    }
    return { status: 200, body: labelArray(ctx, found.page.id) };
  },
};

/** Removes the page's label called `name` (any prefix, `global` first). */
function removeNamed(ctx: OperationContext, rawName: string | undefined): EmuResponse {
  const found = findContent(ctx, true);
  if (!found.ok) return found.response;
  const name = (rawName ?? "").toLowerCase();
  const t = ctx.site.confluence;
  const carried = labelsOf(t, found.page.id).filter((l) => l.name === name);
  const label = carried.find((l) => l.prefix === "global") ?? carried[0];
  if (!label) return v1NotFound(`No label found with name: ${rawName ?? ""} on content with id: ${found.page.id}`);
  detachLabel(t, found.page.id, label.id);
  return { status: 204 };
}

export const removeLabelFromContent: Operation = {
  id: "confluence.removeLabelFromContent",
  product: "confluence",
  method: "DELETE",
  path: "/wiki/rest/api/content/{id}/label/{label}",
  summary: "Remove a label from a page (v1 API). Answers 204.",
  pathParams: S.pathParams({ id: S.numericId("Id of the page."), label: { type: "string", description: "Name of the label to remove." } }),
  mutates: true,
  run(ctx) {
    return removeNamed(ctx, Object.hasOwn(ctx.params, "label") ? ctx.params["label"] : undefined);
  },
};

export const removeLabelFromContentUsingQueryParameter: Operation = {
  id: "confluence.removeLabelFromContentUsingQueryParameter",
  product: "confluence",
  method: "DELETE",
  path: "/wiki/rest/api/content/{id}/label",
  summary: "Remove a label named in the `name` query parameter from a page (v1 API). Answers 204.",
  pathParams: contentIdParams,
  query: S.query({ name: { type: "string", description: "Name of the label to remove." } }, ["name"]),
  mutates: true,
  run(ctx) {
    return removeNamed(ctx, argString(ctx.args, "name"));
  },
};

export const getLabelsForContent: Operation = {
  id: "confluence.getLabelsForContent",
  product: "confluence",
  method: "GET",
  path: "/wiki/rest/api/content/{id}/label",
  summary: "List the labels of a page (v1 API).",
  pathParams: contentIdParams,
  query: S.query({
    prefix: { type: "string", enum: ["global", "my", "team", "system"], description: "Only labels with this prefix." },
    start: { type: "integer", minimum: 0, default: 0, description: "Index of the first label to return." },
    limit: { type: "integer", minimum: 0, default: 200, description: "Maximum number of labels to return (default 200)." },
  }),
  mutates: false,
  run(ctx) {
    const found = findContent(ctx, false);
    if (!found.ok) return found.response;
    const { args } = ctx;
    return {
      status: 200,
      body: labelArray(ctx, found.page.id, argInt(args, "start", 0), argInt(args, "limit", 200), argString(args, "prefix")),
    };
  },
};

export const v1LabelOperations: readonly Operation[] = [
  addLabelsToContent,
  removeLabelFromContent,
  removeLabelFromContentUsingQueryParameter,
  getLabelsForContent,
];
