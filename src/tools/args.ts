/**
 * Safe reading of untrusted tool arguments: only own properties are read (never the
 * prototype chain), and shape errors become `schema_violation` rejections, not exceptions.
 */
import type { Rejection } from "./types.js";

export type Args = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function own(args: Args, key: string): unknown {
  return Object.hasOwn(args, key) ? args[key] : undefined;
}

export function violation(reason: string): Rejection {
  return { ok: false, label: "schema_violation", reason };
}

/** The arguments object, or why the call's arguments are not one. */
export function asArgs(value: unknown): { ok: true; args: Args } | Rejection {
  return isPlainObject(value) ? { ok: true, args: value } : violation(`Tool arguments must be a JSON object, got ${kindOf(value)}.`);
}

/** Rejects argument names outside `allowed`, listing the accepted ones. */
export function unknownArgument(args: Args, allowed: ReadonlySet<string>, hint = ""): Rejection | undefined {
  for (const key of Object.keys(args)) {
    if (!allowed.has(key)) {
      const accepted = [...allowed].join(", ") || "(none)";
      return violation(`Unknown argument '${key}'. Accepted arguments: ${accepted}.${hint ? ` ${hint}` : ""}`);
    }
  }
  return undefined;
}

export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
