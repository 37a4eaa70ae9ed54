import { storageToAdf, storageToText } from "../storage/index.js";
import type { StoredBody } from "../state.js";
import { storageToView, type ViewContext } from "./view.js";

/**
 * Body representations on the read side. Conversions are cached per stored body object (bodies are
 * immutable and shared between a page and its version record), so repeated reads cost nothing.
 */

export type BodyFormat = "storage" | "atlas_doc_format" | "view" | "export_view" | "anonymous_export_view" | "styled_view" | "editor";

export interface BodyValue {
  representation: string;
  value: string;
}

const adfCache = new WeakMap<StoredBody, string>();
const viewCache = new WeakMap<StoredBody, string>();
const textCache = new WeakMap<StoredBody, string>();

export function asBodyFormat(value: string | undefined): BodyFormat | undefined {
  switch (value) {
    case "storage":
    case "atlas_doc_format":
    case "view":
    case "export_view":
    case "anonymous_export_view":
    case "styled_view":
    case "editor":
      return value;
    default:
      return undefined;
  }
}

/** The `body` field of a response: `{}` when no format was asked for, else `{[format]: {representation, value}}`. */
export function bodyField(body: StoredBody, format: BodyFormat | undefined, view: () => ViewContext): Record<string, BodyValue> {
  if (format === undefined) return {};
  return { [format]: { representation: format, value: bodyValue(body, format, view) } };
}

function bodyValue(body: StoredBody, format: BodyFormat, view: () => ViewContext): string {
  if (format === "storage") return body.storage;
  if (format === "atlas_doc_format") return adfOf(body);
  let html = viewCache.get(body);
  if (html === undefined) {
    html = storageToView(body.storage, view());
    viewCache.set(body, html);
  }
  return html;
}

export function adfOf(body: StoredBody): string {
  if (body.adf !== undefined) return body.adf;
  let adf = adfCache.get(body);
  if (adf === undefined) {
    adf = JSON.stringify(storageToAdf(body.storage));
    adfCache.set(body, adf);
  }
  return adf;
}

/** Plain text of a body (for CQL `text ~` and search excerpts). */
export function textOf(body: StoredBody): string {
  let text = textCache.get(body);
  if (text === undefined) {
    text = body.storage.length === 0 ? "" : storageToText(body.storage);
    textCache.set(body, text);
  }
  return text;
}
