import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { emulator } from "../emulator/index.js";
import { MAX_BODY_BYTES } from "../emulator/handle.js";
import type { EmuRequest, EmuResponse, Query } from "../emulator/http.js";
import { parseQuery } from "../emulator/http.js";
import type { Site } from "../emulator/site.js";

export interface AppOptions {
  /** The site served at the real REST paths (a writable fork). */
  site: Site;
  /** Suppress the one-line-per-request log. */
  quiet?: boolean;
  log?: (line: string) => void;
}

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

/** The HTTP face of the emulator: every request goes through the same `handle` as in-process calls. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, maxParamLength: 2048 });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  // Bodies reach the emulator as raw text so it can answer malformed JSON in the API's own words.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));

  if (!options.quiet) {
    app.addHook("onResponse", (request, reply, done) => {
      log(`${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
      done();
    });
  }

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const { path, query } = splitRawUrl(request.url);
    const product = emulator.products.find((p) => p.owns(path));
    const kind =
      error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? "payloadTooLarge" : error.statusCode === 400 ? "malformedJson" : "internalError";
    if (!product) return reply.code(error.statusCode ?? 500).send({ message: error.message });
    send(reply, product.reject({ method: request.method, path, query }, { kind, detail: error.message }));
  });

  app.all("/*", (request, reply) => {
    const { path, query } = splitRawUrl(request.url);
    send(reply, emulator.handle(options.site, toEmuRequest(request, path, query)));
  });

  return app;
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
