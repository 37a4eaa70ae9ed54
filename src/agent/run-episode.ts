/**
 * The agent loop: system and user messages, then turns of policy -> tool calls -> emulator
 * until a final answer, the turn or token budget, a policy error or an abort. Tool errors go
 * back to the model and the episode continues. Deterministic for deterministic policies:
 * only the `timing` fields depend on the (injectable) clock.
 */
import { handle, type Site } from "../emulator/index.js";
import type { AssistantTurn, Message, Policy, ToolCall } from "../policy/types.js";
import type { ToolSurface } from "../tools/types.js";
import { TRACE_VERSION, type CallRecord, type StopReason, type Trace, type TurnRecord } from "../trace/types.js";
import { elapsed, runToolCall, sender, unparsedCall, type CallContext } from "./call.js";
import { defaultSystemPrompt } from "./prompt.js";

export type Credentials = { email: string; apiToken: string } | { authorization: string };

export interface EpisodeOptions {
  /** A writable fork: the episode changes it. */
  site: Site;
  surface: ToolSurface;
  /** Tools offered to the model (a scenario's subset of the surface). */
  toolNames: readonly string[];
  instruction: string;
  systemPrompt?: string;
  policy: Policy;
  /** Most assistant turns (policy calls). */
  maxTurns: number;
  /** Completion-token budget over the episode, checked between turns (needs policies that report usage). */
  maxTokens?: number;
  seed: number;
  taskId: string;
  scenario: string;
  /** Defaults to `<taskId>#<seed>`. */
  episodeId?: string;
  /** Who the agent acts as; the site administrator by default. */
  credentials?: Credentials;
  /** Tool results are trimmed to this many characters (default 4,000). */
  resultChars?: number;
  /** Sampling overrides passed to the policy on every turn. */
  sampling?: { temperature?: number; seed?: number };
  /** Epoch milliseconds; inject a fake one for byte-identical traces. */
  clock?: () => number;
  signal?: AbortSignal;
}

const systemClock = (): number => performance.timeOrigin + performance.now();

export function authorizationOf(site: Site, credentials?: Credentials): string {
  if (credentials && "authorization" in credentials) return credentials.authorization;
  const { email, apiToken } = credentials ?? { email: site.admin.emailAddress, apiToken: site.meta.adminToken };
  return `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`;
}

export async function runEpisode(options: EpisodeOptions): Promise<Trace> {
  const { site, surface, policy, maxTurns, maxTokens, signal } = options;
  const clock = options.clock ?? systemClock;
  const startedAt = clock();
  const tools = surface.tools(options.toolNames);
  const ctx: CallContext = {
    surface,
    offered: new Set(options.toolNames),
    send: sender((request) => handle(site, request), authorizationOf(site, options.credentials)),
    resultChars: options.resultChars,
    clock,
  };
  const messages: Message[] = [
    { role: "system", content: options.systemPrompt ?? defaultSystemPrompt(site) },
    { role: "user", content: options.instruction },
  ];
  const turns: TurnRecord[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };
  let stopReason: StopReason | undefined;
  let finalAnswer: string | null = null;
  let error: string | undefined;

  while (stopReason === undefined) {
    if (signal?.aborted) stopReason = "aborted";
    else if (turns.length >= maxTurns) stopReason = "budget_exhausted";
    else if (maxTokens !== undefined && usage.completionTokens >= maxTokens) stopReason = "token_budget";
    if (stopReason) break;

    const policyStarted = clock();
    let turn: AssistantTurn;
    try {
      turn = await policy.next({ messages: messages.slice(), tools, ...options.sampling, ...(signal ? { signal } : {}) });
    } catch (thrown) {
      stopReason = signal?.aborted ? "aborted" : "policy_error";
      error = thrown instanceof Error ? thrown.message : String(thrown);
      break;
    }
    const policyMs = elapsed(clock, policyStarted);
    if (turn.usage) {
      usage.promptTokens += turn.usage.promptTokens;
      usage.completionTokens += turn.usage.completionTokens;
    }

    const index = turns.length;
    const calls = withIds(turn.toolCalls, index);
    const assistant: Message =
      calls.length > 0 ? { role: "assistant", content: turn.content, toolCalls: calls } : { role: "assistant", content: turn.content };
    messages.push(assistant);

    const records: CallRecord[] = [];
    for (const call of calls) {
      const record = runToolCall(ctx, call);
      records.push(record);
      messages.push({ role: "tool", toolCallId: call.id, name: call.name, content: record.result });
    }
    turn.unparsed.forEach((attempt, n) => {
      const record = unparsedCall(`unparsed_${index}_${n}`, attempt);
      records.push(record);
      messages.push({ role: "tool", toolCallId: record.id, name: UNPARSED_TOOL_NAME, content: record.result });
    });
    turns.push(turnRecord(index, turn, records, policyMs));

    if (records.length === 0) {
      finalAnswer = turn.content;
      stopReason = "final_answer";
    }
  }

  const trace: Trace = {
    traceVersion: TRACE_VERSION,
    episodeId: options.episodeId ?? `${options.taskId}#${options.seed}`,
    taskId: options.taskId,
    scenario: options.scenario,
    seed: options.seed,
    policyId: policy.id,
    surface: surface.name,
    tools: [...options.toolNames],
    messages,
    turns,
    finalAnswer,
    stopReason,
    usage,
    turnCount: turns.length,
    toolCallCount: turns.reduce((n, t) => n + t.calls.length, 0),
    timing: { startedAt: new Date(startedAt).toISOString(), durationMs: elapsed(clock, startedAt) },
  };
  if (error !== undefined) trace.error = error;
  return trace;
}

/** Name on tool messages that answer a call the policy could not parse. */
export const UNPARSED_TOOL_NAME = "unparsed_tool_call";

/** Every call gets a unique id: policies may omit ids or repeat them. */
function withIds(calls: readonly ToolCall[], turn: number): ToolCall[] {
  const seen = new Set<string>();
  return calls.map((call, n) => {
    const id = call.id && !seen.has(call.id) ? call.id : `call_${turn}_${n}`;
    seen.add(id);
    return id === call.id ? call : { ...call, id };
  });
}

function turnRecord(index: number, turn: AssistantTurn, calls: CallRecord[], policyMs: number): TurnRecord {
  return {
    index,
    content: turn.content,
    ...(turn.raw !== undefined ? { raw: turn.raw } : {}),
    ...(turn.finishReason !== undefined ? { finishReason: turn.finishReason } : {}),
    ...(turn.usage ? { usage: { promptTokens: turn.usage.promptTokens, completionTokens: turn.usage.completionTokens } } : {}),
    calls,
    timing: { policyMs },
  };
}
