import type { EmuRequest, EmuResponse } from "../http.js";
import type { Operation, Product, Rejection } from "../operation.js";
import { describeSchemaErrors } from "../validate.js";
import { v1Error, v2Error } from "./errors.js";

export const confluenceOperations: readonly Operation[] = [];

const V1_PREFIX = "/wiki/rest/api/";

/** How Confluence words pipeline errors: v2 paths get the v2 shape, v1 paths the v1 shape. */
function reject(request: EmuRequest, rejection: Rejection): EmuResponse {
  const error = request.path.startsWith(V1_PREFIX) ? (s: number, m: string) => v1Error(s, m) : (s: number, m: string) => v2Error(s, m);
  switch (rejection.kind) {
    case "unauthorized":
      return error(401, "Unauthorized; scope does not match");
    case "routeNotFound":
      return error(404, "Not Found");
    case "methodNotAllowed":
      return error(405, "Method Not Allowed");
    case "unsupportedMediaType":
      return error(415, "Unsupported Media Type");
    case "payloadTooLarge":
      return error(413, "Request entity too large");
    case "malformedJson":
      return error(400, `Could not parse request body: ${rejection.detail ?? ""}`.trim());
    case "invalidQuery":
    case "invalidBody":
      return error(400, rejection.detail ?? describeSchemaErrors(rejection.schemaErrors ?? []));
    case "internalError":
      return error(500, "Internal Server Error");
  }
}

export const confluenceProduct: Product = {
  name: "confluence",
  owns: (path) => path.startsWith("/wiki/api/v2/") || path.startsWith(V1_PREFIX),
  operations: confluenceOperations,
  reject,
};
