import type { Exchange, RenderOptions } from "./types.js";
import { cut, trimJson } from "./trim.js";

export const DEFAULT_RESULT_CHARS = 4000;

/** `GET /wiki/api/v2/spaces?keys=DEV`: a request in one line, as logs and results show it. */
export function describeCall(call: { method: string; path: string; query: Readonly<Record<string, string | readonly string[]>> }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(call.query)) {
    for (const v of typeof value === "string" ? [value] : value) params.append(key, v);
  }
  const search = params.toString();
  return `${call.method} ${call.path}${search ? `?${search}` : ""}`;
}

/**
 * The tool result of one call: the status and body of its last response as the API returned
 * them (trimmed structurally to `maxChars`), preceded by one line per earlier lookup request.
 */
export function renderExchanges(exchanges: readonly Exchange[], options: RenderOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_RESULT_CHARS;
  const last = exchanges[exchanges.length - 1];
  if (!last) return "";
  const lookups = exchanges
    .slice(0, -1)
    .map((e) => `${describeCall(e.request)} -> HTTP ${e.response.status}\n`)
    .join("");
  const status = `HTTP ${last.response.status}`;
  if (last.response.body === undefined) return cut(`${lookups}${status} (no content)`, maxChars);
  const head = `${lookups}${status}`;
  const budget = maxChars - head.length - TRIM_NOTE.length - 1;
  if (budget <= 0) return cut(`${head}\n${JSON.stringify(last.response.body) ?? ""}`, maxChars);
  const body = trimJson(last.response.body, budget);
  return `${head}${body.trimmed ? TRIM_NOTE : ""}\n${body.text}`;
}

const TRIM_NOTE = " (body trimmed to fit: arrays, long strings and deep objects shortened where marked …)";
