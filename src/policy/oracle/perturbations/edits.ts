/** Small, pure edits of resolved plan steps used by the perturbed oracles. */
import type { ResolvedStep } from "../../../scenarios/plan.js";
import type { Json } from "../../../scenarios/types.js";

/** Keys whose string values are identifiers or enumerations, not free values a task states. */
const ID_KEYS = new Set([
  "$ref",
  "id",
  "key",
  "accountId",
  "spaceId",
  "parentId",
  "representation",
  "status",
  "prefix",
  "type",
  "version",
  "number",
]);

/** A deep copy of a JSON value. */
export function clone<T extends Json | undefined>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Path (list of keys/indices) of the first string leaf that is a stated value rather than an id. */
export function firstValueLeaf(value: Json | undefined, path: Array<string | number> = []): Array<string | number> | undefined {
  if (typeof value === "string") return path;
  if (value === null || typeof value !== "object") return undefined;
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof key === "string" && ID_KEYS.has(key)) continue;
    const found = firstValueLeaf(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export function setAt(root: Json, path: ReadonlyArray<string | number>, value: Json | undefined): void {
  let node: Json = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key as string] as Json;
  const last = path[path.length - 1]!;
  const container = node as Record<string | number, Json>;
  if (value === undefined) {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else {
    container[last] = value;
  }
}

export function getAt(root: Json | undefined, path: ReadonlyArray<string | number>): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

/** A step with its body replaced (the original is never touched). */
export function withBody(step: ResolvedStep, body: Json | undefined): ResolvedStep {
  const out: ResolvedStep = { operation: step.operation, params: { ...step.params }, query: { ...step.query } };
  if (body !== undefined) out.body = body;
  return out;
}

/** An id of the same shape as `id` that no generator ever uses: `PAY-12` -> `PAY-99999`, `10042` -> `99999042`. */
export function inventedIdLike(id: string): string {
  const key = /^([A-Z][A-Z0-9_]*)-\d+$/.exec(id);
  if (key) return `${key[1]}-99999`;
  if (/^\d+$/.test(id)) return `99999${id}`;
  if (/^[0-9a-f]{24}$/i.test(id)) return "0f0f0f0f0f0f0f0f0f0f0f0f";
  return `${id}-invented`;
}
