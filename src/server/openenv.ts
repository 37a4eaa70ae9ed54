/**
 * OpenEnv compatibility: the WebSocket protocol of `openenv-core` clients (`/ws` with
 * reset / step / state / close messages), plus `/schema`. One WebSocket connection drives
 * one episode at a time; `reset` opens a fresh session (dropping the previous one).
 *
 * Actions (the `data` of a `step`):
 *   {"tool": "<name>", "arguments": {...}}  -> one tool call; observation `{result, status, error?}`
 *   {"answer": "<final answer>"}            -> ends and scores the episode; `reward`, `done: true`
 */
import type { FastifyInstance } from "fastify";
import websocket from "@fastify/websocket";
import type { WebSocket } from "ws";
import { SessionCapReached } from "./session-store.js";
import { SpecError } from "./episode-session.js";
import { describeSession, openSession, type Sessions } from "./sessions-api.js";

type Outgoing = { type: "observation" | "state" | "error"; data: Record<string, unknown> };

export const OPENENV_SCHEMA = {
  action: {
    title: "AtlasgymAction",
    oneOf: [
      {
        type: "object",
        required: ["tool"],
        properties: { tool: { type: "string", description: "Tool name." }, arguments: { type: "object", description: "Tool arguments." } },
      },
      {
        type: "object",
        required: ["answer"],
        properties: { answer: { type: "string", description: "Final answer; ends and scores the episode." } },
      },
    ],
  },
  observation: {
    title: "AtlasgymObservation",
    type: "object",
    properties: {
      sessionId: { type: "string" },
      taskId: { type: "string" },
      instruction: { type: "string" },
      messages: { type: "array" },
      tools: { type: "array" },
      result: { type: "string", description: "Tool result text as the model should see it." },
      status: { type: ["integer", "null"], description: "HTTP status of the last request the call made." },
      error: { type: "string", description: "Failure label when the call made no request (unknown_tool, invalid_json, ...)." },
      components: { type: "object", description: "Reward components, after an answer." },
      failures: { type: "array", description: "Failure labels with details, after an answer." },
    },
  },
  state: {
    title: "AtlasgymState",
    type: "object",
    properties: {
      episode_id: { type: ["string", "null"] },
      step_count: { type: "integer" },
      task_id: { type: ["string", "null"] },
      done: { type: "boolean" },
    },
  },
} as const;

export function registerOpenEnv(app: FastifyInstance, sessions: Sessions): void {
  app.get("/schema", (_request, reply) => reply.type("application/json").send(JSON.stringify(OPENENV_SCHEMA)));
  // The WebSocket plugin lives in its own scope so that it only upgrades `/ws`.
  void app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: 16 * 1024 * 1024 } });
    scope.get("/ws", { websocket: true }, (socket: WebSocket) => handleSocket(socket, sessions));
  });
}

function handleSocket(socket: WebSocket, sessions: Sessions): void {
  {
    let sessionId: string | null = null;
    const reply = (message: Outgoing) => socket.send(JSON.stringify(message));
    const error = (code: string, message: string) => reply({ type: "error", data: { code, message } });
    const drop = () => {
      if (sessionId) sessions.delete(sessionId);
      sessionId = null;
    };

    socket.on("message", (raw: Buffer) => {
      let message: { type?: unknown; data?: unknown };
      try {
        message = JSON.parse(raw.toString("utf8")) as { type?: unknown; data?: unknown };
      } catch (e) {
        return error("INVALID_JSON", `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      const data = (message.data ?? {}) as Record<string, unknown>;
      switch (message.type) {
        case "reset": {
          drop();
          try {
            const stored = openSession(sessions, data);
            sessionId = stored.id;
            return reply({ type: "observation", data: { observation: describeSession(stored), reward: null, done: false } });
          } catch (e) {
            if (e instanceof SpecError) return error("VALIDATION_ERROR", e.message);
            if (e instanceof SessionCapReached) return error("CAPACITY_REACHED", e.message);
            return error("EXECUTION_ERROR", String(e));
          }
        }
        case "step": {
          const stored = sessionId ? sessions.get(sessionId) : undefined;
          if (!stored) return error("SESSION_ERROR", "No live episode: send a reset first.");
          if (typeof data["answer"] === "string") {
            const result = stored.value.score(data["answer"]);
            return reply({
              type: "observation",
              data: { observation: { components: result.components, failures: result.failures }, reward: result.reward, done: true },
            });
          }
          if (typeof data["tool"] !== "string") return error("VALIDATION_ERROR", "A step needs {tool, arguments} or {answer}.");
          const argumentsText = typeof data["arguments"] === "string" ? data["arguments"] : JSON.stringify(data["arguments"] ?? {});
          const record = stored.value.callTool(data["tool"], argumentsText);
          const observation: Record<string, unknown> = { result: record.result, status: record.status };
          if (record.rejection) observation["error"] = record.rejection.label;
          return reply({ type: "observation", data: { observation, reward: null, done: false } });
        }
        case "state": {
          const stored = sessionId ? sessions.get(sessionId) : undefined;
          return reply({
            type: "state",
            data: {
              episode_id: stored?.id ?? null,
              step_count: stored?.value.stepCount ?? 0,
              task_id: stored?.value.task.id ?? null,
              done: stored?.value.done ?? false,
            },
          });
        }
        case "close":
          drop();
          return socket.close();
        default:
          return error("UNKNOWN_TYPE", `Unknown message type: ${String(message.type)}`);
      }
    });
    socket.on("close", drop);
  }
}
