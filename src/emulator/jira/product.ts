import type { EmuRequest, EmuResponse } from "../http.js";
import type { Operation, Product, Rejection } from "../operation.js";
import { describeSchemaErrors } from "../validate.js";
import { jiraError } from "./errors.js";
import { getCurrentUser } from "./users-api.js";

export const jiraOperations: readonly Operation[] = [getCurrentUser];

/** How Jira words the errors raised before a handler runs. */
function reject(_request: EmuRequest, rejection: Rejection): EmuResponse {
  switch (rejection.kind) {
    case "unauthorized":
      return jiraError(401, ["You are not authenticated. Authentication required to perform this operation."]);
    case "routeNotFound":
      return jiraError(404, ["null for uri: the requested resource does not exist."]);
    case "methodNotAllowed":
      return jiraError(405, ["Method Not Allowed"]);
    case "unsupportedMediaType":
      return jiraError(415, ["Unsupported Media Type"]);
    case "payloadTooLarge":
      return jiraError(413, ["Request entity too large."]);
    case "malformedJson":
      return jiraError(400, [`Invalid request payload. Refer to the REST API documentation and try again.`]);
    case "invalidQuery":
    case "invalidBody":
      return jiraError(400, [rejection.detail ?? describeSchemaErrors(rejection.schemaErrors ?? [])]);
    case "internalError":
      return jiraError(500, ["Internal server error."]);
  }
}

export const jiraProduct: Product = {
  name: "jira",
  owns: (path) => path.startsWith("/rest/api/3/"),
  operations: jiraOperations,
  reject,
};
