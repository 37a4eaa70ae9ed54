import type { EmuResponse } from "../http.js";
import type { Rejection, SchemaError } from "../operation.js";
import { FieldErrors, jiraError, MESSAGES } from "./errors.js";

/** How Jira words the errors the shared pipeline raises before a handler runs. */

export const INVALID_PAYLOAD = "Invalid request payload. Refer to the REST API documentation and try again.";

function pointerSegments(instancePath: string): string[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The message Jira gives for a value of the wrong JSON type in a field (`/fields/<id>` or `/update/<id>`). */
function fieldTypeMessage(fieldId: string, depth: number, root: string): string {
  if (root === "update" && depth === 2) return MESSAGES.mustBeArray;
  switch (fieldId) {
    case "description":
    case "environment":
    case "comment":
      return MESSAGES.notAdf;
    case "project":
      return MESSAGES.invalidProject;
    case "issuetype":
      return MESSAGES.issueTypeUnknown;
    case "priority":
    case "resolution":
      return `Could not find valid 'id' or 'name' in ${fieldId} object.`;
    case "assignee":
    case "reporter":
      return `Could not find valid 'accountId' in ${fieldId} object.`;
    case "parent":
      return "Could not find valid 'id' or 'key' in parent object.";
    case "labels":
      return depth === 2 ? MESSAGES.mustBeArray : MESSAGES.mustBeString;
    case "customfield_10016":
      return MESSAGES.mustBeNumber;
    default:
      return MESSAGES.mustBeString;
  }
}

/** Field messages for required members a body schema names (create's `fields` and its three required fields). */
const MISSING_FIELD: ReadonlyMap<string, ReadonlyArray<[string, string]>> = new Map<string, ReadonlyArray<[string, string]>>([
  ["project", [["project", MESSAGES.invalidProject]]],
  ["issuetype", [["issuetype", MESSAGES.issueTypeRequired]]],
  ["summary", [["summary", MESSAGES.summaryRequired]]],
  [
    "fields",
    [
      ["project", MESSAGES.invalidProject],
      ["issuetype", MESSAGES.issueTypeRequired],
      ["summary", MESSAGES.summaryRequired],
    ],
  ],
]);

/** Schema failures of a body: field-level messages where Jira gives them, else the generic payload message. */
export function bodyRejection(errors: readonly SchemaError[]): EmuResponse {
  const fields = new FieldErrors();
  const messages = new Set<string>();
  for (const error of errors) {
    const path = pointerSegments(error.instancePath);
    const [root, name] = path;
    const missing = error.keyword === "required" ? String(error.params["missingProperty"]) : undefined;
    if (missing !== undefined && (path.length === 0 || (path.length === 1 && root === "fields")) && MISSING_FIELD.has(missing)) {
      for (const [field, message] of MISSING_FIELD.get(missing)!) fields.add(field, message);
    } else if (missing === "transition" || (missing === "id" && root === "transition" && path.length === 1)) {
      messages.add("Missing 'transition' identifier");
    } else if ((root === "fields" || root === "update") && name !== undefined && name.length > 0) {
      fields.add(name, fieldTypeMessage(name, path.length, root));
    } else if (root === "transition") {
      messages.add("'transition' identifier must be an integer");
    } else if (root === "body") {
      fields.add("comment", MESSAGES.notAdf);
    } else if (path.length === 0 && error.keyword === "required" && error.params["missingProperty"] === "body") {
      fields.add("comment", "Comment body can not be empty!");
    } else {
      messages.add(INVALID_PAYLOAD);
    }
  }
  return jiraError(400, [...messages], fields.toObject());
}

function queryRejection(errors: readonly SchemaError[]): EmuResponse {
  const messages = new Set<string>();
  for (const error of errors) {
    const [name] = pointerSegments(error.instancePath);
    messages.add(
      name ? `The value of the '${name}' query parameter is invalid: it ${error.message ?? "is not valid"}.` : "Invalid query parameters.",
    );
  }
  return jiraError(400, [...messages]);
}

export function rejectJira(rejection: Rejection): EmuResponse {
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
      return jiraError(400, [INVALID_PAYLOAD]);
    case "invalidQuery":
      return queryRejection(rejection.schemaErrors ?? []);
    case "invalidBody":
      if (!rejection.schemaErrors || rejection.schemaErrors.length === 0) return jiraError(400, [INVALID_PAYLOAD]);
      return bodyRejection(rejection.schemaErrors);
    case "internalError":
      return jiraError(500, ["Internal server error."]);
  }
}
