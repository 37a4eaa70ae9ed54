/** A policy could not produce a turn (HTTP error, timeout, malformed reply). The agent loop ends the episode on it. */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
  /** HTTP status when the server answered. */
  readonly status: number | undefined;
  /** Whether another attempt may succeed (429, 5xx, network errors, timeouts). */
  readonly retryable: boolean;
  /** Wait the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** Attempts made before giving up; set on the error that ends the retries. */
  attempts = 1;

  constructor(message: string, options: { status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
