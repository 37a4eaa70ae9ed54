/**
 * The layout of bench/results.json: each headline key holds the median (e.g. `inProcess.callsPerSec`),
 * and `spread.<key>` beside it holds median, min, max and the number of runs.
 */
import type { MachineInfo } from "../lib/machine.js";
import { round, roundSpread, type Spread } from "../lib/stats.js";
import type { ResultOf } from "../measure/index.js";
import type { ScalingChecks } from "./scaling-checks.js";
import type { Target } from "./targets.js";

export interface Measured {
  inProcess: ResultOf<"inProcess">;
  http: ResultOf<"http">;
  sessions: ResultOf<"sessions">;
  reward: ResultOf<"reward">;
  agent: ResultOf<"agent">;
  peer: ResultOf<"peer">;
  siteScale: Array<ResultOf<"siteScale">>;
  sessionScale: ResultOf<"sessionScale">;
}

function isSpread(value: unknown): value is Spread {
  return typeof value === "object" && value !== null && "median" in value && "min" in value && "max" in value && "runs" in value;
}

/** Replaces every Spread field by its median and gathers the spreads under `spread`; rounds numbers. */
export function headline(result: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const spreads: Record<string, Spread> = {};
  for (const [key, value] of Object.entries(result)) {
    if (isSpread(value)) {
      out[key] = Number.isNaN(value.median) ? null : round(value.median);
      spreads[key] = roundSpread(value);
    } else out[key] = roundDeep(value);
  }
  out["spread"] = spreads;
  return out;
}

function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return Number.isNaN(value) ? null : round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}

export interface ResultsDocument {
  date: string;
  command: string;
  mode: "full" | "quick";
  durationSec: number;
  machine: MachineInfo;
  targets: Target[];
  [section: string]: unknown;
}

export function resultsDocument(args: {
  date: string;
  command: string;
  mode: "full" | "quick";
  durationSec: number;
  machine: MachineInfo;
  measured: Measured;
  checks: ScalingChecks;
  targets: Target[];
}): ResultsDocument {
  const m = args.measured;
  return {
    date: args.date,
    command: args.command,
    mode: args.mode,
    durationSec: round(args.durationSec, 3),
    machine: args.machine,
    targets: args.targets,
    inProcess: headline(m.inProcess),
    http: headline(m.http),
    sessions: headline(m.sessions),
    reward: headline(m.reward),
    agent: headline(m.agent),
    peer: headline(m.peer),
    scaling: { site: roundDeep(m.siteScale), sessions: roundDeep(m.sessionScale), checks: args.checks },
  };
}
