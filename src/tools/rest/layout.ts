/** How one operation's request is laid out as tool arguments, and the tool spec derived from it. */
import type { JsonSchema, Operation } from "../../emulator/operation.js";
import type { ToolSpec } from "../../policy/types.js";

export interface PathSegment {
  literal: string;
  /** Template parameter name, or null for a literal segment. */
  param: string | null;
}

export interface RestLayout {
  operation: Operation;
  toolName: string;
  segments: readonly PathSegment[];
  pathParams: readonly string[];
  queryParams: readonly string[];
  /** True when a query name clashes with a path parameter or `body`: query parameters then go under `query`. */
  queryGrouped: boolean;
  hasBody: boolean;
  /** Accepted top-level argument names. */
  argumentNames: ReadonlySet<string>;
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  const props = schema?.["properties"];
  return typeof props === "object" && props !== null && !Array.isArray(props) ? (props as Record<string, JsonSchema>) : {};
}

function ownSchema(record: Record<string, JsonSchema>, name: string): JsonSchema | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function requiredOf(schema: JsonSchema | undefined): string[] {
  const required = schema?.["required"];
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [];
}

export function layoutOf(operation: Operation, toolName: string): RestLayout {
  const segments = operation.path
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? { literal: s, param: s.slice(1, -1) } : { literal: s, param: null }));
  const pathParams = segments.flatMap((s) => (s.param === null ? [] : [s.param]));
  const queryParams = Object.keys(properties(operation.query));
  const hasBody = operation.body !== undefined;
  const reserved = new Set([...pathParams, "body"]);
  const queryGrouped = queryParams.some((q) => reserved.has(q));
  const argumentNames = new Set([...pathParams, ...(queryGrouped ? ["query"] : queryParams), ...(hasBody ? ["body"] : [])]);
  return { operation, toolName, segments, pathParams, queryParams, queryGrouped, hasBody, argumentNames };
}

export function buildSpec(layout: RestLayout, compact: (schema: JsonSchema) => JsonSchema): ToolSpec {
  const { operation } = layout;
  const props: Array<[string, JsonSchema]> = [];
  const pathSchemas = properties(operation.pathParams);
  for (const name of layout.pathParams) {
    const declared = ownSchema(pathSchemas, name);
    const described = declared ? compact(declared) : {};
    props.push([name, { ...described, type: "string" }]);
  }
  const querySchemas = properties(operation.query);
  const queryProps: Array<[string, JsonSchema]> = layout.queryParams.map((name) => [name, compact(ownSchema(querySchemas, name) ?? {})]);
  const queryRequired = requiredOf(operation.query);
  if (layout.queryGrouped) {
    const grouped: JsonSchema = { type: "object", description: "Query parameters.", properties: Object.fromEntries(queryProps) };
    if (queryRequired.length > 0) grouped["required"] = queryRequired;
    props.push(["query", grouped]);
  } else {
    props.push(...queryProps);
  }
  const bodyRequired = layout.hasBody && (operation.bodyRequired ?? true);
  if (operation.body) {
    const body = compact(operation.body);
    const note = "JSON request body, nested exactly as the API takes it.";
    body["description"] = typeof body["description"] === "string" ? `${note} ${body["description"]}` : note;
    props.push(["body", body]);
  }
  const required = [...layout.pathParams, ...(layout.queryGrouped ? (queryRequired.length > 0 ? ["query"] : []) : queryRequired)];
  if (bodyRequired) required.push("body");

  const parameters: JsonSchema = { type: "object", properties: Object.fromEntries(props), additionalProperties: false };
  if (required.length > 0) parameters["required"] = required;
  const description = [`${operation.method} ${operation.path}: ${operation.summary}`, operation.description].filter(Boolean).join(" ");
  return { name: layout.toolName, description, parameters };
}
