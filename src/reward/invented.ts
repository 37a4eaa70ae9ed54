/**
 * Invented fields in a request body that the API accepted anyway: properties an object schema
 * of the operation does not declare. Objects whose schema explicitly allows extra properties
 * (Jira's `fields` map) or that use combinators are not second-guessed.
 */
import type { JsonSchema } from "../emulator/operation.js";

const MAX_DEPTH = 32;

/** Dotted paths of undeclared properties in `value` under `schema` (empty when none). */
export function inventedFields(schema: JsonSchema | undefined, value: unknown, path = "body", depth = 0): string[] {
  if (!schema || depth > MAX_DEPTH || value === null || typeof value !== "object") return [];
  const branch = branchFor(schema, value);
  if (branch) return inventedFields(branch, value, path, depth + 1);
  if (Array.isArray(value)) {
    const items = schema["items"];
    if (!isSchema(items)) return [];
    return value.flatMap((item, i) => inventedFields(items, item, `${path}.${i}`, depth + 1));
  }
  const properties = schema["properties"];
  if (!isSchema(properties)) return [];
  const extraAllowed = schema["additionalProperties"] !== undefined && schema["additionalProperties"] !== false;
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const declared = Object.prototype.hasOwnProperty.call(properties, key) ? (properties as Record<string, unknown>)[key] : undefined;
    if (isSchema(declared)) out.push(...inventedFields(declared, child, `${path}.${key}`, depth + 1));
    else if (!extraAllowed && !matchesPattern(schema, key)) out.push(`${path}.${key}`);
  }
  return out;
}

/** For `anyOf`/`oneOf` schemas: the one branch of the value's kind (array or object), when exactly one fits. */
function branchFor(schema: JsonSchema, value: object): JsonSchema | undefined {
  const branches = branchesOf(schema);
  if (branches.length === 0 || schema["properties"] !== undefined) return undefined;
  const kind = Array.isArray(value) ? "array" : "object";
  const fitting = branches.filter((b) => b["type"] === kind || (kind === "object" && b["type"] === undefined && isSchema(b["properties"])));
  return fitting.length === 1 ? fitting[0] : undefined;
}

const NO_BRANCHES: readonly JsonSchema[] = [];
const branchLists = new WeakMap<JsonSchema, readonly JsonSchema[]>();

/** The `anyOf`/`oneOf` branches of a schema, listed once per schema (operation schemas are static data). */
function branchesOf(schema: JsonSchema): readonly JsonSchema[] {
  let branches = branchLists.get(schema);
  if (branches === undefined) {
    const found = [schema["anyOf"], schema["oneOf"]].flatMap((b) => (Array.isArray(b) ? b.filter(isSchema) : []));
    branches = found.length === 0 ? NO_BRANCHES : found;
    branchLists.set(schema, branches);
  }
  return branches;
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function matchesPattern(schema: JsonSchema, key: string): boolean {
  const patterns = schema["patternProperties"];
  if (!isSchema(patterns)) return false;
  return Object.keys(patterns).some((p) => {
    try {
      return new RegExp(p, "u").test(key);
    } catch {
      return false;
    }
  });
}
