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
