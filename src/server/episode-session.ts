/**
 * One externally driven episode: a trainer or agent opens it, calls tools (or the REST API
 * under the session prefix), then asks for a score. Everything it does is recorded as a trace
 * in the same format the agent loop writes, so the same reward reads both.
 */
import { handle, type EmuRequest, type EmuResponse, type Site } from "../emulator/index.js";
import { authorizationOf } from "../agent/run-episode.js";
import { defaultSystemPrompt } from "../agent/prompt.js";
import { runToolCall, sender, unparsedCall, type CallContext } from "../agent/call.js";
import { parseToolCalls } from "../policy/text-calls/tool-call-parser.js";
import type { Message, ToolSpec } from "../policy/types.js";
import { reward, type RewardResult } from "../reward/index.js";
import { generate, scenarioNames } from "../scenarios/registry.js";
import { toolNamesFor } from "../scenarios/toolset.js";
import { DIFFICULTIES, SPLITS, type Difficulty, type Split, type Task } from "../scenarios/types.js";
import { startState } from "../scenarios/world.js";
import { getSurface, isSurfaceName, type ToolSurface } from "../tools/index.js";
import { TRACE_VERSION, type CallRecord, type RequestRecord, type Trace, type TurnRecord } from "../trace/types.js";

export interface SessionSpec {
  scenario: string;
  split: Split;
  difficulty: Difficulty;
  /** Task seed; `taskIndex` is accepted as a synonym (task i of the split is seed i). */
  seed: number;
  surface: "rest" | "mcp";
}

export class SpecError extends Error {}

/** Validates a `POST /sessions` body (or an OpenEnv reset payload) into a spec. */
export function parseSessionSpec(input: unknown): SessionSpec {
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body !== "object" || Array.isArray(body)) throw new SpecError("the body must be a JSON object");
  const scenario = body["scenario"];
  if (typeof scenario !== "string" || !scenarioNames().includes(scenario)) {
    throw new SpecError(`'scenario' must be one of: ${scenarioNames().join(", ")}`);
  }
  const split = body["split"] ?? "train";
  if (typeof split !== "string" || !(SPLITS as readonly string[]).includes(split)) throw new SpecError("'split' must be 'train' or 'test'");
  const difficulty = body["difficulty"] ?? 1;
  if (!(DIFFICULTIES as readonly unknown[]).includes(difficulty)) throw new SpecError("'difficulty' must be 1, 2 or 3");
  const seed = body["seed"] ?? body["taskIndex"] ?? 0;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)
    throw new SpecError("'seed' (or 'taskIndex') must be a non-negative integer");
  const surface = body["surface"] ?? "rest";
  if (typeof surface !== "string" || !isSurfaceName(surface)) throw new SpecError("'surface' must be 'rest' or 'mcp'");
  return { scenario, split: split as Split, difficulty: difficulty as Difficulty, seed, surface };
}

/** The name recorded for requests made directly against the session's REST prefix. */
export const HTTP_CALL_NAME = "http";

export class EpisodeSession {
  readonly task: Task;
  readonly site: Site;
  readonly surface: ToolSurface;
  readonly toolNames: string[];
  readonly tools: ToolSpec[];
  readonly messages: Message[];
  private readonly turns: TurnRecord[] = [];
  private readonly ctx: CallContext;
  private finalAnswer: string | null = null;
  private answered = false;
  private readonly startedAt = new Date().toISOString();

  constructor(readonly spec: SessionSpec) {
    this.task = generate({ scenario: spec.scenario, split: spec.split, difficulty: spec.difficulty, seed: spec.seed });
    this.site = startState(this.task);
    this.surface = getSurface(spec.surface);
    this.toolNames = toolNamesFor(this.task, spec.surface);
    this.tools = this.surface.tools(this.toolNames);
    this.messages = [
      { role: "system", content: defaultSystemPrompt(this.site) },
      { role: "user", content: this.task.instruction },
    ];
    this.ctx = {
      surface: this.surface,
      offered: new Set(this.toolNames),
      send: sender((request) => handle(this.site, request), authorizationOf(this.site)),
      resultChars: undefined,
      clock: () => performance.now(),
    };
  }

  /** One tool call with its arguments as sent (text, so malformed JSON is recorded as such). */
  callTool(name: string, argumentsText: string): CallRecord {
    const id = `call_${this.turns.length}_0`;
    const record = runToolCall(this.ctx, { id, name, argumentsText });
    this.messages.push({ role: "assistant", content: "", toolCalls: [{ id, name, argumentsText }] });
    this.messages.push({ role: "tool", toolCallId: id, name, content: record.result });
    this.pushTurn([record]);
    return record;
  }

  /** A request against the session's own site (REST prefix), recorded as a call of its own. */
  http(request: EmuRequest): EmuResponse {
    const started = performance.now();
    const response = handle(this.site, { ...request, headers: { ...request.headers, authorization: authorizationOf(this.site) } });
    const json = request.json !== undefined ? request.json : parseMaybe(request.rawBody);
    const record: RequestRecord = {
      method: request.method.toUpperCase(),
      path: request.path,
      query: { ...(request.query ?? {}) } as RequestRecord["query"],
      status: response.status,
    };
    if (json !== undefined) record.body = json;
    if (response.body !== undefined) record.responseBody = response.body;
    this.pushTurn([
      {
        id: `http_${this.turns.length}`,
        name: HTTP_CALL_NAME,
        argumentsText: "",
        requests: [record],
        status: response.status,
        result: "",
        timing: { durationMs: Math.round((performance.now() - started) * 1000) / 1000 },
      },
    ]);
    return response;
  }

  /**
   * Ends the episode with the policy's final answer and scores it (again, if calls followed an earlier score).
   * Tool-call attempts left unread in the answer (a trainer's parser gave up on malformed markup and passed the text
   * on) are recorded as `invalid_json` calls, as the agent loop records them, so training and eval label alike.
   */
  score(answer: string): RewardResult {
    if (!this.answered) {
      this.answered = true;
      const index = this.turns.length;
      const parsed = parseToolCalls(answer, { idPrefix: `call_${index}_` });
      const unread = parsed.unparsed.map((attempt, i) => unparsedCall(`call_${index}_unparsed_${i}`, attempt));
      const content = unread.length > 0 ? parsed.content : answer;
      this.finalAnswer = content;
      this.messages.push({ role: "assistant", content: answer });
      this.turns.push({ index, content, calls: unread, timing: { policyMs: 0 } });
    }
    return reward(this.task, { turns: this.turns, stopReason: "final_answer" });
  }

  get stepCount(): number {
    return this.turns.length;
  }

  get done(): boolean {
    return this.answered;
  }

  trace(sessionId: string, policyId = "external"): Trace {
    const calls = this.turns.reduce((n, t) => n + t.calls.length, 0);
    return {
      traceVersion: TRACE_VERSION,
      episodeId: sessionId,
      taskId: this.task.id,
      scenario: this.task.scenario,
      seed: this.task.seed,
      policyId,
      surface: this.surface.name,
      tools: [...this.toolNames],
      messages: this.messages.slice(),
      turns: this.turns.slice(),
      finalAnswer: this.finalAnswer,
      stopReason: this.answered ? "final_answer" : "aborted",
      usage: { promptTokens: 0, completionTokens: 0 },
      turnCount: this.turns.length,
      toolCallCount: calls,
      timing: { startedAt: this.startedAt, durationMs: 0 },
    };
  }

  private pushTurn(calls: CallRecord[]): void {
    this.turns.push({ index: this.turns.length, content: "", calls, timing: { policyMs: 0 } });
  }
}

function parseMaybe(text: string | undefined): unknown {
  if (text === undefined || text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
