/**
 * Re-plays an episode's requests on a fresh fork of the task's start state. The responses
 * computed here are the only ones the reward trusts; whatever the trace logged is ignored.
 */
import { emulator, handle, type EmuResponse, type Operation, type Site } from "../emulator/index.js";
import { Router } from "../emulator/router.js";
import { asAdmin } from "../scenarios/world.js";
import type { Json } from "../scenarios/types.js";
import type { Episode, EpisodeRequest } from "./episode.js";
import { canonicalJson } from "./values.js";

/** One request as re-played, with what the emulator answered this time. */
export interface Replayed {
  /** Position among all re-played requests. */
  seq: number;
  /** Index of the tool call that made the request. */
  call: number;
  request: EpisodeRequest;
  /** The operation the request routes to (undefined: no such endpoint). */
  operation?: Operation;
  params: Readonly<Record<string, string>>;
  status: number;
  body: unknown;
  /** A successful request to a mutating operation. */
  wrote: boolean;
  /** Successful writes made before this request: equal epochs mean an unchanged site. */
  epoch: number;
  /** Method, path, query and body as canonical text (identical requests, identical text). */
  fingerprint: string;
}

/** What request arguments look like to goal checks: `params.*`, `query.*`, `body.*`. */
export interface RequestView {
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | readonly string[]>>;
  body: unknown;
}

export function viewOf(r: Pick<Replayed, "params" | "request">): RequestView {
  return { params: r.params, query: r.request.query ?? {}, body: r.request.body };
}

const router = new Router(emulator.operations);

export function routeOf(method: string, path: string): { operation?: Operation; params: Readonly<Record<string, string>> } {
  const match = router.match(method.toUpperCase(), path);
  return match.kind === "match" ? { operation: match.operation, params: match.params } : { params: {} };
}

/** Re-plays every credited request (calls before the final answer) on `site`, in order. */
export function replay(site: Site, episode: Episode): Replayed[] {
  const out: Replayed[] = [];
  let epoch = 0;
  episode.calls.forEach((call, index) => {
    if (call.afterFinal) return;
    for (const request of call.requests) {
      const response = send(site, request);
      const { operation, params } = routeOf(request.method, request.path);
      const wrote = response.status < 400 && operation?.mutates === true;
      const replayed: Replayed = {
        seq: out.length,
        call: index,
        request,
        params,
        status: response.status,
        body: response.body,
        wrote,
        epoch,
        fingerprint: fingerprintOf(request),
      };
      if (operation) replayed.operation = operation;
      out.push(replayed);
      if (wrote) epoch++;
    }
  });
  return out;
}

function send(site: Site, request: EpisodeRequest): EmuResponse {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.query ?? {})) query[k] = typeof v === "string" ? v : [...v];
  const data = { method: request.method.toUpperCase(), path: request.path, query, json: request.body as Json | undefined };
  return handle(site, asAdmin(data));
}

export function fingerprintOf(request: EpisodeRequest): string {
  return `${request.method.toUpperCase()} ${request.path} ${canonicalJson(request.query ?? {})} ${canonicalJson(request.body ?? null)}`;
}
