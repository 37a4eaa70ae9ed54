import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";

/**
 * Validation against the official Jira Cloud platform OpenAPI document, read at test time from
 * `../shared/specs` relative to the repository root (CI provides it there).
 *
 * Formats are not checked: the spec declares `date-time`, but Jira Cloud itself answers
 * `2026-05-28T14:03:11.000+0000` (offset without a colon), which strict RFC 3339 refuses.
 */

export const SPEC_PATH = fileURLToPath(new URL("../../../../shared/specs/jira-platform-v3.json", import.meta.url));

type Json = Record<string, unknown>;

interface SpecOperation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Json; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface JiraSpec {
  operation(method: string, path: string): SpecOperation;
  /** The response schema for a status, or undefined when the spec documents none (no body or no such status). */
  responseSchema(method: string, path: string, status: number): Json | undefined;
  /** Validates a body against a schema of the spec; returns readable errors (empty when valid). */
  validate(schema: Json, value: unknown): string[];
  /** Validates against a named component schema (e.g. `ErrorCollection`). */
  validateComponent(name: string, value: unknown): string[];
}

let cached: JiraSpec | undefined;

export function loadJiraSpec(): JiraSpec {
  if (cached) return cached;
  const document = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as {
    paths: Record<string, Record<string, SpecOperation>>;
    components: Json;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  ajv.addSchema({ $id: "jira-spec", components: document.components });
  const compiled = new WeakMap<Json, ValidateFunction>();
  const componentRefs = new Map<string, Json>();

  // Component refs in the spec are document-relative (`#/components/...`); point them at the registered document.
  const rebase = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rebase);
    if (value === null || typeof value !== "object") return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value))
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `jira-spec${v}` : rebase(v);
    return out;
  };

  const spec: JiraSpec = {
    operation(method, path) {
      const op = document.paths[path]?.[method.toLowerCase()];
      if (!op) throw new Error(`the spec has no ${method} ${path}`);
      return op;
    },
    responseSchema(method, path, status) {
      return spec.operation(method, path).responses[String(status)]?.content?.["application/json"]?.schema;
    },
    validate(schema, value) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(rebase(schema) as Json);
        compiled.set(schema, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
    },
    validateComponent(name, value) {
      let ref = componentRefs.get(name);
      if (!ref) {
        ref = { $ref: `#/components/schemas/${name}` };
        componentRefs.set(name, ref);
      }
      return spec.validate(ref, value);
    },
  };
  cached = spec;
  return spec;
}
