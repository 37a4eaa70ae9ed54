/**
 * Attribute checks for ADF nodes and marks. Each check returns null when the value is acceptable
 * or a short phrase ("must be an integer from 1 to 6") for the error message.
 */
export type AttrCheck = (value: unknown) => string | null;

export interface AttrSpec {
  /** Known attributes and their checks; anything else in `attrs` is rejected. */
  readonly checks: ReadonlyMap<string, AttrCheck>;
  readonly required: readonly string[];
  /** Whole-object rule (e.g. "either url or data"), checked after the per-attribute ones. */
  readonly refine?: (attrs: Readonly<Record<string, unknown>>) => string | null;
}

export const isString: AttrCheck = (v) => (typeof v === "string" ? null : "must be a string");

export const isNonEmptyString: AttrCheck = (v) => (typeof v === "string" && v.length > 0 ? null : "must be a non-empty string");

export const isBoolean: AttrCheck = (v) => (typeof v === "boolean" ? null : "must be a boolean");

export const isNumber: AttrCheck = (v) => (typeof v === "number" && Number.isFinite(v) ? null : "must be a number");

export const isObject: AttrCheck = (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? null : "must be an object");

export function intRange(min: number, max: number): AttrCheck {
  const phrase = max === Number.MAX_SAFE_INTEGER ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`;
  return (v) => (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? null : phrase);
}

export function numberRange(min: number, max: number): AttrCheck {
  return (v) => (typeof v === "number" && v >= min && v <= max ? null : `must be a number from ${min} to ${max}`);
}

export function oneOf(...values: string[]): AttrCheck {
  const allowed = new Set(values);
  const phrase = `must be one of ${values.map((x) => `'${x}'`).join(", ")}`;
  return (v) => (typeof v === "string" && allowed.has(v) ? null : phrase);
}

export function matches(pattern: RegExp, description: string): AttrCheck {
  return (v) => (typeof v === "string" && pattern.test(v) ? null : `must be ${description}`);
}

export function arrayOf(item: AttrCheck, description: string): AttrCheck {
  return (v) => (Array.isArray(v) && v.every((x) => item(x) === null) ? null : `must be an array of ${description}`);
}

/** `localId` is allowed on nearly every node in current ADF; accept it everywhere. */
const LOCAL_ID: [string, AttrCheck] = ["localId", isString];

export function attrs(checks: Record<string, AttrCheck>, required: string[] = [], refine?: AttrSpec["refine"]): AttrSpec {
  const map = new Map<string, AttrCheck>([LOCAL_ID, ...Object.entries(checks)]);
  return refine ? { checks: map, required, refine } : { checks: map, required };
}

export const NO_ATTRS: AttrSpec = attrs({});
