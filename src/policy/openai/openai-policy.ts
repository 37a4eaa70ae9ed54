/**
 * A policy served by any OpenAI-compatible chat-completions endpoint (vLLM, SGLang, llama.cpp server, Ollama, hosted
 * APIs). Non-streaming requests; per-attempt timeout; retries with exponential backoff and jitter on 408/409/429/5xx,
 * network errors and timeouts, honouring Retry-After; at most `concurrency` requests in flight per policy instance.
 * `toolFormat: "native"` sends `tools` with `tool_choice: "auto"` and reads `tool_calls`; `"text"` writes the tools
 * into the prompt and parses calls from the reply text.
 */
import { Rng } from "../../util/rng.js";
import { PolicyError } from "../errors.js";
import { Semaphore } from "../semaphore.js";
import type { AssistantTurn, Policy, PolicyRequest } from "../types.js";
import { readCompletion } from "./completion-reader.js";
import { isRetryableStatus, parseRetryAfter, retryDelayMs, sleep, type BackoffOptions } from "./retry.js";
import { toTextModeMessages } from "./text-mode.js";
import { toWireMessages, toWireTools, type WireRequest } from "./wire.js";

export interface OpenAIPolicyOptions {
  /** API root including the version, e.g. `http://127.0.0.1:8000/v1`; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer ...` when set. */
  apiKey?: string;
  /** Recorded in traces; defaults to `openai:<model>`. */
  id?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
  /** Default `native`. */
  toolFormat?: "native" | "text";
  /** Per attempt, in milliseconds. Default 120 s. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  /** Requests in flight at once, over all calls of this instance. Default 4. */
  concurrency?: number;
  /** Jitter source in [0, 1). Default: a generator seeded with `seed` (or 0), so runs repeat. */
  random?: () => number;
  /** Replaceable for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told about every retry before its wait. */
  onRetry?: (event: RetryEvent) => void;
  /** Merged into every request body (server-specific parameters). */
  extraBody?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  error: PolicyError;
}

export class OpenAIPolicy implements Policy {
  readonly id: string;
  private readonly url: string;
  private readonly slots: Semaphore;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleepImpl: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: OpenAIPolicyOptions) {
    this.id = options.id ?? `openai:${options.model}`;
    this.url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    this.slots = new Semaphore(options.concurrency ?? 4);
    const rng = new Rng(`openai-backoff:${options.seed ?? 0}`);
    this.random = options.random ?? (() => rng.next());
    this.fetchImpl = options.fetch ?? fetch;
    this.sleepImpl = options.sleep ?? sleep;
  }

  async next(request: PolicyRequest): Promise<AssistantTurn> {
    const body = this.requestBody(request);
    const turn = request.messages.filter((message) => message.role === "assistant").length;
    const responseBody = await this.withRetries((signal) => this.post(body, signal), request.signal);
    return readCompletion(responseBody, { idPrefix: `call_${turn}_` });
  }

  /** The exact JSON body sent for a request (also useful to inspect text mode's prompt). */
  requestBody(request: PolicyRequest): WireRequest {
    const o = this.options;
    const text = o.toolFormat === "text";
    const body: WireRequest = {
      model: o.model,
      messages: text ? toTextModeMessages(request.messages, request.tools) : toWireMessages(request.messages),
      stream: false,
      ...o.extraBody,
    };
    if (!text && request.tools.length > 0) {
      body.tools = toWireTools(request.tools);
      body.tool_choice = "auto";
    }
    const temperature = request.temperature ?? o.temperature;
    const maxTokens = request.maxTokens ?? o.maxTokens;
    const seed = request.seed ?? o.seed;
    if (temperature !== undefined) body.temperature = temperature;
    if (o.topP !== undefined) body.top_p = o.topP;
    if (maxTokens !== undefined) body.max_tokens = maxTokens;
    if (seed !== undefined) body.seed = seed;
    if (o.stop !== undefined && o.stop.length > 0) body.stop = o.stop;
    return body;
  }

  private async withRetries<T>(attempt: (signal: AbortSignal) => Promise<T>, callerSignal: AbortSignal | undefined): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 4;
    for (let retry = 0; ; retry++) {
      try {
        // The slot is held for one attempt only: waiting out a backoff does not block other episodes.
        return await this.slots.run(() => this.timed(attempt, callerSignal));
      } catch (error) {
        const failure = asPolicyError(error, callerSignal);
        failure.attempts = retry + 1;
        if (!failure.retryable || retry >= maxRetries) throw failure;
        const delayMs = retryDelayMs(retry, failure.retryAfterMs, this.options.backoff ?? {}, this.random);
        this.options.onRetry?.({ retry: retry + 1, delayMs, error: failure });
        try {
          await this.sleepImpl(delayMs, callerSignal);
        } catch (abort) {
          throw asPolicyError(abort, callerSignal);
        }
      }
    }
  }

  /** One attempt under its own timeout, also cut short by the caller's signal. */
  private async timed<T>(attempt: (signal: AbortSignal) => Promise<T>, callerSignal: AbortSignal | undefined): Promise<T> {
    callerSignal?.throwIfAborted();
    const timeoutMs = this.options.timeoutMs ?? 120_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    try {
      return await attempt(signal);
    } catch (error) {
      if (timeout.aborted && !callerSignal?.aborted) {
        throw new PolicyError(`no response from ${this.url} within ${timeoutMs} ms`, { retryable: true, cause: error });
      }
      throw error;
    }
  }

  private async post(body: WireRequest, signal: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...this.options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const response = await this.fetchImpl(this.url, { method: "POST", headers, body: JSON.stringify(body), signal });
    const text = await response.text();
    if (!response.ok) {
      throw new PolicyError(`${this.url} answered ${response.status}: ${errorMessage(text)}`, {
        status: response.status,
        retryable: isRetryableStatus(response.status),
        retryAfterMs: parseRetryAfter(response.headers),
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new PolicyError(`${this.url} answered ${response.status} with a body that is not JSON`, { retryable: false, cause: error });
    }
  }
}

/** Anything thrown by an attempt, as a PolicyError: network failures may pass on retry, a caller's abort never. */
function asPolicyError(error: unknown, callerSignal: AbortSignal | undefined): PolicyError {
  if (error instanceof PolicyError) return error;
  if (callerSignal?.aborted) return new PolicyError("request aborted by the caller", { retryable: false, cause: error });
  const detail =
    error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
  return new PolicyError(`network error: ${detail}`, { retryable: true, cause: error });
}

/** OpenAI-style `{"error": {"message": ...}}` when the server sends it, else the body's start. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
    if (typeof parsed.error?.message === "string") return parsed.error.message;
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 500) || "(empty body)";
}
