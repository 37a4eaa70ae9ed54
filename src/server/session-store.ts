import { randomBytes, timingSafeEqual } from "node:crypto";

export interface SessionStoreOptions {
  /** Idle time after which a session is dropped. */
  ttlMs: number;
  /** Most live sessions; creating one more fails with `SessionCapReached`. */
  maxSessions: number;
  /** Injectable clock (tests). */
  now?: () => number;
}

export interface StoredSession<T> {
  id: string;
  /** Per-session bearer token accepted on the session's REST prefix. */
  token: string;
  createdAt: number;
  lastUsedAt: number;
  value: T;
}

export class SessionCapReached extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many live sessions");
  }
}

/**
 * Live sessions by unguessable id (128 random bits), with idle expiry and a cap.
 * Expiry is checked lazily on access and by `sweep()`, which the server runs on a timer.
 */
export class SessionStore<T> {
  private readonly sessions = new Map<string, StoredSession<T>>();
  private readonly now: () => number;

  constructor(
    private readonly options: SessionStoreOptions,
    private readonly onDrop?: (session: StoredSession<T>) => void,
  ) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  create(value: T): StoredSession<T> {
    if (this.sessions.size >= this.options.maxSessions) {
      this.sweep();
      if (this.sessions.size >= this.options.maxSessions) throw new SessionCapReached(this.retryAfterSeconds());
    }
    const at = this.now();
    const session: StoredSession<T> = { id: newId(), token: newId(), createdAt: at, lastUsedAt: at, value };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touching its idle timer; undefined if unknown or expired. */
  get(id: string): StoredSession<T> | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastUsedAt > this.options.ttlMs) {
      this.drop(session);
      return undefined;
    }
    session.lastUsedAt = at;
    return session;
  }

  delete(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.drop(session);
    return true;
  }

  /** Drops every session idle for longer than the TTL; returns how many. */
  sweep(): number {
    const at = this.now();
    let dropped = 0;
    for (const session of this.sessions.values()) {
      if (at - session.lastUsedAt > this.options.ttlMs) {
        this.drop(session);
        dropped++;
      }
    }
    return dropped;
  }

  values(): IterableIterator<StoredSession<T>> {
    return this.sessions.values();
  }

  clear(): void {
    for (const session of [...this.sessions.values()]) this.drop(session);
  }

  private drop(session: StoredSession<T>): void {
    this.sessions.delete(session.id);
    this.onDrop?.(session);
  }

  /** Seconds until the stalest session expires: when a slot will free up at the latest. */
  private retryAfterSeconds(): number {
    let oldest = Infinity;
    for (const s of this.sessions.values()) oldest = Math.min(oldest, s.lastUsedAt);
    const ms = Number.isFinite(oldest) ? oldest + this.options.ttlMs - this.now() : this.options.ttlMs;
    return Math.max(1, Math.ceil(ms / 1000));
  }
}

function newId(): string {
  return randomBytes(16).toString("base64url");
}

/** Constant-time comparison of secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
