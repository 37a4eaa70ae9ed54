/**
 * The session API for trainers and agents (docs/server.md, schemas/server.openapi.json):
 * open an episode, call its tools, score it, read its trace; and each session's own site
 * at the real REST paths under `/s/{sessionId}/...` for real clients such as jira.js.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { emulator } from "../emulator/index.js";
import { ADMIN_EMAIL } from "../emulator/core/users.js";
import { EpisodeSession, SpecError, parseSessionSpec } from "./episode-session.js";
import { SessionCapReached, SessionStore, sameSecret, type StoredSession } from "./session-store.js";
import { send, splitRawUrl, toEmuRequest } from "./http-bridge.js";

export type Sessions = SessionStore<EpisodeSession>;

interface IdParams {
  id: string;
}

/** `{"error": ...}` with an HTTP status: the session API's own error shape. */
function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send(JSON.stringify({ error: message }));
}

function parseJsonBody(request: FastifyRequest): { ok: true; value: unknown } | { ok: false; error: string } {
  const raw = typeof request.body === "string" ? request.body : "";
  if (raw.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { ok: false, error: `invalid JSON body: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Opens a session from a spec body; shared by `POST /sessions` and OpenEnv `reset`. */
export function openSession(sessions: Sessions, body: unknown): StoredSession<EpisodeSession> {
  return sessions.create(new EpisodeSession(parseSessionSpec(body)));
}

export function describeSession(stored: StoredSession<EpisodeSession>) {
  const session = stored.value;
  return {
    sessionId: stored.id,
    token: stored.token,
    taskId: session.task.id,
    scenario: session.task.scenario,
    split: session.task.split,
    difficulty: session.task.difficulty,
    surface: session.surface.name,
    instruction: session.task.instruction,
    turnBudget: session.task.turnBudget,
    messages: session.messages.slice(0, 2),
    tools: session.tools.map((t) => ({
      type: "function",
      function: { name: t.name, description: t.description, parameters: t.parameters },
    })),
  };
}

export function registerSessionRoutes(app: FastifyInstance, sessions: Sessions, adminToken: string): void {
  const lookup = (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply) => {
    const stored = sessions.get(request.params.id);
    if (!stored) fail(reply, 404, `no live session '${request.params.id}' (unknown, deleted or expired)`);
    return stored;
  };

  app.post("/sessions", (request, reply) => {
    const body = parseJsonBody(request);
    if (!body.ok) return fail(reply, 400, body.error);
    try {
      const stored = openSession(sessions, body.value);
      return reply
        .code(201)
        .type("application/json")
        .send(JSON.stringify(describeSession(stored)));
    } catch (error) {
      if (error instanceof SessionCapReached) {
        reply.header("retry-after", String(error.retryAfterSeconds));
        return fail(reply, 429, "too many live sessions; retry later or delete finished ones");
      }
      if (error instanceof SpecError) return fail(reply, 400, error.message);
      throw error;
    }
  });

  app.get<{ Params: IdParams }>("/sessions/:id", (request, reply) => {
    const stored = lookup(request, reply);
    if (!stored) return reply;
    return reply
      .type("application/json")
      .send(JSON.stringify({ ...describeSession(stored), stepCount: stored.value.stepCount, done: stored.value.done }));
  });

  app.post<{ Params: IdParams & { name: string } }>("/sessions/:id/tools/:name", (request, reply) => {
    const stored = lookup(request, reply);
    if (!stored) return reply;
    const argumentsText = typeof request.body === "string" ? request.body : "";
    const record = stored.value.callTool(request.params.name, argumentsText);
    const out: { content: string; status: number | null; error?: string } = { content: record.result, status: record.status };
    if (record.rejection) out.error = record.rejection.label;
    return reply.type("application/json").send(JSON.stringify(out));
  });

  app.post<{ Params: IdParams }>("/sessions/:id/score", (request, reply) => {
    const stored = lookup(request, reply);
    if (!stored) return reply;
    const body = parseJsonBody(request);
    if (!body.ok) return fail(reply, 400, body.error);
    const answer = (body.value as { answer?: unknown }).answer ?? "";
    if (typeof answer !== "string") return fail(reply, 400, "'answer' must be a string");
    return reply.type("application/json").send(JSON.stringify(stored.value.score(answer)));
  });

  app.get<{ Params: IdParams }>("/sessions/:id/trace", (request, reply) => {
    const stored = lookup(request, reply);
    if (!stored) return reply;
    return reply.type("application/json").send(JSON.stringify(stored.value.trace(stored.id)));
  });

  app.delete<{ Params: IdParams }>("/sessions/:id", (request, reply) => {
    if (!sessions.delete(request.params.id)) return fail(reply, 404, `no live session '${request.params.id}'`);
    return reply.code(204).send();
  });

  // The session's own site at the real REST paths, for real clients.
  app.all<{ Params: IdParams }>("/s/:id/*", (request, reply) => {
    const prefix = `/s/${request.params.id}`;
    const { path: fullPath, query } = splitRawUrl(request.url);
    const path = fullPath.slice(prefix.length) || "/";
    const product = emulator.products.find((p) => p.owns(path));
    const stored = sessions.get(request.params.id);
    const emuRequest = toEmuRequest(request, path, query);
    if (!stored || !product) {
      if (!product) return fail(reply, 404, "no API is served at this path");
      return send(reply, product.reject(emuRequest, { kind: "routeNotFound" }));
    }
    if (!sessionAuthorized(stored, emuRequest.headers?.["authorization"], adminToken)) {
      return send(reply, product.reject(emuRequest, { kind: "unauthorized" }));
    }
    return send(reply, stored.value.http(emuRequest));
  });
}

/** The prefix accepts the server administrator's credentials or the session's own bearer token. */
function sessionAuthorized(stored: StoredSession<EpisodeSession>, authorization: string | undefined, adminToken: string): boolean {
  if (!authorization) return false;
  const [scheme = "", credential = ""] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === "bearer") return sameSecret(credential, stored.token) || sameSecret(credential, adminToken);
  if (scheme.toLowerCase() !== "basic") return false;
  return sameSecret(Buffer.from(credential, "base64").toString("utf8"), `${ADMIN_EMAIL}:${adminToken}`);
}
