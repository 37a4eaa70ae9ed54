/** The targets of issue 8 and whether this run met them. */

export interface Target {
  key: string;
  /** How the target reads, e.g. `>= 100000`. */
  target: string;
  value: number | boolean | null;
  met: boolean | null;
  /** `issue`: stated in issue 8; `implied`: follows from "never the bottleneck" without a number there. */
  source: "issue" | "implied";
}

export interface TargetInputs {
  inProcessCallsPerSec: number;
  httpRatio: number;
  createMicros: number;
  bytesPerSession: number;
  tracesPerSec: number;
  overheadShare: number | null;
  peerRatio: number;
  lookupsConstant: boolean;
  searchesLinearInMatches: boolean;
}

function atLeast(key: string, value: number | null, bound: number, source: Target["source"] = "issue"): Target {
  return { key, target: `>= ${bound}`, value, met: value === null || Number.isNaN(value) ? null : value >= bound, source };
}

function atMost(key: string, value: number | null, bound: number): Target {
  return { key, target: `<= ${bound}`, value, met: value === null || Number.isNaN(value) ? null : value <= bound, source: "issue" };
}

function holds(key: string, value: boolean): Target {
  return { key, target: "true", value, met: value, source: "issue" };
}

export function evaluateTargets(v: TargetInputs): Target[] {
  return [
    atLeast("inProcess.callsPerSec", v.inProcessCallsPerSec, 100_000),
    atLeast("http.ratio", v.httpRatio, 0.5),
    atMost("sessions.createMicros", v.createMicros, 100),
    atMost("sessions.bytesPerSession", v.bytesPerSession, 65_536),
    atLeast("reward.tracesPerSec", v.tracesPerSec, 10_000),
    atMost("agent.overheadShare", v.overheadShare, 0.05),
    atLeast("peer.ratio", v.peerRatio, 1, "implied"),
    holds("scaling.lookupsConstant", v.lookupsConstant),
    holds("scaling.searchesLinearInMatches", v.searchesLinearInMatches),
  ];
}
