import type { EmuResponse } from "../http.js";

/** Jira's error body: `{"errorMessages":[...],"errors":{field: message}}`. */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function jiraError(status: number, errorMessages: string[] = [], errors: Record<string, string> = {}): EmuResponse {
  const body: JiraErrorBody = { errorMessages, errors };
  return { status, body };
}

/** A 400 carrying field-level messages (the shape of most validation failures). */
export function fieldErrors(errors: FieldErrors): EmuResponse {
  return jiraError(400, [], errors.toObject());
}

/**
 * Field-level messages keyed by field id. Keys come from request bodies, so they live in a
 * Map (never a plain object indexed by untrusted text) until rendered; the first message per field wins.
 */
export class FieldErrors {
  private readonly byField = new Map<string, string>();

  add(fieldId: string, message: string): void {
    if (!this.byField.has(fieldId)) this.byField.set(fieldId, message);
  }

  has(fieldId: string): boolean {
    return this.byField.has(fieldId);
  }

  get size(): number {
    return this.byField.size;
  }

  /** A null-prototype-safe plain object for the response body. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [field, message] of this.byField) Object.defineProperty(out, field, { value: message, enumerable: true, writable: true });
    return out;
  }
}

/** Messages worded as Jira Cloud words them. */
export const MESSAGES = {
  issueNotFound: "Issue does not exist or you do not have permission to see it.",
  projectNotFound: (idOrKey: string) => `No project could be found with ${/^\d+$/.test(idOrKey) ? "id" : "key"} '${idOrKey}'.`,
  cannotBeSet: (fieldId: string) => `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`,
  notAdf: "Operation value must be an Atlassian Document (see the Atlassian Document Format)",
  mustBeString: "Operation value must be a string",
  mustBeNumber: "Operation value must be a number",
  mustBeArray: "Operation value must be an array",
  summaryRequired: "You must specify a summary of the issue.",
  invalidProject: "Specify a valid project ID or key",
  issueTypeRequired: "Specify an issue type",
  issueTypeUnknown: "valid issue type is required",
  issueTypeNotInProject: "The issue type selected is invalid.",
  unboundedJql: "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
  userNotFound: "Specified user does not exist or you do not have required permissions",
} as const;
