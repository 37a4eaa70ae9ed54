import type { EmuResponse } from "../http.js";

/** Error bodies in Confluence's own words: v2 (`/wiki/api/v2`) and v1 (`/wiki/rest/api`) differ in shape. */

const CODES: ReadonlyMap<number, string> = new Map([
  [400, "BAD_REQUEST"],
  [401, "UNAUTHORIZED"],
  [403, "FORBIDDEN"],
  [404, "NOT_FOUND"],
  [405, "METHOD_NOT_ALLOWED"],
  [409, "CONFLICT"],
  [413, "REQUEST_ENTITY_TOO_LARGE"],
  [415, "UNSUPPORTED_MEDIA_TYPE"],
  [500, "INTERNAL_SERVER_ERROR"],
]);

/** Confluence v2's error body: `{"errors":[{"status","code","title","detail"}]}`. */
export function v2Error(status: number, title: string, detail: string | null = null, code?: string): EmuResponse {
  return { status, body: { errors: [{ status, code: code ?? CODES.get(status) ?? "ERROR", title, detail }] } };
}

/** 404 as v2 answers it for anything missing or not visible to the caller (it never says which). */
export function v2NotFound(): EmuResponse {
  return v2Error(404, "Not Found");
}

export function v2BadRequest(title: string, detail: string | null = null): EmuResponse {
  return v2Error(400, title, detail);
}

/** A parameter whose value does not convert to the type the API expects (Spring's wording, as Confluence relays it). */
export function v2WrongType(name: string, value: string, expected: string): EmuResponse {
  return v2Error(
    400,
    `Provided value {${value}} for '${name}' is not the correct type. Expected type is ${expected}.`,
    null,
    "INVALID_REQUEST_PARAMETER",
  );
}

export function v2InvalidCursor(): EmuResponse {
  return v2Error(
    400,
    "Provided value for 'cursor' is not the correct type. Expected type is Cursor.",
    "The provided cursor was not valid. You can get a new valid cursor by making the original pagination request again.",
    "INVALID_REQUEST_PARAMETER",
  );
}

export function v2Forbidden(title: string): EmuResponse {
  return v2Error(403, title);
}

/** Confluence v1's error body (`/wiki/rest/api/...`). */
export function v1Error(status: number, message: string): EmuResponse {
  return {
    status,
    body: {
      statusCode: status,
      data: { authorized: status !== 401 && status !== 403, valid: status !== 400, errors: [], successful: false },
      message,
    },
  };
}

const V1_EXCEPTIONS = "com.atlassian.confluence.api.service.exceptions";

export function v1NotFound(message: string): EmuResponse {
  return v1Error(404, `${V1_EXCEPTIONS}.NotFoundException: ${message}`);
}

export function v1BadRequest(message: string): EmuResponse {
  return v1Error(400, `${V1_EXCEPTIONS}.BadRequestException: ${message}`);
}

export function v1Forbidden(message: string): EmuResponse {
  return v1Error(403, `${V1_EXCEPTIONS}.PermissionException: ${message}`);
}
