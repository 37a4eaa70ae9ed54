/**
 * Why a re-played request failed, as a failure label. The emulator's own schemas decide
 * between a missing field and an invented or mistyped one; handler errors are read from the
 * product's error body (Jira `errors`/`errorMessages`, Confluence `errors[].title`).
 */
import { validateBody } from "../emulator/validate.js";
import type { FailureLabel } from "./labels.js";
import type { Replayed } from "./replay.js";

const MISSING = /\b(required|must specify|must provide|missing|cannot be empty|can ?not be blank|must not be (null|empty))\b/i;
const INVENTED =
  /(cannot be set|not on the appropriate screen|unknown (field|property|argument|parameter)|unrecognized|not allowed|additional propert)/i;

export function classifyFailure(r: Replayed): FailureLabel {
  if (!r.operation) return "unknown_tool";
  if (r.status === 404) return "hallucinated_id";
  if (r.status === 413 || r.status === 415) return "schema_violation";
  if (r.status === 400) return classifyBadRequest(r);
  return "wrong_value";
}

function classifyBadRequest(r: Replayed): FailureLabel {
  const schema = r.operation?.body;
  if (schema && r.request.body === undefined && (r.operation?.bodyRequired ?? true)) return "missing_required_field";
  if (schema && r.request.body !== undefined) {
    const checked = validateBody(schema, r.request.body);
    if (!checked.ok) return checked.errors.some((e) => e.keyword === "required") ? "missing_required_field" : "schema_violation";
  }
  if (namesAbsentField(r)) return "missing_required_field";
  const text = errorText(r.body);
  if (INVENTED.test(text)) return "schema_violation";
  if (MISSING.test(text)) return "missing_required_field";
  return "wrong_value";
}

/** Jira keys field errors by field id: an error about a field the request never gave means it was missing. */
function namesAbsentField(r: Replayed): boolean {
  const body = r.body;
  if (body === null || typeof body !== "object") return false;
  const errors = (body as Record<string, unknown>)["errors"];
  if (errors === null || typeof errors !== "object" || Array.isArray(errors)) return false;
  const sent = r.request.body;
  if (sent === null || typeof sent !== "object" || Array.isArray(sent)) return false;
  const given = new Set<string>();
  for (const part of ["fields", "update"]) {
    const section = (sent as Record<string, unknown>)[part];
    if (section !== null && typeof section === "object" && !Array.isArray(section)) for (const key of Object.keys(section)) given.add(key);
  }
  const keys = Object.keys(errors);
  return keys.length > 0 && keys.some((key) => !given.has(key) && key !== "transition");
}

/** All error wording in a Jira or Confluence error body, joined. */
export function errorText(body: unknown): string {
  if (body === null || typeof body !== "object") return typeof body === "string" ? body : "";
  const parts: string[] = [];
  const b = body as Record<string, unknown>;
  if (Array.isArray(b["errorMessages"])) parts.push(...b["errorMessages"].filter((m): m is string => typeof m === "string"));
  const errors = b["errors"];
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (e && typeof e === "object") {
        const { title, detail, message } = e as Record<string, unknown>;
        for (const t of [title, detail, message]) if (typeof t === "string") parts.push(t);
      }
    }
  } else if (errors && typeof errors === "object") {
    parts.push(...Object.values(errors).filter((m): m is string => typeof m === "string"));
  }
  if (typeof b["message"] === "string") parts.push(b["message"]);
  return parts.join(" | ");
}
