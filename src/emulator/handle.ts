import type { EmuRequest, EmuResponse } from "./http.js";
import { headerOf } from "./http.js";
import type { Operation, Product } from "./operation.js";
import { Router } from "./router.js";
import type { Site } from "./site.js";
import type { User } from "./core/users.js";
import { validateBody, validateQuery } from "./validate.js";

/** Largest request body accepted (bytes of text); larger bodies get 413. */
export const MAX_BODY_BYTES = 1_048_576;
/** Deepest JSON nesting accepted; ADF documents stay far below this. */
export const MAX_JSON_DEPTH = 64;
/** Simulated time that one write takes on the site clock (keeps timestamps distinct and deterministic). */
export const WRITE_CLOCK_STEP_MS = 1000;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export interface Emulator {
  products: readonly Product[];
  operations: readonly Operation[];
  handle(site: Site, request: EmuRequest): EmuResponse;
}

/**
 * Builds the emulator over a set of products: `handle(site, request) -> response`.
 * Every request is atomic: when the response is an error, the site is left exactly as it was.
 */
export function createEmulator(products: readonly Product[]): Emulator {
  const routers = new Map(products.map((p) => [p, new Router(p.operations)]));
  const operations = products.flatMap((p) => p.operations);

  function handle(site: Site, request: EmuRequest): EmuResponse {
    const product = products.find((p) => p.owns(request.path));
    if (!product) return { status: 404, body: { message: "No API is served at this path." } };
    try {
      return handleFor(product, site, request);
    } catch (error) {
      return product.reject(request, { kind: "internalError", detail: String(error) });
    }
  }

  function handleFor(product: Product, site: Site, request: EmuRequest): EmuResponse {
    const method = request.method.toUpperCase();
    const caller = authenticate(site, request);
    if (!caller) return product.reject(request, { kind: "unauthorized" });

    const route = routers.get(product)!.match(method, request.path);
    if (route.kind === "notFound") return product.reject(request, { kind: "routeNotFound" });
    if (route.kind === "methodNotAllowed") {
      const response = product.reject(request, { kind: "methodNotAllowed" });
      return { ...response, headers: { ...response.headers, allow: route.allowed.join(", ") } };
    }
    const operation = route.operation;

    let args: Record<string, unknown> = {};
    if (operation.query) {
      const checked = validateQuery(operation.query, request.query ?? {});
      if (!checked.ok) return product.reject(request, { kind: "invalidQuery", schemaErrors: checked.errors, operation });
      args = checked.value;
    }

    let body: unknown = undefined;
    if (operation.body && BODY_METHODS.has(method)) {
      const parsed = readBody(request);
      if (parsed.kind !== "ok") return product.reject(request, { kind: parsed.kind, detail: parsed.detail, operation });
      body = parsed.value;
      const required = operation.bodyRequired ?? true;
      if (body === undefined) {
        if (required)
          return product.reject(request, { kind: "invalidBody", detail: "A request body is required.", schemaErrors: [], operation });
      } else {
        const checked = validateBody(operation.body, body);
        if (!checked.ok) return product.reject(request, { kind: "invalidBody", schemaErrors: checked.errors, operation });
      }
    }

    const ctx = { site, caller, params: route.params, query: request.query ?? {}, args, body, request };
    return site.transact(
      () => {
        if (operation.mutates) site.advanceClock(WRITE_CLOCK_STEP_MS);
        return operation.run(ctx);
      },
      (response) => response.status < 400,
    );
  }

  return { products, operations, handle };
}

type BodyRead = { kind: "ok"; value: unknown } | { kind: "malformedJson" | "unsupportedMediaType" | "payloadTooLarge"; detail: string };

function readBody(request: EmuRequest): BodyRead {
  if (request.json !== undefined) return { kind: "ok", value: request.json };
  const raw = request.rawBody;
  if (raw === undefined || raw.length === 0) return { kind: "ok", value: undefined };
  if (raw.length > MAX_BODY_BYTES) return { kind: "payloadTooLarge", detail: `Request body exceeds ${MAX_BODY_BYTES} bytes.` };
  const contentType = headerOf(request, "content-type");
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    return { kind: "unsupportedMediaType", detail: `Unsupported Media Type: ${contentType}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { kind: "malformedJson", detail: error instanceof Error ? error.message : String(error) };
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH) return { kind: "malformedJson", detail: `JSON nesting deeper than ${MAX_JSON_DEPTH} levels.` };
  return { kind: "ok", value };
}

/** Nesting depth of a parsed JSON value, iteratively (no recursion on hostile input). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Resolves the caller from `Authorization`: Basic base64(email:apiToken) or Bearer apiToken.
 * Deactivated accounts cannot authenticate.
 */
export function authenticate(site: Site, request: EmuRequest): User | undefined {
  const header = headerOf(request, "authorization");
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const credential = header.slice(space + 1).trim();
  if (scheme === "basic") {
    let decoded: string;
    try {
      decoded = Buffer.from(credential, "base64").toString("utf8");
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const email = decoded.slice(0, colon).toLowerCase();
    const token = decoded.slice(colon + 1);
    const user = findByToken(site, token);
    return user && user.emailAddress.toLowerCase() === email ? user : undefined;
  }
  if (scheme === "bearer") return findByToken(site, credential);
  return undefined;
}

function findByToken(site: Site, token: string): User | undefined {
  if (token.length === 0) return undefined;
  const admin = site.admin;
  if (admin.apiToken === token) return admin;
  for (const user of site.core.users.values()) if (user.apiToken === token && user.active) return user;
  return undefined;
}
