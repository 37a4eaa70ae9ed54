import Fastify, { type FastifyInstance } from "fastify";
import { emulator } from "../emulator/index.js";
import { MAX_BODY_BYTES } from "../emulator/handle.js";
import { send, splitRawUrl, toEmuRequest } from "./http-bridge.js";
import type { Site } from "../emulator/site.js";
import { DEFAULT_ADMIN_TOKEN } from "../emulator/world.js";
import { Metrics } from "./metrics.js";
import { SessionStore } from "./session-store.js";
import { registerSessionRoutes, type Sessions } from "./sessions-api.js";
import { registerOpenEnv } from "./openenv.js";
import { registerMcpRoutes } from "./mcp.js";

export interface AppOptions {
  /** The site served at the real REST paths (a writable fork). */
  site: Site;
  /** Suppress the one-line-per-request log. */
  quiet?: boolean;
  log?: (line: string) => void;
  /** API token of admin@example.com; the session REST prefix accepts it too. */
  adminToken?: string;
  /** Idle session expiry (default 15 minutes). */
  sessionTtlMs?: number;
  /** Most live sessions before `POST /sessions` answers 429 (default 20,000). */
  maxSessions?: number;
}

/** The app and the live sessions it serves (exposed for metrics, tests and shutdown). */
export interface AtlasgymApp {
  app: FastifyInstance;
  sessions: Sessions;
}

/** The HTTP face of the emulator: every request goes through the same `handle` as in-process calls. */
export function buildApp(options: AppOptions): FastifyInstance {
  return buildServer(options).app;
}

/** The whole env server: default site, session API, session REST prefixes, OpenEnv, health and metrics. */
export function buildServer(options: AppOptions): AtlasgymApp {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, routerOptions: { maxParamLength: 2048 } });
  const metrics = new Metrics();
  const sessions: Sessions = new SessionStore({ ttlMs: options.sessionTtlMs ?? 15 * 60_000, maxSessions: options.maxSessions ?? 20_000 });
  const sweeper = setInterval(() => sessions.sweep(), Math.min(60_000, options.sessionTtlMs ?? 60_000));
  sweeper.unref();
  app.addHook("onClose", (_app, done) => {
    clearInterval(sweeper);
    sessions.clear();
    done();
  });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  // Bodies reach the emulator as raw text so it can answer malformed JSON in the API's own words.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));

  app.addHook("onResponse", (request, reply, done) => {
    metrics.observe(routeGroup(request.url), reply.statusCode, reply.elapsedTime);
    if (!options.quiet) log(`${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
    done();
  });

  app.get("/health", (_request, reply) =>
    reply.type("application/json").send(JSON.stringify({ status: "healthy", sessions: sessions.size })),
  );
  app.get("/metrics", (_request, reply) =>
    reply
      .type("text/plain; version=0.0.4")
      .send(metrics.render({ sessions_live: sessions.size, heap_used_bytes: process.memoryUsage().heapUsed })),
  );
  registerSessionRoutes(app, sessions, options.adminToken ?? DEFAULT_ADMIN_TOKEN);
  registerOpenEnv(app, sessions);
  registerMcpRoutes(app, sessions);

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

  return { app, sessions };
}

/** Coarse route groups for metrics (ids and keys folded away). */
function routeGroup(url: string): string {
  if (url.startsWith("/sessions")) return url.includes("/tools/") ? "session_tool" : url.includes("/score") ? "session_score" : "sessions";
  if (url.startsWith("/s/")) return "session_rest";
  if (url.startsWith("/mcp/")) return "mcp";
  if (url.startsWith("/rest/")) return "jira";
  if (url.startsWith("/wiki/")) return "confluence";
  return "other";
}
