/** Validation of traces against the published schema (`schemas/trace.schema.json`). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { Trace } from "./types.js";

/** The schema file, found from both `src/trace` and the compiled `dist/trace`. */
export const TRACE_SCHEMA_PATH = fileURLToPath(new URL("../../schemas/trace.schema.json", import.meta.url));

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(TRACE_SCHEMA_PATH, "utf8")) as object);
  return compiled;
}

export type TraceValidation = { ok: true; trace: Trace } | { ok: false; errors: string[] };

export function validateTrace(value: unknown): TraceValidation {
  const validate = validator();
  if (validate(value)) return { ok: true, trace: value as Trace };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`);
  return { ok: false, errors };
}
