/**
 * `http.callsPerSec`, `http.bareNodePerSec`, `http.ratio`: the representative mix over HTTP keep-alive on loopback,
 * load from a separate process, against the atlasgym server and a bare Node server answering a fixed small JSON,
 * alternating in the same run. Each episode runs on its own session's site (`/s/{id}/...`, the real REST paths),
 * opened beforehand. A third server, bare Node answering each op with atlasgym's real body for it
 * (`payloadBarePerSec`), separates the cost of emulating from the cost of realistic response sizes.
 */
import { stopChild } from "../lib/processes.js";
import { spread, type Spread } from "../lib/stats.js";
import { benchStartState } from "../lib/world.js";
import { planMix } from "../mix/plan.js";
import { MIX_OPS } from "../mix/steps.js";
import type { LoadResult, MixLoad } from "../http/load-plan.js";
import { LoadGenerator, openSessions, startNodeServer } from "../http/servers.js";

export interface HttpOptions {
  runs: number;
  durationSec: number;
  connections: number;
  roundsPerEpisode: number;
}

export interface HttpResult {
  callsPerSec: Spread;
  bareNodePerSec: Spread;
  /** callsPerSec / bareNodePerSec of each run, summarised. */
  ratio: Spread;
  /** Bare Node answering atlasgym's real bodies, precomputed: the ceiling for responses of this size. */
  payloadBarePerSec: Spread;
  /** callsPerSec / payloadBarePerSec of each run. */
  payloadRatio: Spread;
  latencyMs: { atlasgymP50: number; atlasgymP99: number; bareP50: number; bareP99: number };
  /** Non-2xx answers of the atlasgym server over all runs (should be 0). */
  atlasgymNon2xx: number;
  statusCounts: Record<string, number>;
  connections: number;
  durationSec: number;
}

export async function measureHttp(options: HttpOptions): Promise<HttpResult> {
  const plan = planMix(benchStartState(), options.roundsPerEpisode);
  const callsPerEpisode = options.roundsPerEpisode * MIX_OPS.length;
  const [atlasgym, bare, payload, load] = await Promise.all([
    startNodeServer("atlasgym-server-child.ts"),
    startNodeServer("bare-server-child.ts"),
    startNodeServer("payload-server-child.ts"),
    LoadGenerator.start(),
  ]);
  try {
    let sessionsNeeded = 4000;
    const mixOn = async (ids: string[]): Promise<MixLoad> => ({
      kind: "mix",
      plan,
      roundsPerEpisode: options.roundsPerEpisode,
      sessionIds: ids,
    });
    const runAtlasgym = async (durationSec: number): Promise<LoadResult> => {
      const { ids } = await openSessions(atlasgym, sessionsNeeded);
      const result = await load.run(atlasgym.url, await mixOn(ids), options.connections, durationSec);
      // Enough fresh sessions for the next run even if it is twice as fast (sessions are never reused in a run).
      sessionsNeeded = Math.max(
        sessionsNeeded,
        Math.ceil((result.requestsPerSec * durationSec * 2) / callsPerEpisode) + options.connections,
      );
      return result;
    };
    const runBare = async (durationSec: number): Promise<LoadResult> =>
      load.run(bare.url, await mixOn(["bare"]), options.connections, durationSec);
    const runPayload = async (durationSec: number): Promise<LoadResult> =>
      load.run(payload.url, await mixOn(["payload"]), options.connections, durationSec);

    await runAtlasgym(1);
    await runBare(1);
    await runPayload(1);
    const ours: LoadResult[] = [];
    const theirs: LoadResult[] = [];
    const payloads: LoadResult[] = [];
    for (let i = 0; i < options.runs; i++) {
      ours.push(await runAtlasgym(options.durationSec));
      theirs.push(await runBare(options.durationSec));
      payloads.push(await runPayload(options.durationSec));
    }
    const statusCounts: Record<string, number> = {};
    for (const r of ours) for (const [code, n] of Object.entries(r.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + n;
    const mid = (rs: LoadResult[], pick: (r: LoadResult) => number) => spread(rs.map(pick)).median;
    return {
      callsPerSec: spread(ours.map((r) => r.requestsPerSec)),
      bareNodePerSec: spread(theirs.map((r) => r.requestsPerSec)),
      ratio: spread(ours.map((r, i) => r.requestsPerSec / theirs[i]!.requestsPerSec)),
      payloadBarePerSec: spread(payloads.map((r) => r.requestsPerSec)),
      payloadRatio: spread(ours.map((r, i) => r.requestsPerSec / payloads[i]!.requestsPerSec)),
      latencyMs: {
        atlasgymP50: mid(ours, (r) => r.latencyMs.p50),
        atlasgymP99: mid(ours, (r) => r.latencyMs.p99),
        bareP50: mid(theirs, (r) => r.latencyMs.p50),
        bareP99: mid(theirs, (r) => r.latencyMs.p99),
      },
      atlasgymNon2xx: ours.reduce((n, r) => n + r.non2xx, 0),
      statusCounts,
      connections: options.connections,
      durationSec: options.durationSec,
    };
  } finally {
    await Promise.all([stopChild(atlasgym.child), stopChild(bare.child), stopChild(payload.child), load.stop()]);
  }
}
