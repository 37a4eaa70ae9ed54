import type { JsonSchema } from "../operation.js";

/**
 * JSON Schema pieces shared by Jira operations. They validate requests (the pipeline rejects
 * what they refuse, worded by the product) and describe arguments to LLM tool surfaces, so
 * each property carries a short description condensed from the official spec.
 */

export const ID_OR_NUMBER: JsonSchema = { type: ["string", "integer"] };

export const ISSUE_ID_OR_KEY_PATH: JsonSchema = {
  type: "object",
  properties: { issueIdOrKey: { type: "string", description: "The ID or key of the issue, e.g. `PROJ-123` or `10001`." } },
  required: ["issueIdOrKey"],
};

export const PROJECT_ID_OR_KEY_PATH: JsonSchema = {
  type: "object",
  properties: { projectIdOrKey: { type: "string", description: "The project ID or project key (case sensitive)." } },
  required: ["projectIdOrKey"],
};

export const ADF_DOC: JsonSchema = {
  type: "object",
  description:
    'Atlassian Document Format, e.g. {"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Hello"}]}]}. Plain strings are rejected.',
  properties: {
    type: { const: "doc" },
    version: { const: 1 },
    content: { type: "array", items: { type: "object" } },
  },
  required: ["type", "version", "content"],
};

const NULLABLE_ADF: JsonSchema = { ...ADF_DOC, type: ["object", "null"] };

function idOrName(what: string): JsonSchema {
  return {
    type: "object",
    description: `The ${what}: {"id": "..."} or {"name": "..."}.`,
    properties: { id: { ...ID_OR_NUMBER, description: `The ${what} ID.` }, name: { type: "string", description: `The ${what} name.` } },
  };
}

function userRef(what: string): JsonSchema {
  return {
    type: ["object", "null"],
    description: `The ${what}: {"accountId": "..."}; null clears it.`,
    properties: { accountId: { type: ["string", "null"], description: "The user's account ID." }, id: { type: ["string", "null"] } },
  };
}

/** Values of the fields this site's screens can carry, as create/edit/transition accept them. */
export const ISSUE_FIELD_VALUES: Readonly<Record<string, JsonSchema>> = {
  project: {
    type: "object",
    description: 'The project: {"key": "PROJ"} or {"id": "10000"}. Required on create.',
    properties: { id: ID_OR_NUMBER, key: { type: "string" } },
  },
  issuetype: idOrName("issue type"),
  summary: { type: "string", description: "One-line summary (required on create, at most 255 characters)." },
  description: { ...NULLABLE_ADF, description: "Description, as an Atlassian Document Format document." },
  environment: { ...NULLABLE_ADF, description: "Environment, as an Atlassian Document Format document." },
  priority: idOrName("priority"),
  assignee: userRef("assignee"),
  reporter: userRef("reporter"),
  labels: { type: ["array", "null"], items: { type: "string" }, description: "Labels (no spaces)." },
  duedate: { type: ["string", "null"], description: "Due date, `YYYY-MM-DD`." },
  parent: {
    type: ["object", "null"],
    description: 'The parent issue: {"key": "PROJ-1"} or {"id": "10001"} (an epic, or the standard issue of a sub-task).',
    properties: { key: { type: "string" }, id: ID_OR_NUMBER },
  },
  resolution: { ...idOrName("resolution"), type: ["object", "null"] },
  customfield_10016: { type: ["number", "null"], description: "Story point estimate." },
  customfield_10015: { type: ["string", "null"], description: "Start date, `YYYY-MM-DD`." },
};

const UPDATE_OPERATION: JsonSchema = {
  type: "object",
  description: 'One operation, e.g. {"add": "label"}, {"remove": "label"} or {"set": value}.',
  properties: { set: {}, add: {}, remove: {}, edit: {}, copy: {} },
  additionalProperties: false,
};

const COMMENT_UPDATE: JsonSchema = {
  type: "array",
  description: 'Comments to add, e.g. [{"add": {"body": <ADF document>}}].',
  items: {
    type: "object",
    properties: { add: { type: "object", properties: { body: ADF_DOC, visibility: { type: "object" } }, required: ["body"] } },
    additionalProperties: false,
  },
};

/** What an `IssueUpdateDetails` body is used for: it decides required members and the `transition` member. */
export type IssueUpdatePurpose = "create" | "bulkElement" | "edit" | "transition";

/** The spec's `IssueUpdateDetails`: `fields` to set and `update` operations per field. */
export function issueUpdateSchema(purpose: IssueUpdatePurpose, description: string): JsonSchema {
  const fields: JsonSchema = {
    type: "object",
    description: "Field values by field ID (see the create metadata for a project's fields and which are required).",
    properties: ISSUE_FIELD_VALUES,
  };
  // A single create needs these three; bulk elements stay unconstrained so one bad element cannot sink the others.
  if (purpose === "create") fields["required"] = ["project", "issuetype", "summary"];
  const properties: Record<string, JsonSchema> = {
    fields,
    update: {
      type: "object",
      description: 'Operations per field ID, e.g. {"labels": [{"add": "urgent"}], "summary": [{"set": "New title"}]}.',
      properties: { comment: COMMENT_UPDATE },
      additionalProperties: { type: "array", items: UPDATE_OPERATION },
    },
    historyMetadata: { type: "object", description: "Optional change history metadata." },
    properties: { type: "array", items: { type: "object" }, description: "Optional issue properties." },
  };
  if (purpose !== "edit") {
    properties["transition"] = {
      type: "object",
      description:
        purpose === "transition"
          ? 'The transition to perform: {"id": "31"} (from GET transitions).'
          : "Optional transition to perform after creating.",
      properties: { id: { ...ID_OR_NUMBER, description: "The transition ID." } },
      ...(purpose === "transition" ? { required: ["id"] } : {}),
    };
  }
  const schema: JsonSchema = { type: "object", description, properties };
  if (purpose === "create") schema["required"] = ["fields"];
  if (purpose === "transition") schema["required"] = ["transition"];
  return schema;
}
