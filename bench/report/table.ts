/** The table `npm run bench` prints: each headline number with its spread, target and verdict. */
import type { Spread } from "../lib/stats.js";
import type { Measured } from "./results.js";
import type { ScalingChecks } from "./scaling-checks.js";
import type { Target } from "./targets.js";

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "-";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.01) return value.toFixed(3);
  return value.toExponential(2);
}

function verdict(met: boolean | null | undefined): string {
  return met === undefined ? "" : met === null ? "n/a" : met ? "met" : "MISSED";
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
}

export function renderTable(m: Measured, targets: Target[], checks: ScalingChecks): string {
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const rows: Array<[string, Spread | number | null]> = [
    ["inProcess.callsPerSec", m.inProcess.callsPerSec],
    ["inProcess.callsPerCpuSec", m.inProcess.callsPerCpuSec],
    ["http.callsPerSec", m.http.callsPerSec],
    ["http.bareNodePerSec", m.http.bareNodePerSec],
    ["http.ratio", m.http.ratio],
    ["http.payloadBarePerSec", m.http.payloadBarePerSec],
    ["http.payloadRatio", m.http.payloadRatio],
    ["sessions.createMicros", m.sessions.createMicros],
    ["sessions.forkMicros", m.sessions.forkMicros],
    ["sessions.bytesPerSession", m.sessions.bytesPerSession],
    ["sessions.bytesPerSessionAfterEpisode", m.sessions.bytesPerSessionAfterEpisode],
    ["reward.tracesPerSec", m.reward.tracesPerSec],
    ["reward.warmTracesPerSec", m.reward.warmTracesPerSec],
    ["agent.overheadShare", m.agent.skipped ? null : m.agent.overheadShare],
    ["peer.atlasgymCallsPerSec", m.peer.atlasgymCallsPerSec],
    ["peer.peerCallsPerSec", m.peer.peerCallsPerSec],
    ["peer.ratio", m.peer.ratio],
  ];
  const widths = [38, 12, 12, 12, 12, 7];
  const lines = [pad(["metric", "median", "min", "max", "target", ""], widths), "-".repeat(widths.reduce((a, b) => a + b + 2, 0))];
  for (const [key, value] of rows) {
    const s =
      typeof value === "object" && value !== null ? value : { median: value ?? Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
    const t = byKey.get(key);
    lines.push(pad([key, fmt(s.median), fmt(s.min), fmt(s.max), t?.target ?? "", verdict(t?.met)], widths));
  }
  lines.push("");
  lines.push(`Site scaling (${checks.siteGrowth}x items): cost growth largest/smallest site, fastest batch at each size`);
  for (const op of checks.ops) {
    const matches = op.matchGrowth !== undefined ? `, matches x${op.matchGrowth}` : "";
    lines.push(
      `  ${op.op.padEnd(14)} x${fmt(op.costGrowth)}${matches}  (exponent in site size ${fmt(op.exponentInSiteSize)}, GC ${Math.round(op.gcShareAtLargest * 100)}% at largest)  ${op.ok ? "ok" : "NOT OK"}`,
    );
  }
  lines.push(
    `  lookups constant-time: ${verdict(checks.lookupsConstant)}; searches linear in matches: ${verdict(checks.searchesLinearInMatches)}`,
  );
  lines.push("");
  lines.push("Live sessions: sessions  create us  read us  write us  calls/s  KiB/session");
  for (const p of m.sessionScale) {
    lines.push(
      `  ${String(p.sessions).padStart(20)}  ${fmt(p.createMicros).padStart(9)}  ${fmt(p.readMicros).padStart(7)}  ${fmt(p.writeMicros).padStart(8)}  ${fmt(p.callsPerSec).padStart(7)}  ${fmt(p.bytesPerSession === null ? null : p.bytesPerSession / 1024).padStart(11)}`,
    );
  }
  const missed = targets.filter((t) => t.met === false).map((t) => t.key);
  lines.push("");
  lines.push(missed.length === 0 ? "All targets met." : `Targets missed: ${missed.join(", ")}`);
  return lines.join("\n");
}
