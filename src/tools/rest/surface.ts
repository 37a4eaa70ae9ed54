/**
 * The `rest` surface: one tool per registered emulator operation, generated from the
 * operation's own schemas. Arguments: path and query parameters flat at the top level (query
 * parameters move under `query` only if a name would clash), the JSON body under `body`
 * exactly as the API takes it, so `body.fields.project.key` or `body.version.number` keep
 * the real nesting.
 */
import type { Operation } from "../../emulator/operation.js";
import type { ToolSpec } from "../../policy/types.js";
import { asArgs, isPlainObject, kindOf, own, unknownArgument, violation, type Args } from "../args.js";
import { compactSchema } from "../compact-schema.js";
import { toolNameOf } from "../names.js";
import { renderExchanges } from "../render.js";
import type { HttpCall, Rejection, ToolMapping, ToolSurface } from "../types.js";
import { buildSpec, layoutOf, type RestLayout } from "./layout.js";

export function createRestSurface(operations: readonly Operation[]): ToolSurface {
  const layouts = new Map<string, RestLayout>();
  for (const operation of operations) {
    if (operation.removed) continue;
    let name = toolNameOf(operation.id);
    for (let n = 2; layouts.has(name); n++) name = `${toolNameOf(operation.id).slice(0, 60)}_${n}`;
    layouts.set(name, layoutOf(operation, name));
  }
  const specs = new Map<string, ToolSpec>([...layouts].map(([name, layout]) => [name, buildSpec(layout, compactSchema)]));
  const names = [...layouts.keys()];

  return {
    name: "rest",
    names,
    has: (name) => layouts.has(name),
    tools(selected = names) {
      return selected.map((name) => {
        const spec = specs.get(name);
        if (!spec) throw new Error(`the rest surface has no tool '${name}' (is its operation registered?)`);
        return spec;
      });
    },
    toRequest(name, args): ToolMapping {
      const layout = layouts.get(name);
      if (!layout) return { ok: false, label: "unknown_tool", reason: `Unknown tool '${name}'.` };
      return toHttpCall(layout, args);
    },
    renderResult: renderExchanges,
  };
}

/** The operation's request from tool arguments; only the envelope is checked here, the API validates the rest. */
export function toHttpCall(layout: RestLayout, raw: unknown): ToolMapping {
  const read = asArgs(raw);
  if (!read.ok) return read;
  const args = read.args;
  const unknown = unknownArgument(args, layout.argumentNames, layout.hasBody ? "The JSON request body goes under 'body'." : "");
  if (unknown) return unknown;

  const path = buildPath(layout, args);
  if (typeof path !== "string") return path;

  let querySource: Args = args;
  if (layout.queryGrouped) {
    const grouped = own(args, "query");
    if (grouped !== undefined && grouped !== null && !isPlainObject(grouped)) return violation(`Argument 'query' must be an object.`);
    querySource = isPlainObject(grouped) ? grouped : {};
    const stray = unknownArgument(querySource, new Set(layout.queryParams));
    if (stray) return stray;
  }
  const query = buildQuery(layout.queryParams, querySource);
  if (!query.ok) return query;

  const call: HttpCall = { method: layout.operation.method, path, query: query.query };
  const body = layout.hasBody ? own(args, "body") : undefined;
  if (body !== undefined) call.body = body;
  return { ok: true, request: call };
}

function buildPath(layout: RestLayout, args: Args): string | Rejection {
  let path = "";
  for (const segment of layout.segments) {
    if (segment.param === null) {
      path += `/${segment.literal}`;
      continue;
    }
    const value = own(args, segment.param);
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== "string" || text === "") {
      return violation(`Missing required argument '${segment.param}' (a non-empty string; got ${kindOf(value)}).`);
    }
    path += `/${encodeURIComponent(text)}`;
  }
  return path;
}

function buildQuery(names: readonly string[], source: Args): { ok: true; query: Record<string, string | string[]> } | Rejection {
  const entries: Array<[string, string | string[]]> = [];
  for (const name of names) {
    const value = own(source, name);
    if (value === undefined || value === null) continue;
    if (isScalar(value)) entries.push([name, String(value)]);
    else if (Array.isArray(value) && value.every(isScalar)) entries.push([name, value.map(String)]);
    else return violation(`Argument '${name}' is a query parameter: a string, number, boolean or an array of them (got ${kindOf(value)}).`);
  }
  return { ok: true, query: Object.fromEntries(entries) };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}
