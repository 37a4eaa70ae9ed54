/**
 * Re-plays an episode's requests on a fresh fork of the task's start state. The responses
 * computed here are the only ones the reward trusts; whatever the trace logged is ignored.
 */
import { emulator, handle, type EmuResponse, type Operation, type Site } from "../emulator/index.js";
import { Router } from "../emulator/router.js";
import { asAdmin } from "../scenarios/world.js";
import type { Json } from "../scenarios/types.js";
import type { Episode, EpisodeRequest } from "./episode.js";
import { extendHistory, readMemo, writeMemo } from "./memo.js";
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

export interface ReplayResult {
  requests: Replayed[];
  /** Key of the successful-write history at the end (with the start-state key: the final state). */
  history: string;
  /** The site after every credited request, built only if someone asks (memo hits need none). */
  finalState: () => Site;
}

/**
 * A site that exists only once needed: memoised responses let a replay skip the emulator, and
 * the site is then rebuilt from the successful writes seen so far on the first memo miss.
 */
class LazySite {
  private site: Site | undefined;
  private readonly pending: EpisodeRequest[] = [];

  constructor(private readonly start: () => Site) {}

  get(): Site {
    if (!this.site) {
      const site = this.start();
      for (const request of this.pending) {
        const response = send(site, request);
        if (response.status >= 400)
          throw new Error(`memoised write did not replay: ${request.method} ${request.path} -> ${response.status}`);
      }
      this.pending.length = 0;
      this.site = site;
    }
    return this.site;
  }

  /** A successful write whose response came from the memo: apply it now or when the site is built. */
  applyLater(request: EpisodeRequest): void {
    if (this.site) send(this.site, request);
    else this.pending.push(request);
  }
}

/**
 * Re-plays every credited request (calls before the final answer) from the task's start state,
 * in order. Responses come from the memo (keyed by `stateKey`, the write history and the
 * request) or from the emulator.
 */
export function replay(start: () => Site, episode: Episode, stateKey: string): ReplayResult {
  const out: Replayed[] = [];
  const site = new LazySite(start);
  let epoch = 0;
  let history = "";
  episode.calls.forEach((call, index) => {
    if (call.afterFinal) return;
    for (const request of call.requests) {
      const { operation, params } = routeOf(request.method, request.path);
      const fingerprint = fingerprintOf(request);
      const memo = operation?.mutates ? writeMemo : readMemo;
      const key = `${stateKey}|${history}|${fingerprint}`;
      let response = memo.peek(key);
      const fromMemo = response !== undefined;
      if (!response) {
        response = send(site.get(), request);
        memo.set(key, response);
      }
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
        fingerprint,
      };
      if (operation) replayed.operation = operation;
      out.push(replayed);
      if (wrote) {
        if (fromMemo) site.applyLater(request);
        epoch++;
        history = extendHistory(history, fingerprint);
      }
    }
  });
  return { requests: out, history, finalState: () => site.get() };
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
