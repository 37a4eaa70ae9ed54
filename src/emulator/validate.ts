import { Ajv, type ValidateFunction } from "ajv";
import type { JsonSchema, SchemaError } from "./operation.js";

/**
 * Compiled validators, cached per schema object. Bodies are validated as sent; queries are
 * coerced (strings to integers/booleans, scalars to arrays) into a fresh object.
 */
const bodyAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const queryAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: "array", useDefaults: true });

const bodyCache = new WeakMap<JsonSchema, ValidateFunction>();
const queryCache = new WeakMap<JsonSchema, ValidateFunction>();

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: SchemaError[] };

export function validateBody(schema: JsonSchema, body: unknown): Validation<unknown> {
  let validate = bodyCache.get(schema);
  if (!validate) {
    validate = bodyAjv.compile(schema);
    bodyCache.set(schema, validate);
  }
  return validate(body) ? { ok: true, value: body } : { ok: false, errors: toErrors(validate) };
}

export function validateQuery(schema: JsonSchema, query: Readonly<Record<string, unknown>>): Validation<Record<string, unknown>> {
  let validate = queryCache.get(schema);
  if (!validate) {
    validate = queryAjv.compile(schema);
    queryCache.set(schema, validate);
  }
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(query)) copy[k] = Array.isArray(v) ? v.slice() : v;
  return validate(copy) ? { ok: true, value: copy } : { ok: false, errors: toErrors(validate) };
}

function toErrors(validate: ValidateFunction): SchemaError[] {
  return (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    message: e.message,
    params: e.params as Record<string, unknown>,
  }));
}

/** Describes schema errors in one line: `/fields/summary must be string; ...`. */
export function describeSchemaErrors(errors: readonly SchemaError[]): string {
  return errors
    .map((e) => {
      const where = e.instancePath || "(root)";
      if (e.keyword === "additionalProperties") return `${where} has unknown property '${String(e.params["additionalProperty"])}'`;
      if (e.keyword === "required") return `${where} is missing '${String(e.params["missingProperty"])}'`;
      return `${where} ${e.message ?? e.keyword}`;
    })
    .join("; ");
}
