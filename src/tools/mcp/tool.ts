/** The shape of one MCP-style tool and a reader for its untrusted arguments. */
import type { JsonSchema } from "../../emulator/operation.js";
import type { HttpMethod } from "../../emulator/http.js";
import { isPlainObject, kindOf, own, violation, type Args } from "../args.js";
import type { CallStep, HttpCall, Rejection, ToolMapping } from "../types.js";

/** An operation a tool needs, by method and path template (as the emulator registers it). */
export type Route = readonly [HttpMethod, string];

export interface McpTool {
  name: string;
  description: string;
  /** Properties of the arguments object: the MCP server's own names and types. */
  properties: Record<string, JsonSchema>;
  required: readonly string[];
  /** Enabled only when every route is registered in the emulator. */
  routes: readonly Route[];
  plan(args: ArgReader): ToolMapping;
}

export const str = (description: string): JsonSchema => ({ type: "string", description });
export const int = (description: string): JsonSchema => ({ type: "integer", description });
export const bool = (description: string): JsonSchema => ({ type: "boolean", description });

export function step(request: HttpCall, then?: CallStep["then"]): CallStep {
  return then ? { ok: true, request, then } : { ok: true, request };
}

export function get(path: string, query: Record<string, string | string[] | undefined> = {}): HttpCall {
  return { method: "GET", path, query: definedOnly(query) };
}

export function send(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  query: Record<string, string | undefined> = {},
): HttpCall {
  const call: HttpCall = { method, path, query: definedOnly(query) };
  if (body !== undefined) call.body = body;
  return call;
}

function definedOnly(query: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}

/** A path segment from an untrusted value. */
export const seg = (value: string): string => encodeURIComponent(value);

/**
 * Reads arguments like the MCP server's parameter validation: strings (numbers accepted as
 * their text), optional values where null or "" mean absent, JSON given as an object or as a
 * JSON string. The first problem is kept in `error`; reads after it return placeholders.
 */
export class ArgReader {
  error: Rejection | undefined;

  constructor(readonly args: Args) {}

  private fail(reason: string): void {
    this.error ??= violation(reason);
  }

  /** A required string; an empty one is passed on for the API to judge, as the server does. */
  str(name: string): string {
    const value = own(this.args, name);
    if (value === undefined || value === null) {
      this.fail(`Missing required argument '${name}'.`);
      return "";
    }
    return this.text(name, value) ?? "";
  }

  /** A required key or id (issue key, page id, ...): an empty one is a violation, as the server's patterns make it. */
  id(name: string): string {
    const value = this.str(name);
    if (value.trim() === "") this.fail(`Argument '${name}' must be a non-empty key or id.`);
    return value;
  }

  /** An optional string; null and "" mean absent. */
  optStr(name: string): string | undefined {
    const value = own(this.args, name);
    if (value === undefined || value === null || value === "") return undefined;
    return this.text(name, value);
  }

  private text(name: string, value: unknown): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    this.fail(`Argument '${name}' must be a string (got ${kindOf(value)}).`);
    return undefined;
  }

  optInt(name: string, min: number, max: number): number | undefined {
    const value = own(this.args, name);
    if (value === undefined || value === null) return undefined;
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
      this.fail(`Argument '${name}' must be an integer from ${min} to ${max}.`);
      return undefined;
    }
    return n;
  }

  optBool(name: string): boolean | undefined {
    const value = own(this.args, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    this.fail(`Argument '${name}' must be a boolean.`);
    return undefined;
  }

  /** An object given as such or as a JSON string of one. */
  optJsonObject(name: string): Args | undefined {
    const value = this.optJson(name);
    if (value === undefined || isPlainObject(value)) return value;
    this.fail(`Argument '${name}' must be a JSON object.`);
    return undefined;
  }

  optJsonArray(name: string): unknown[] | undefined {
    const value = this.optJson(name);
    if (value === undefined || Array.isArray(value)) return value;
    this.fail(`Argument '${name}' must be a JSON array.`);
    return undefined;
  }

  private optJson(name: string): unknown {
    const value = own(this.args, name);
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      this.fail(`Argument '${name}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
