/** Plain HTTP values: the emulator's whole interface, shared by the server and in-process callers. */

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";

/** A query string as parsed: repeated keys (`fields=a&fields=b`) become arrays. */
export type Query = Readonly<Record<string, string | readonly string[]>>;

export interface EmuRequest {
  method: string;
  /** Path without query string, e.g. `/rest/api/3/issue/PROJ-1`. */
  path: string;
  query?: Query;
  /** Header names in lower case. */
  headers?: Readonly<Record<string, string | undefined>>;
  /** Raw request body text as received over HTTP. */
  rawBody?: string;
  /** Already-parsed JSON body (in-process callers); takes precedence over `rawBody`. */
  json?: unknown;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; `undefined` for empty responses (204). */
  body?: unknown;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): EmuResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): EmuResponse {
  return { status: 204 };
}

/** Splits `/a/b?x=1&x=2&y=3` into a path and a `Query`. */
export function splitUrl(url: string): { path: string; query: Query } {
  const q = url.indexOf("?");
  if (q < 0) return { path: url, query: {} };
  return { path: url.slice(0, q), query: parseQuery(url.slice(q + 1)) };
}

export function parseQuery(search: string): Query {
  // A null-prototype object: keys such as `__proto__` or `constructor` are plain data here.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(search)) {
    const prev = Object.hasOwn(out, key) ? out[key] : undefined;
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

/** First value of a query parameter. */
export function queryOne(query: Query | undefined, name: string): string | undefined {
  const v = query?.[name];
  if (v === undefined) return undefined;
  return typeof v === "string" ? v : v[0];
}

/** All values of a query parameter, with comma-separated lists split (`fields=a,b&fields=c`). */
export function queryList(query: Query | undefined, name: string): string[] {
  const v = query?.[name];
  if (v === undefined) return [];
  const raw = typeof v === "string" ? [v] : v;
  return raw
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function headerOf(req: EmuRequest, name: string): string | undefined {
  return req.headers?.[name.toLowerCase()];
}
