/**
 * The load generator process: autocannon over keep-alive connections, apart from the server so the
 * two never share an event loop. Runs one load per IPC request and answers with its result.
 */
import autocannon from "autocannon";
import { urlOf } from "../mix/requests.js";
import { MIX_OPS, mixCall, remember, type EpisodeMemory } from "../mix/steps.js";
import { ADMIN_AUTHORIZATION } from "../mix/requests.js";
import type { LoadPlan, LoadRequest, LoadResult, MixLoad, SessionLoopLoad } from "./load-plan.js";

type Step = autocannon.Request;

interface MixContext {
  prefix?: string;
  episode?: number;
  memory?: EpisodeMemory;
}

interface LoopContext {
  sessionId?: string;
}

/** A new object per request: autocannon writes `content-length` into the headers object it is given. */
function jsonHeaders(): Record<string, string> {
  return { "content-type": "application/json", accept: "application/json", authorization: ADMIN_AUTHORIZATION };
}

function rememberPage(body: string, ctx: MixContext): void {
  try {
    remember("createPage", JSON.parse(body) as unknown, ctx.memory ?? (ctx.memory = {}));
  } catch {
    // The bare server answers a fixed body: nothing to remember.
  }
}

/** The session id of a `POST /sessions` answer, without parsing the whole (large: it lists the tools) body. */
function sessionIdOf(body: string): string {
  return /"sessionId"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? "missing";
}

function mixSteps(load: MixLoad): Step[] {
  let nextSession = 0;
  const steps: Step[] = [];
  for (let round = 0; round < load.roundsPerEpisode; round++) {
    for (const op of MIX_OPS) {
      const first = round === 0 && op === MIX_OPS[0];
      steps.push({
        setupRequest: (request, context) => {
          const ctx = context as MixContext;
          if (first) {
            const index = nextSession++;
            ctx.episode = index;
            ctx.prefix = `/s/${load.sessionIds[index % load.sessionIds.length]}`;
            ctx.memory = {};
          }
          const call = mixCall(load.plan, op, ctx.episode ?? 0, round, ctx.memory ?? {});
          const out: Step = { ...request, method: call.method, path: urlOf(call, ctx.prefix ?? ""), headers: jsonHeaders() };
          if (call.body !== undefined) out.body = JSON.stringify(call.body);
          else delete out.body;
          return out;
        },
        // Only where a later call needs the answer: autocannon collects a response body only for steps that read it.
        ...(op === "createPage"
          ? { onResponse: (_status: number, body: string, context: object) => rememberPage(body, context as MixContext) }
          : {}),
      });
    }
  }
  return steps;
}

function loopSteps(load: SessionLoopLoad): Step[] {
  const steps: Step[] = [];
  for (const episode of load.episodes) {
    steps.push({
      method: "POST",
      path: "/sessions",
      headers: jsonHeaders(),
      body: JSON.stringify(episode.spec),
      onResponse: (_status, body, context) => {
        (context as LoopContext).sessionId = sessionIdOf(body);
      },
    });
    for (const call of episode.calls) {
      steps.push({
        setupRequest: (request, context) => ({
          ...request,
          method: "POST",
          path: `/sessions/${(context as LoopContext).sessionId ?? "missing"}/tools/${call.name}`,
          headers: jsonHeaders(),
          body: call.argumentsText,
        }),
      });
    }
    steps.push({
      setupRequest: (request, context) => {
        const out: Step = {
          ...request,
          method: "DELETE",
          path: `/sessions/${(context as LoopContext).sessionId ?? "missing"}`,
          headers: {},
        };
        delete out.body;
        return out;
      },
    });
  }
  return steps;
}

function stepsOf(plan: LoadPlan): Step[] {
  return plan.kind === "mix" ? mixSteps(plan) : loopSteps(plan);
}

async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.durationSec,
    pipelining: 1,
    requests: stepsOf(request.plan),
  });
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith("2")) statusCounts[code] = stat.count ?? 0;
  }
  return {
    type: "result",
    requestsPerSec: result.requests.total / result.duration,
    requests: result.requests.total,
    durationSec: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
    statusCounts,
  };
}

process.on("message", (message: LoadRequest) => {
  if (message.type !== "run") return;
  runLoad(message).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ type: "error", error: String(error) }),
  );
});
process.send?.({ type: "ready" });
