import type { EmuResponse } from "../../http.js";
import { validateAdf } from "../../adf/index.js";
import { adfToStorage, parseStorage } from "../storage/index.js";
import { v2BadRequest } from "../errors.js";
import type { StoredBody } from "../state.js";

/**
 * Reads a body a caller wrote (`{representation, value}` or `{storage: {...}}`), checks it the way
 * Confluence does and turns it into the stored form. Storage XHTML must be well-formed; ADF must
 * be a JSON document that validates. ADF is kept verbatim (re-serialised) next to its storage form.
 */

export type WrittenFormat = "storage" | "atlas_doc_format";

export type BodyRead = { ok: true; body: StoredBody; format: WrittenFormat } | { ok: false; response: EmuResponse };

/** Deepest JSON nesting accepted inside an ADF string (checked before parsing). */
const MAX_ADF_JSON_DEPTH = 128;

export const EMPTY_BODY: StoredBody = Object.freeze({ storage: "" });

export function readBodyInput(input: unknown): BodyRead {
  const picked = pickRepresentation(input);
  if (!picked.ok) return picked;
  return picked.format === "storage" ? readStorage(picked.value) : readAdf(picked.value);
}

type Picked = { ok: true; format: WrittenFormat; value: string } | { ok: false; response: EmuResponse };

function pickRepresentation(input: unknown): Picked {
  if (typeof input !== "object" || input === null) return { ok: false, response: v2BadRequest("The body must be an object.") };
  const body = input as Readonly<Record<string, unknown>>;
  if (Object.hasOwn(body, "representation")) {
    return asPicked(body["representation"], body["value"]);
  }
  const formats = Object.keys(body).filter((k) => k === "storage" || k === "atlas_doc_format");
  if (formats.length !== 1) return { ok: false, response: v2BadRequest("Exactly one body representation must be provided.") };
  const nested = body[formats[0]!];
  if (typeof nested !== "object" || nested === null) return { ok: false, response: v2BadRequest("The body must be an object.") };
  return asPicked(formats[0], (nested as Readonly<Record<string, unknown>>)["value"]);
}

function asPicked(representation: unknown, value: unknown): Picked {
  if (representation !== "storage" && representation !== "atlas_doc_format") {
    return { ok: false, response: v2BadRequest(`Unsupported body representation: ${String(representation)}`) };
  }
  if (typeof value !== "string") return { ok: false, response: v2BadRequest("The body value must be a string.") };
  return { ok: true, format: representation, value };
}

export function readStorage(value: string): BodyRead {
  if (value.trim().length > 0) {
    const parsed = parseStorage(value);
    if (!parsed.ok) return { ok: false, response: v2BadRequest(`Error parsing xhtml: ${parsed.message}`) };
  }
  return { ok: true, body: { storage: value }, format: "storage" };
}

function readAdf(value: string): BodyRead {
  if (jsonNesting(value) > MAX_ADF_JSON_DEPTH) {
    return { ok: false, response: v2BadRequest("Invalid atlas_doc_format body: the document is nested too deeply.") };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, response: v2BadRequest(`Invalid atlas_doc_format body: ${reason}`) };
  }
  const checked = validateAdf(parsed);
  if (!checked.ok) return { ok: false, response: v2BadRequest(`Invalid atlas_doc_format body: ${checked.message}`) };
  return { ok: true, body: { storage: adfToStorage(checked.doc), adf: JSON.stringify(checked.doc) }, format: "atlas_doc_format" };
}

/** Bracket nesting of JSON text, ignoring brackets inside strings; linear and allocation-free. */
export function jsonNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
