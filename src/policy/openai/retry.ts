/**
 * When to retry a chat-completions request and how long to wait: exponential backoff with jitter, or exactly the
 * wait the server asked for (Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms).
 * The jitter comes from an injected random source so seeded runs and tests repeat exactly.
 */

export interface BackoffOptions {
  /** Wait before the first retry. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap of the exponential wait. Default 20 s. */
  maxDelayMs?: number;
  /** Fraction of the wait that is random: the wait lies in [base * (1 - jitter), base]. Default 0.5. */
  jitter?: number;
  /** A server-requested wait longer than this is ignored in favour of the backoff. Default 60 s. */
  maxRetryAfterMs?: number;
}

/** Request timeouts, rate limits and server errors may pass; other client errors will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Milliseconds to wait before retry number `retry` (0 for the first retry). */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, options: BackoffOptions, random: () => number): number {
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= maxRetryAfter) return retryAfterMs;
  const base = Math.min(options.maxDelayMs ?? 20_000, (options.initialDelayMs ?? 500) * 2 ** retry);
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  return Math.round(base * (1 - jitter * random()));
}

/** The server's requested wait in milliseconds, if its headers carry one. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get("retry-after-ms");
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Math.round(Number(milliseconds));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A timer that an abort signal cuts short (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
