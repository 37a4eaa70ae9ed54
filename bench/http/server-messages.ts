/** IPC messages between the benchmark and its server processes. */

export interface Ready {
  type: "ready";
  port: number;
}

export interface OpenSessions {
  type: "open";
  /** Drop every live session first, then open this many on the benchmark task. */
  count: number;
}

export interface Opened {
  type: "opened";
  ids: string[];
  micros: number;
}

export function isReady(message: unknown): message is Ready {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "ready";
}

export function isOpened(message: unknown): message is Opened {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "opened";
}
