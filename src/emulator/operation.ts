import type { EmuRequest, EmuResponse, HttpMethod, Query } from "./http.js";
import type { Site } from "./site.js";
import type { User } from "./core/users.js";

/** A JSON Schema (draft 2020-12 subset that Ajv and LLM tool APIs both accept). */
export type JsonSchema = { [key: string]: unknown };

export type ProductName = "jira" | "confluence";

/** What a handler sees: the site (inside a transaction), the caller and the validated input. */
export interface OperationContext {
  site: Site;
  caller: User;
  /** Path parameters by template name, URL-decoded. */
  params: Readonly<Record<string, string>>;
  /** The raw query (repeated keys as arrays). */
  query: Query;
  /** The query after schema validation and type coercion (integers, booleans, arrays). */
  args: Readonly<Record<string, unknown>>;
  /** The parsed JSON body (validated against `body` when the operation declares one). */
  body: unknown;
  request: EmuRequest;
}

/**
 * One emulated API operation. Its schemas are the single source of truth: the emulator
 * validates requests with them and the tool surfaces derive LLM tool schemas from them.
 */
export interface Operation {
  /** Unique id, `<product>.<operationId as in the official spec>`, e.g. `jira.createIssue`. */
  id: string;
  product: ProductName;
  method: HttpMethod;
  /** Path template with `{name}` parameters, exactly as in the official spec. */
  path: string;
  /** One line: what the operation does (condensed from the spec). */
  summary: string;
  /** Optional longer guidance for tool descriptions (required fields, formats, pitfalls). */
  description?: string;
  /** Object schema of the path parameters (all strings). */
  pathParams?: JsonSchema;
  /** Object schema of the query parameters, validated with type coercion. */
  query?: JsonSchema;
  /** Schema of the JSON body; absent when the operation takes none. */
  body?: JsonSchema;
  /** Whether a body must be present (defaults to true when `body` is declared). */
  bodyRequired?: boolean;
  /** True for operations that change state (the clock advances, the trace marks a write). */
  mutates: boolean;
  /**
   * Removed from the real API but still answered (e.g. Jira's old `/search`, 410 Gone): agents meet
   * it from stale training data, so the emulator serves it; tool surfaces never offer it.
   */
  removed?: boolean;
  run(ctx: OperationContext): EmuResponse;
}

/** Why the shared request pipeline rejected a request before any handler ran. */
export type RejectionKind =
  | "unauthorized"
  | "routeNotFound"
  | "methodNotAllowed"
  | "unsupportedMediaType"
  | "payloadTooLarge"
  | "malformedJson"
  | "invalidQuery"
  | "invalidBody"
  | "internalError";

export interface Rejection {
  kind: RejectionKind;
  /** Human detail (parser message, or Ajv-derived text). */
  detail?: string;
  /** Ajv errors for `invalidQuery` / `invalidBody`. */
  schemaErrors?: readonly SchemaError[];
  operation?: Operation;
}

export interface SchemaError {
  /** JSON pointer to the offending value, e.g. `/fields/summary`. */
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** An emulated product: its operations and how it words errors the pipeline raises. */
export interface Product {
  name: ProductName;
  /** True when this product serves the path (by prefix). */
  owns(path: string): boolean;
  operations: readonly Operation[];
  reject(request: EmuRequest, rejection: Rejection): EmuResponse;
}
