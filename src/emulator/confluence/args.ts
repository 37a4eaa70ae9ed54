import type { EmuResponse } from "../http.js";
import type { OperationContext } from "../operation.js";
import { v2WrongType } from "./errors.js";

/**
 * Typed reads of validated input. The pipeline has already checked query types against the
 * operation's schema; these only narrow `unknown` and apply Confluence's id rules.
 */

type Args = Readonly<Record<string, unknown>>;

export function argString(args: Args, name: string): string | undefined {
  const v = Object.hasOwn(args, name) ? args[name] : undefined;
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return undefined;
}

export function argInt(args: Args, name: string, fallback: number): number {
  const v = Object.hasOwn(args, name) ? args[name] : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : fallback;
}

export function argOptionalInt(args: Args, name: string): number | undefined {
  const v = Object.hasOwn(args, name) ? args[name] : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : undefined;
}

export function argBool(args: Args, name: string, fallback = false): boolean {
  const v = Object.hasOwn(args, name) ? args[name] : undefined;
  return typeof v === "boolean" ? v : fallback;
}

/** All values of a list parameter, given repeated (`id=1&id=2`) or comma-separated (`id=1,2`). */
export function argList(args: Args, name: string): string[] {
  const v = Object.hasOwn(args, name) ? args[name] : undefined;
  const raw = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: string[] = [];
  for (const item of raw) {
    for (const part of String(item).split(",")) {
      const trimmed = part.trim();
      if (trimmed.length > 0) out.push(trimmed);
    }
  }
  return out;
}

/** Confluence ids are longs: digits only, no longer than a signed 64-bit value. */
export function isLongId(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && (value.length < 19 || value <= "9223372036854775807");
}

/** Canonical form of a numeric id (`007` and `7` are the same content). */
export function canonicalId(value: string): string {
  const trimmed = value.replace(/^0+(?=.)/, "");
  return trimmed;
}

export type IdRead = { ok: true; id: string } | { ok: false; response: EmuResponse };

/** A numeric path parameter, or the 400 Confluence answers for a value that is not a long. */
export function pathId(ctx: OperationContext, name: string): IdRead {
  const raw = Object.hasOwn(ctx.params, name) ? ctx.params[name]! : "";
  return isLongId(raw) ? { ok: true, id: canonicalId(raw) } : { ok: false, response: v2WrongType(name, raw, "long") };
}

/** Every id of a list parameter, or the 400 for the first that is not a long. */
export function idList(args: Args, name: string): { ok: true; ids: string[] } | { ok: false; response: EmuResponse } {
  const ids: string[] = [];
  for (const value of argList(args, name)) {
    if (!isLongId(value)) return { ok: false, response: v2WrongType(name, value, "long") };
    ids.push(canonicalId(value));
  }
  return { ok: true, ids };
}
