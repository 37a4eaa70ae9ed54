/** Turning reference-plan steps into concrete requests, resolving references to earlier responses. */
import { emulator, type Operation } from "../emulator/index.js";
import type { Json, PlanStep, PlanValue, RequestData, ResponseRef } from "./types.js";

export function isRef(value: unknown): value is ResponseRef {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$ref" in value;
}

/** Reads a JSON pointer (`/issues/0/key`) out of a value; undefined when the path is absent. */
export function readPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let current: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    if (Array.isArray(current)) current = current[Number(segment)];
    else current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

/** Resolves every reference in a plan value from the responses seen so far; throws when one is missing. */
export function resolveValue(value: PlanValue, responseOf: (step: number) => unknown): Json {
  if (isRef(value)) {
    const resolved = readPointer(responseOf(value.$ref.step), value.$ref.pointer);
    if (resolved === undefined) throw new Error(`plan reference ${value.$ref.step}${value.$ref.pointer} is not in the response`);
    return resolved as Json;
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, responseOf));
  if (value !== null && typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, responseOf);
    return out;
  }
  return value;
}

const byId = new Map<string, Operation>();

export function operationById(id: string): Operation {
  if (byId.size === 0) for (const o of emulator.operations) byId.set(o.id, o);
  const found = byId.get(id);
  if (!found) throw new Error(`no emulator operation '${id}'`);
  return found;
}

/** Path, query and body of a resolved step. */
export interface ResolvedStep {
  operation: Operation;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: Json;
}

export function resolveStep(step: PlanStep, responseOf: (step: number) => unknown): ResolvedStep {
  const operation = operationById(step.operation);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.params ?? {})) params[k] = scalarText(resolveValue(v, responseOf), k);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(step.query ?? {})) {
    const resolved = resolveValue(v, responseOf);
    query[k] = Array.isArray(resolved) ? resolved.map((r) => scalarText(r, k)) : scalarText(resolved, k);
  }
  const out: ResolvedStep = { operation, params, query };
  if (step.body !== undefined) out.body = resolveValue(step.body, responseOf);
  return out;
}

function scalarText(value: Json, name: string): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`plan argument '${name}' must be a scalar, got ${JSON.stringify(value)}`);
}

/** The HTTP request of a resolved step. */
export function requestOf(step: ResolvedStep): RequestData {
  const path = step.operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = step.params[name];
    if (value === undefined) throw new Error(`missing path parameter '${name}' for ${step.operation.id}`);
    return encodeURIComponent(value);
  });
  const request: RequestData = { method: step.operation.method, path };
  if (Object.keys(step.query).length > 0) request.query = step.query;
  if (step.body !== undefined) request.json = step.body;
  return request;
}

/** Indices of the plan steps whose responses some later step refers to. */
export function referencedSteps(plan: readonly PlanStep[]): Set<number> {
  const out = new Set<number>();
  const visit = (value: PlanValue | undefined): void => {
    if (isRef(value)) out.add(value.$ref.step);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
  };
  for (const step of plan) {
    visit(step.body);
    Object.values(step.params ?? {}).forEach(visit);
    Object.values(step.query ?? {}).forEach(visit);
  }
  return out;
}
