/**
 * A local HTTP server speaking the documented OpenAI chat-completions wire format (non-streaming): it checks every
 * request the way a strict server does (roles, `tool_calls` with string arguments, `tool_call_id` answering an earlier
 * call, `tools` + `tool_choice`, `stream`), answers 400 with OpenAI's error body when a request breaks the format, and
 * otherwise replies as the test scripts it (completions, errors, Retry-After, delays, dropped connections).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait before answering (to test timeouts and concurrency). */
  delayMs?: number;
  /** Drop the connection without answering (a network error for the client). */
  dropConnection?: boolean;
}

export interface ReceivedRequest {
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
}

export type Responder = (request: ReceivedRequest, index: number) => ScriptedReply;

export class OpenAIWireServer {
  readonly requests: ReceivedRequest[] = [];
  /** Wire-format problems found in requests; a correct client leaves this empty. */
  readonly violations: string[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  private constructor(
    private readonly server: Server,
    private readonly responder: Responder,
  ) {}

  static async start(responder: Responder): Promise<OpenAIWireServer> {
    const server = createServer();
    const instance = new OpenAIWireServer(server, responder);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return instance;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const raw = await readBody(req);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions")
        return send(res, 404, errorBody(`no route ${req.method} ${req.url}`));
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return this.reject(res, "request body is not JSON");
      }
      const problems = validateChatRequest(body, req.headers["content-type"]);
      if (problems.length > 0) return this.reject(res, problems.join("; "));
      const received = { body: body as Record<string, unknown>, headers: req.headers };
      this.requests.push(received);
      const reply = this.responder(received, this.requests.length - 1);
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (reply.dropConnection) {
        req.socket.destroy();
        return;
      }
      send(res, reply.status ?? 200, reply.body ?? {}, reply.headers);
    } finally {
      this.inFlight -= 1;
    }
  }

  private reject(res: ServerResponse, message: string): void {
    this.violations.push(message);
    send(res, 400, errorBody(message));
  }
}

/** A complete chat.completion response body. */
export function chatCompletion(
  message: { content?: string | null; tool_calls?: unknown[] },
  finishReason = "stop",
  usage = { prompt: 11, completion: 7 },
) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: message.content ?? null, ...message },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
  };
}

export function errorBody(message: string, type = "invalid_request_error") {
  return { error: { message, type, param: null, code: null } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The request rules of the chat-completions API that a client can get wrong. */
function validateChatRequest(body: unknown, contentType: string | undefined): string[] {
  const problems: string[] = [];
  if (!contentType?.startsWith("application/json")) problems.push("content-type must be application/json");
  if (!isObject(body)) return [...problems, "body must be an object"];
  if (typeof body.model !== "string" || body.model === "") problems.push("model is required");
  if (body.stream !== undefined && body.stream !== false) problems.push("this server only answers stream: false");
  if (!Array.isArray(body.messages) || body.messages.length === 0) return [...problems, "messages must be a non-empty array"];
  const callIds = new Set<string>();
  body.messages.forEach((message: unknown, index: number) => {
    const where = `messages[${index}]`;
    if (!isObject(message)) return problems.push(`${where} must be an object`);
    switch (message.role) {
      case "system":
      case "user":
        if (typeof message.content !== "string") problems.push(`${where}.content must be a string`);
        break;
      case "assistant": {
        const calls = message.tool_calls;
        if (message.content === null && !Array.isArray(calls)) problems.push(`${where}.content may only be null with tool_calls`);
        if (message.content !== null && typeof message.content !== "string") problems.push(`${where}.content must be a string or null`);
        if (calls === undefined) break;
        if (!Array.isArray(calls) || calls.length === 0) {
          problems.push(`${where}.tool_calls must be a non-empty array`);
          break;
        }
        calls.forEach((call: unknown, n: number) => {
          const fn = isObject(call) ? call.function : undefined;
          if (!isObject(call) || typeof call.id !== "string" || call.type !== "function" || !isObject(fn)) {
            return problems.push(`${where}.tool_calls[${n}] must be {id, type: "function", function}`);
          }
          if (typeof fn.name !== "string") problems.push(`${where}.tool_calls[${n}].function.name must be a string`);
          if (typeof fn.arguments !== "string") problems.push(`${where}.tool_calls[${n}].function.arguments must be a string`);
          callIds.add(call.id);
        });
        break;
      }
      case "tool":
        if (typeof message.tool_call_id !== "string" || !callIds.has(message.tool_call_id)) {
          problems.push(`${where}.tool_call_id must answer an earlier assistant tool call`);
        }
        if (typeof message.content !== "string") problems.push(`${where}.content must be a string`);
        break;
      default:
        problems.push(`${where}.role ${JSON.stringify(message.role)} is not a chat role`);
    }
    return undefined;
  });
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) problems.push("tools must be an array");
    else
      body.tools.forEach((tool: unknown, index: number) => {
        const fn = isObject(tool) ? tool.function : undefined;
        if (!isObject(tool) || tool.type !== "function" || !isObject(fn) || typeof fn.name !== "string" || !isObject(fn.parameters)) {
          problems.push(`tools[${index}] must be {type: "function", function: {name, description, parameters}}`);
        }
      });
  }
  if (body.tool_choice !== undefined && body.tools === undefined) problems.push("tool_choice is only allowed with tools");
  for (const key of ["temperature", "top_p", "max_tokens", "seed"]) {
    if (body[key] !== undefined && typeof body[key] !== "number") problems.push(`${key} must be a number`);
  }
  return problems;
}
