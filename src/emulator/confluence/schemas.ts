import type { JsonSchema } from "../operation.js";

/**
 * JSON Schema fragments shared by the operations. They are what the pipeline validates and what
 * the LLM tool surfaces show, so every property carries a short description condensed from the spec.
 */

export const MAX_LIMIT = 250;

export const limit: JsonSchema = {
  type: "integer",
  minimum: 1,
  maximum: MAX_LIMIT,
  default: 25,
  description: `Maximum number of results per page (1-${MAX_LIMIT}, default 25).`,
};

export const cursor: JsonSchema = {
  type: "string",
  description: "Opaque cursor taken from the `next` link of the previous page of results.",
};

export const bodyFormat: JsonSchema = {
  type: "string",
  enum: ["storage", "atlas_doc_format"],
  description: "Body representation to include in each result (`storage` XHTML or `atlas_doc_format` ADF JSON). Omit for no body.",
};

export const bodyFormatSingle: JsonSchema = {
  type: "string",
  enum: ["storage", "atlas_doc_format", "view", "export_view", "anonymous_export_view", "styled_view", "editor"],
  description: "Body representation to include (`storage` XHTML, `atlas_doc_format` ADF JSON, or rendered HTML `view`). Omit for no body.",
};

export const pageSort: JsonSchema = {
  type: "string",
  enum: ["id", "-id", "created-date", "-created-date", "modified-date", "-modified-date", "title", "-title"],
  description: "Sort order; prefix with `-` for descending.",
};

export function numericId(description: string): JsonSchema {
  return { type: "string", pattern: "^[0-9]+$", description };
}

export function idList(description: string, maxItems = MAX_LIMIT): JsonSchema {
  return {
    type: "array",
    maxItems,
    items: { type: "string", pattern: "^[0-9]+(,[0-9]+)*$" },
    description: `${description} Numeric ids; repeat the parameter or separate ids with commas.`,
  };
}

export function pathParams(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

export function query(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return required.length > 0 ? { type: "object", properties, required } : { type: "object", properties };
}

/**
 * A multi-valued enum parameter. Clients send these repeated or comma-separated (`status=current,trashed`),
 * so items are checked with a pattern rather than `enum`; the description lists the values.
 */
export function enumList(values: readonly string[], description: string): JsonSchema {
  const one = `(${values.join("|")})`;
  return {
    type: "array",
    items: { type: "string", pattern: `^${one}(,${one})*$` },
    description: `${description} One or more of: ${values.map((v) => `\`${v}\``).join(", ")}.`,
  };
}

export const pageStatusFilter: JsonSchema = enumList(
  ["current", "archived", "deleted", "trashed"],
  "Only pages with these statuses (default `current` and `archived`).",
);

/** A body to write: `{representation, value}` or nested `{storage: {representation, value}}`. */
export const bodyWrite: JsonSchema = {
  description:
    "Page body. Either `{representation, value}` or nested by format, e.g. `{storage: {representation: 'storage', value: '<p>Hi</p>'}}`. " +
    "`storage` is Confluence XHTML; `atlas_doc_format` is an ADF document serialised as a JSON string.",
  anyOf: [
    {
      type: "object",
      properties: {
        representation: { type: "string", enum: ["storage", "atlas_doc_format"], description: "Format of `value`." },
        value: { type: "string", description: "The body in that format." },
      },
      required: ["representation", "value"],
    },
    {
      type: "object",
      properties: {
        storage: nestedBody("storage"),
        atlas_doc_format: nestedBody("atlas_doc_format"),
      },
      minProperties: 1,
      additionalProperties: false,
    },
  ],
};

function nestedBody(representation: string): JsonSchema {
  return {
    type: "object",
    properties: {
      representation: { type: "string", enum: [representation], description: "Must name the same format as the key." },
      value: { type: "string", description: `The body as ${representation}.` },
    },
    required: ["value"],
  };
}
