/**
 * Turns an operation's JSON Schema into the compact form put in LLM prompts: local `$ref`s
 * inlined (recursion cut at a depth), only the keywords a model needs (types, properties,
 * required, items, enums, consts, alternatives, closed objects) and one-sentence descriptions.
 */
import type { JsonSchema } from "../emulator/operation.js";

export interface CompactOptions {
  /** Nesting (properties, items, alternatives) kept before a subschema collapses to its type. */
  maxDepth?: number;
  /** Longest description kept, in characters. */
  descriptionChars?: number;
}

const DEFAULTS: Required<CompactOptions> = { maxDepth: 9, descriptionChars: 200 };
/** `$ref` hops followed along one path; recursive schemas (ADF) end here. */
const MAX_REF_HOPS = 6;

export function compactSchema(schema: JsonSchema, options: CompactOptions = {}): JsonSchema {
  const opts = { ...DEFAULTS, ...options };
  return compact(schema, { root: schema, opts, depth: 0, refHops: 0 });
}

interface Context {
  root: JsonSchema;
  opts: Required<CompactOptions>;
  depth: number;
  refHops: number;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compact(schema: JsonSchema, ctx: Context): JsonSchema {
  const resolved = resolveRefs(schema, ctx);
  const { schema: s, hops } = resolved;
  const inner: Context = { ...ctx, depth: ctx.depth + 1, refHops: hops };
  const out: JsonSchema = {};
  const type = s["type"];
  if (typeof type === "string" || Array.isArray(type)) out["type"] = type;
  const description = shorten(s["description"], ctx.opts.descriptionChars);
  if (description !== undefined) out["description"] = description;
  if (Array.isArray(s["enum"])) out["enum"] = s["enum"];
  if (Object.hasOwn(s, "const")) out["const"] = s["const"];

  const collapse = ctx.depth >= ctx.opts.maxDepth || hops > MAX_REF_HOPS;
  if (collapse) {
    if (out["type"] === undefined) {
      const guessed = guessType(s);
      if (guessed !== undefined) out["type"] = guessed;
    }
    return out;
  }

  const properties = s["properties"];
  if (isSchema(properties)) {
    const kept: Array<[string, JsonSchema]> = [];
    for (const [name, sub] of Object.entries(properties)) if (isSchema(sub)) kept.push([name, compact(sub, inner)]);
    out["properties"] = Object.fromEntries(kept);
  }
  if (Array.isArray(s["required"]) && s["required"].length > 0) out["required"] = s["required"];
  if (s["additionalProperties"] === false) out["additionalProperties"] = false;
  else if (isSchema(s["additionalProperties"])) out["additionalProperties"] = compact(s["additionalProperties"], inner);
  if (isSchema(s["items"])) out["items"] = compact(s["items"], inner);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const alternatives = s[key];
    if (Array.isArray(alternatives)) out[key] = alternatives.filter(isSchema).map((a) => compact(a, inner));
  }
  return out;
}

/** Follows `$ref` chains (`#/$defs/...`, `#/definitions/...`, any local pointer), merging siblings. */
function resolveRefs(schema: JsonSchema, ctx: Context): { schema: JsonSchema; hops: number } {
  let current = schema;
  let hops = ctx.refHops;
  for (let guard = 0; guard < 16; guard++) {
    const ref = current["$ref"];
    if (typeof ref !== "string") break;
    hops++;
    const target = resolvePointer(ctx.root, ref);
    if (!target) break;
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return { schema: current, hops };
}

function resolvePointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isSchema(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return isSchema(node) ? node : undefined;
}

function guessType(s: JsonSchema): string | undefined {
  if (isSchema(s["properties"])) return "object";
  if (isSchema(s["items"])) return "array";
  return undefined;
}

/** Whole leading sentences within `max` characters (at least the first one, cut if need be). */
function shorten(description: unknown, max: number): string | undefined {
  if (typeof description !== "string") return undefined;
  const flat = description.replace(/\s+/g, " ").trim();
  if (flat === "") return undefined;
  // A sentence ends at . ! ? followed by a capital letter or the end (so "e.g. x" does not end one).
  const sentences = flat.split(/(?<=[.!?])\s+(?=[A-Z`'"(])/);
  let kept = sentences[0] ?? flat;
  for (const next of sentences.slice(1)) {
    if (kept.length + 1 + next.length > max) break;
    kept = `${kept} ${next}`;
  }
  return kept.length <= max ? kept : `${kept.slice(0, max - 1).trimEnd()}…`;
}
