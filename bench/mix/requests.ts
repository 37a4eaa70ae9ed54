/** Requests as plain data, shared by the in-process runner and the HTTP load generator. */
import type { EmuRequest } from "../../src/emulator/index.js";

export interface CallSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path without query string. */
  path: string;
  query?: Record<string, string>;
  /** JSON body, sent as `application/json`. */
  body?: unknown;
}

export const ADMIN_AUTHORIZATION = `Basic ${Buffer.from("admin@example.com:atlasgym").toString("base64")}`;

export function toEmuRequest(call: CallSpec, authorization = ADMIN_AUTHORIZATION): EmuRequest {
  const headers: Record<string, string> = { authorization, accept: "application/json" };
  const request: EmuRequest = { method: call.method, path: call.path, headers };
  if (call.query) request.query = call.query;
  if (call.body !== undefined) {
    headers["content-type"] = "application/json";
    request.json = call.body;
  }
  return request;
}

/** Path plus encoded query string, for HTTP clients. */
export function urlOf(call: CallSpec, prefix = ""): string {
  const query = call.query ? new URLSearchParams(call.query).toString() : "";
  return `${prefix}${call.path}${query ? `?${query}` : ""}`;
}
