import type { Operation } from "./operation.js";

interface CompiledRoute {
  operation: Operation;
  segments: readonly string[];
  /** Template parameter name per segment, or null for a literal segment. */
  paramNames: readonly (string | null)[];
}

export type RouteMatch =
  | { kind: "match"; operation: Operation; params: Record<string, string> }
  | { kind: "methodNotAllowed"; allowed: string[] }
  | { kind: "notFound" };

/**
 * Matches a method and path against path templates. Literal segments beat parameters
 * (`/issue/createmeta/...` before `/issue/{issueIdOrKey}/...`), left to right.
 */
export class Router {
  /** Routes without parameters, by `METHOD /path`: one map lookup for calls like `/myself`. */
  private readonly literal = new Map<string, Operation>();
  /** Parameterised routes by method, then segment count, most specific first. */
  private readonly byMethod = new Map<string, Map<number, CompiledRoute[]>>();

  constructor(operations: readonly Operation[]) {
    for (const operation of operations) {
      const segments = operation.path.split("/").slice(1);
      const paramNames = segments.map((s) => (s.startsWith("{") && s.endsWith("}") ? s.slice(1, -1) : null));
      if (paramNames.every((n) => n === null)) this.literal.set(`${operation.method} ${operation.path}`, operation);
      let byCount = this.byMethod.get(operation.method);
      if (!byCount) this.byMethod.set(operation.method, (byCount = new Map()));
      const routes = byCount.get(segments.length) ?? [];
      routes.push({ operation, segments, paramNames });
      byCount.set(segments.length, routes);
    }
    for (const byCount of this.byMethod.values()) for (const routes of byCount.values()) routes.sort(bySpecificity);
  }

  match(method: string, path: string): RouteMatch {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    const exact = this.literal.get(`${method} ${trimmed}`);
    if (exact) return { kind: "match", operation: exact, params: Object.create(null) as Record<string, string> };
    const segments = trimmed.split("/").slice(1);
    const found = this.find(method, segments);
    if (found) return { kind: "match", operation: found.route.operation, params: found.params };
    // Slow path, errors only: which other methods would have served this path?
    const allowed: string[] = [];
    for (const other of this.byMethod.keys()) if (other !== method && this.find(other, segments)) allowed.push(other);
    return allowed.length > 0 ? { kind: "methodNotAllowed", allowed } : { kind: "notFound" };
  }

  private find(method: string, segments: readonly string[]): { route: CompiledRoute; params: Record<string, string> } | undefined {
    const routes = this.byMethod.get(method)?.get(segments.length);
    if (!routes) return undefined;
    for (const route of routes) {
      const params = matchSegments(route, segments);
      if (params) return { route, params };
    }
    return undefined;
  }
}

function matchSegments(route: CompiledRoute, segments: readonly string[]): Record<string, string> | null {
  let params: Record<string, string> | null = null;
  for (let i = 0; i < segments.length; i++) {
    const name = route.paramNames[i];
    const segment = segments[i]!;
    if (name === null || name === undefined) {
      if (route.segments[i] !== segment) return null;
    } else {
      if (segment.length === 0) return null;
      params ??= Object.create(null) as Record<string, string>;
      params[name] = safeDecode(segment);
    }
  }
  return params ?? (Object.create(null) as Record<string, string>);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < a.paramNames.length; i++) {
    const aLiteral = a.paramNames[i] === null;
    const bLiteral = b.paramNames[i] === null;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}
