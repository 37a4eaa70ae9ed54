/**
 * `peer.ratio`: the trainer's loop (open a session, make the episode's tool calls, close it) against the
 * atlasgym server and against a Python FastAPI/uvicorn server doing the same per call over an in-memory
 * dict, with identical requests from the same load generator, alternating in one run.
 * atlasgym calls per second over the peer's.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopChild } from "../lib/processes.js";
import { oracleEpisodes } from "../lib/oracle-episodes.js";
import { spread, type Spread } from "../lib/stats.js";
import { benchStartState } from "../lib/world.js";
import type { LoadResult, SessionLoopLoad } from "../http/load-plan.js";
import { LoadGenerator, startNodeServer } from "../http/servers.js";
import { writePeerFixture } from "../peer/fixture.js";
import { findPeerPython, startPythonPeer } from "../peer/python-peer.js";

export interface PeerOptions {
  runs: number;
  durationSec: number;
  connections: number;
  tasksPerScenario: number;
  /** Create the peer's own venv (bench/peer/setup.sh, from PyPI) when missing; else use any venv with fastapi and uvicorn. */
  setupVenv: boolean;
}

export interface PeerResult {
  ratio: Spread;
  atlasgymCallsPerSec: Spread;
  peerCallsPerSec: Spread;
  latencyMs: { atlasgymP50: number; peerP50: number; atlasgymP99: number; peerP99: number };
  atlasgymNon2xx: number;
  peerNon2xx: number;
  /** Requests per episode (open + tool calls + close), averaged over the episodes. */
  requestsPerEpisode: number;
  peerStack: string;
  connections: number;
  durationSec: number;
  skipped?: string;
}

function skippedResult(options: PeerOptions, reason: string): PeerResult {
  const none = spread([]);
  return {
    ratio: none,
    atlasgymCallsPerSec: none,
    peerCallsPerSec: none,
    latencyMs: { atlasgymP50: Number.NaN, peerP50: Number.NaN, atlasgymP99: Number.NaN, peerP99: Number.NaN },
    atlasgymNon2xx: 0,
    peerNon2xx: 0,
    requestsPerEpisode: Number.NaN,
    peerStack: "none",
    connections: options.connections,
    durationSec: options.durationSec,
    skipped: reason,
  };
}

export async function measurePeer(options: PeerOptions): Promise<PeerResult> {
  const python = findPeerPython(options.setupVenv);
  if (!python) return skippedResult(options, "no Python with fastapi and uvicorn (bash bench/peer/setup.sh)");
  const episodes = (await oracleEpisodes(options.tasksPerScenario)).map((e) => ({ spec: { ...e.spec }, calls: e.calls }));
  const plan: SessionLoopLoad = { kind: "sessionLoop", episodes };
  const fixture = join(tmpdir(), `atlasgym-bench-peer-${process.pid}.json`);
  writePeerFixture(fixture, benchStartState(), episodes);
  const [atlasgym, peer, load] = await Promise.all([
    startNodeServer("atlasgym-server-child.ts"),
    startPythonPeer(python, fixture),
    LoadGenerator.start(),
  ]);
  try {
    const run = (url: string, sec: number) => load.run(url, plan, options.connections, sec);
    await run(atlasgym.url, 1);
    await run(peer.url, 1);
    const ours: LoadResult[] = [];
    const theirs: LoadResult[] = [];
    for (let i = 0; i < options.runs; i++) {
      ours.push(await run(atlasgym.url, options.durationSec));
      theirs.push(await run(peer.url, options.durationSec));
    }
    const mid = (rs: LoadResult[], pick: (r: LoadResult) => number) => spread(rs.map(pick)).median;
    return {
      ratio: spread(ours.map((r, i) => r.requestsPerSec / theirs[i]!.requestsPerSec)),
      atlasgymCallsPerSec: spread(ours.map((r) => r.requestsPerSec)),
      peerCallsPerSec: spread(theirs.map((r) => r.requestsPerSec)),
      latencyMs: {
        atlasgymP50: mid(ours, (r) => r.latencyMs.p50),
        peerP50: mid(theirs, (r) => r.latencyMs.p50),
        atlasgymP99: mid(ours, (r) => r.latencyMs.p99),
        peerP99: mid(theirs, (r) => r.latencyMs.p99),
      },
      atlasgymNon2xx: ours.reduce((n, r) => n + r.non2xx, 0),
      peerNon2xx: theirs.reduce((n, r) => n + r.non2xx, 0),
      requestsPerEpisode: episodes.reduce((n, e) => n + e.calls.length + 2, 0) / episodes.length,
      peerStack: peer.stack,
      connections: options.connections,
      durationSec: options.durationSec,
    };
  } finally {
    await Promise.all([stopChild(atlasgym.child), stopChild(peer.child), load.stop()]);
    rmSync(fixture, { force: true });
  }
}
