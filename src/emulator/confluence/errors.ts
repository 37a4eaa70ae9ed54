import type { EmuResponse } from "../http.js";

const CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "REQUEST_ENTITY_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  500: "INTERNAL_SERVER_ERROR",
};

/** Confluence v2's error body: `{"errors":[{"status","code","title","detail"}]}`. */
export function v2Error(status: number, title: string, detail: string | null = null): EmuResponse {
  return { status, body: { errors: [{ status, code: CODES[status] ?? "ERROR", title, detail }] } };
}

/** Confluence v1's error body (`/wiki/rest/api/...`). */
export function v1Error(status: number, message: string): EmuResponse {
  return {
    status,
    body: {
      statusCode: status,
      data: { authorized: status !== 401 && status !== 403, valid: false, errors: [], successful: false },
      message,
    },
  };
}
