/**
 * A session's tool surface as an MCP server (official TypeScript SDK), so any MCP-capable
 * agent can act in an atlasgym episode and be scored. Tools are the session's tools with their
 * JSON Schemas, plus `submit_answer`, which ends the episode with the agent's final answer and
 * returns the reward. Served over stdio (`atlasgym mcp`) and streamable HTTP (`/mcp/{sessionId}`).
 */
import type { FastifyInstance } from "fastify";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { EpisodeSession } from "./episode-session.js";
import type { Sessions } from "./sessions-api.js";

export const SUBMIT_ANSWER_TOOL = "submit_answer";

const SUBMIT_ANSWER = {
  name: SUBMIT_ANSWER_TOOL,
  description: "Finish the task: give your final answer (a short summary of what you did). Ends the episode and returns its score.",
  inputSchema: { type: "object" as const, properties: { answer: { type: "string", description: "Final answer." } }, required: ["answer"] },
};

/** An MCP server bound to one episode. */
export function createMcpServer(session: EpisodeSession, onAnswer?: (session: EpisodeSession) => void): Server {
  const server = new Server(
    { name: "atlasgym", version: "0.1.0" },
    { capabilities: { tools: {} }, instructions: session.task.instruction },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      ...session.tools.map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: { type: "object" as const, ...t.parameters },
      })),
      SUBMIT_ANSWER,
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request): CallToolResult => {
    const { name, arguments: args } = request.params;
    if (name === SUBMIT_ANSWER_TOOL) {
      const answer = typeof args?.["answer"] === "string" ? args["answer"] : "";
      const result = session.score(answer);
      onAnswer?.(session);
      return { content: [{ type: "text", text: JSON.stringify(result) }] };
    }
    const record = session.callTool(name, JSON.stringify(args ?? {}));
    return { content: [{ type: "text", text: record.result }], isError: record.rejection !== undefined || (record.status ?? 0) >= 400 };
  });
  return server;
}

/** Streamable-HTTP MCP at `/mcp/{sessionId}` (stateless transport per request; the episode lives in the session). */
export function registerMcpRoutes(app: FastifyInstance, sessions: Sessions): void {
  app.all<{ Params: { id: string } }>("/mcp/:id", async (request, reply) => {
    const stored = sessions.get(request.params.id);
    if (!stored)
      return reply
        .code(404)
        .type("application/json")
        .send(JSON.stringify({ error: `no live session '${request.params.id}'` }));
    let body: unknown = undefined;
    if (typeof request.body === "string" && request.body.length > 0) {
      try {
        body = JSON.parse(request.body) as unknown;
      } catch {
        return reply
          .code(400)
          .type("application/json")
          .send(JSON.stringify({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error" }, id: null }));
      }
    }
    const server = createMcpServer(stored.value);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, body);
  });
}
