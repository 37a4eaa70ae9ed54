import type { EmuRequest, EmuResponse } from "../http.js";
import { headerOf } from "../http.js";
import type { JsonSchema, Rejection, SchemaError } from "../operation.js";
import { v1BadRequest, v1Error, v2Error, v2WrongType } from "./errors.js";

/**
 * How Confluence words the errors the shared pipeline raises (bad credentials, unknown routes,
 * malformed or invalid input): v2 paths in the v2 shape, v1 paths in v1's.
 */

export const V1_PREFIX = "/wiki/rest/api/";

export function reject(request: EmuRequest, rejection: Rejection): EmuResponse {
  const v1 = request.path.startsWith(V1_PREFIX);
  switch (rejection.kind) {
    case "unauthorized":
      return v1 ? v1Error(401, "Unauthorized; scope does not match") : v2Error(401, "Unauthorized; scope does not match");
    case "routeNotFound":
      return v1 ? v1Error(404, `null for uri: ${request.path}`) : v2Error(404, "Not Found");
    case "methodNotAllowed": {
      const title = `org.springframework.web.HttpRequestMethodNotSupportedException: Request method '${request.method.toUpperCase()}' is not supported`;
      return v1 ? v1Error(405, title) : v2Error(405, title);
    }
    case "unsupportedMediaType": {
      const title = `Content-Type '${headerOf(request, "content-type") ?? ""}' is not supported`;
      return v1 ? v1Error(415, title) : v2Error(415, title);
    }
    case "payloadTooLarge":
      return v1 ? v1Error(413, "Request entity too large") : v2Error(413, "Request entity too large");
    case "malformedJson": {
      const title = `JSON parse error: ${rejection.detail ?? "malformed JSON"}`;
      return v1 ? v1BadRequest(title) : v2Error(400, title);
    }
    case "invalidQuery":
      return queryError(request, rejection, v1);
    case "invalidBody":
      return bodyError(request, rejection, v1);
    case "internalError":
      return v1 ? v1Error(500, "Internal Server Error") : v2Error(500, "Internal Server Error");
  }
}

/** The first schema error of a query, in Confluence's words for a parameter it cannot convert or accept. */
function queryError(request: EmuRequest, rejection: Rejection, v1: boolean): EmuResponse {
  const error = rejection.schemaErrors?.[0];
  if (!error) return v1 ? v1BadRequest("Invalid query") : v2Error(400, "Invalid query", null, "INVALID_REQUEST_PARAMETER");
  const segments = error.instancePath.split("/").slice(1);
  const name = error.keyword === "required" ? String(error.params["missingProperty"]) : (segments[0] ?? "");
  const raw = rawQueryValue(request, name, segments[1]);
  const property = propertySchema(rejection.operation?.query, name);
  let message: string;
  switch (error.keyword) {
    case "required":
      message = `Required parameter '${name}' is missing.`;
      break;
    case "minimum":
    case "maximum":
      message = `Provided value {${raw}} for '${name}' is not valid: it must be between ${String(property?.["minimum"] ?? "")} and ${String(property?.["maximum"] ?? "")}.`;
      break;
    case "maxItems":
      message = `Too many values for '${name}': at most ${String(error.params["limit"])} are allowed.`;
      break;
    case "minLength":
      message = `Parameter '${name}' cannot be empty.`;
      break;
    default:
      if (v1) return v1BadRequest(`Failed to convert value '${raw}' of parameter '${name}' to ${expectedType(name, property)}`);
      return v2WrongType(name, raw, expectedType(name, property));
  }
  return v1 ? v1BadRequest(message) : v2Error(400, message, null, "INVALID_REQUEST_PARAMETER");
}

function rawQueryValue(request: EmuRequest, name: string, index: string | undefined): string {
  const query = request.query ?? {};
  if (!Object.hasOwn(query, name)) return "";
  const value = query[name]!;
  if (typeof value === "string") return value;
  const i = index === undefined ? 0 : Number(index);
  return value[Number.isInteger(i) ? i : 0] ?? "";
}

function propertySchema(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  const properties = schema?.["properties"];
  if (typeof properties !== "object" || properties === null || !Object.hasOwn(properties, name)) return undefined;
  return (properties as Record<string, JsonSchema>)[name];
}

/** The Java type Confluence names when a value does not convert. */
function expectedType(name: string, property: JsonSchema | undefined): string {
  const items = property?.["items"] as JsonSchema | undefined;
  const leaf = property?.["type"] === "array" && items ? items : property;
  if (typeof leaf?.["pattern"] === "string" && leaf["pattern"].startsWith("^[0-9]")) return "long";
  if (Array.isArray(leaf?.["enum"]) || typeof leaf?.["pattern"] === "string")
    return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  if (leaf?.["type"] === "integer") return "int";
  if (leaf?.["type"] === "boolean") return "boolean";
  return "String";
}

/** The first schema error of a body, worded by where it is. */
function bodyError(request: EmuRequest, rejection: Rejection, v1: boolean): EmuResponse {
  const errors = rejection.schemaErrors ?? [];
  const message = errors.length === 0 ? (rejection.detail ?? "A request body is required.") : describeBodyError(request, errors);
  return v1 ? v1BadRequest(message) : v2Error(400, message);
}

function describeBodyError(request: EmuRequest, errors: readonly SchemaError[]): string {
  // An `anyOf` failure reports every branch's errors too; the `anyOf` entry itself says it best.
  const error = errors.find((e) => e.keyword === "anyOf") ?? errors[0]!;
  const field = error.instancePath.split("/").slice(1).join(".");
  switch (error.keyword) {
    case "anyOf":
      if (field === "") return 'Labels must be given as an array of {"prefix": "global", "name": "..."}.';
      return `Invalid '${field}': expected {"representation": "storage", "value": "..."} or {"storage": {"representation": "storage", "value": "..."}}.`;
    case "required": {
      const missing = String(error.params["missingProperty"]);
      return `Missing required field '${field === "" ? missing : `${field}.${missing}`}'.`;
    }
    case "pattern":
      return `Provided value {${String(bodyValueAt(request, error.instancePath))}} for '${field}' is not the correct type. Expected type is Long.`;
    case "enum":
      return `Provided value {${String(bodyValueAt(request, error.instancePath))}} for '${field}' is not valid. Allowed values: ${(
        (error.params["allowedValues"] as unknown[] | undefined) ?? []
      ).join(", ")}.`;
    case "type":
      return `Invalid '${field || "body"}': ${error.message ?? "wrong type"}.`;
    default:
      return `Invalid '${field || "body"}': ${error.message ?? error.keyword}.`;
  }
}

/** The value at a JSON pointer in the request body, walking only own properties. */
function bodyValueAt(request: EmuRequest, pointer: string): unknown {
  let value: unknown = request.json;
  if (value === undefined && request.rawBody !== undefined) {
    try {
      value = JSON.parse(request.rawBody);
    } catch {
      return "";
    }
  }
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return "";
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value);
}
