/** Conversions between Fastify requests/replies and the emulator's plain HTTP values. */
import type { FastifyRequest } from "fastify";
import type { EmuRequest, EmuResponse, Query } from "../emulator/http.js";
import { parseQuery } from "../emulator/http.js";

/** Converts a Fastify request into the emulator's plain request value. */
export function toEmuRequest(request: FastifyRequest, path: string, query: Query): EmuRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const body = request.body;
  return { method: request.method, path, query, headers, rawBody: typeof body === "string" ? body : undefined };
}

export function splitRawUrl(url: string): { path: string; query: Query } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, query: {} } : { path: url.slice(0, q), query: parseQuery(url.slice(q + 1)) };
}

export function send(
  reply: { code(n: number): unknown; headers(h: Record<string, string>): unknown; send(b?: unknown): unknown; type(t: string): unknown },
  response: EmuResponse,
): void {
  reply.code(response.status);
  if (response.headers) reply.headers(response.headers);
  if (response.body === undefined) {
    reply.send();
    return;
  }
  reply.type("application/json;charset=UTF-8");
  reply.send(JSON.stringify(response.body));
}
