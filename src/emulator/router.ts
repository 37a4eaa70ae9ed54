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
  private readonly bySegmentCount = new Map<number, CompiledRoute[]>();

  constructor(operations: readonly Operation[]) {
    for (const operation of operations) {
      const segments = operation.path.split("/").slice(1);
      const paramNames = segments.map((s) => (s.startsWith("{") && s.endsWith("}") ? s.slice(1, -1) : null));
      const routes = this.bySegmentCount.get(segments.length) ?? [];
      routes.push({ operation, segments, paramNames });
      this.bySegmentCount.set(segments.length, routes);
    }
    for (const routes of this.bySegmentCount.values()) routes.sort(bySpecificity);
  }

  match(method: string, path: string): RouteMatch {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    const segments = trimmed.split("/").slice(1);
    const routes = this.bySegmentCount.get(segments.length);
    if (!routes) return { kind: "notFound" };
    const allowed: string[] = [];
    let pathMatched = false;
    for (const route of routes) {
      const params = matchSegments(route, segments);
      if (!params) continue;
      if (route.operation.method === method) return { kind: "match", operation: route.operation, params };
      // A literal route matched by path but not method must not shadow a parameter route.
      pathMatched = true;
      allowed.push(route.operation.method);
    }
    return pathMatched ? { kind: "methodNotAllowed", allowed } : { kind: "notFound" };
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
