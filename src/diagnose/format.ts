/** The diagnose report as text for the terminal. */
import { COMPONENTS } from "../reward/index.js";
import type { DiagnoseReport, ScenarioDiagnosis } from "./report.js";

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const num = (x: number) => x.toFixed(3);
const BARS = " ▁▂▃▄▅▆▇█";

function sparkline(counts: readonly number[]): string {
  const max = Math.max(1, ...counts);
  return counts.map((c) => BARS[Math.round((c / max) * (BARS.length - 1))]).join("");
}

export function formatReport(report: DiagnoseReport): string {
  const lines = [`${report.episodes} episodes, ${report.scenarios.length} scenarios`, ""];
  for (const d of report.scenarios) lines.push(...formatScenario(d), "");
  return lines.join("\n").trimEnd() + "\n";
}

function formatScenario(d: ScenarioDiagnosis): string[] {
  const r = d.reward;
  const s = d.signal;
  const carriers = COMPONENTS.map((c) => [c, d.varianceShare[c]] as const)
    .filter(([, share]) => Math.abs(share) >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([c, share]) => `${c} ${pct(share)}`);
  if (Math.abs(d.varianceShare.other) >= 0.005) carriers.push(`cap/other ${pct(d.varianceShare.other)}`);
  const failures = Object.entries(d.failures)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([label, n]) => `${label} ${n}`);
  return [
    `${d.scenario}: ${d.episodes} episodes over ${d.tasks} tasks`,
    `  reward     mean ${num(r.mean)} ± ${num(r.std)}  min ${num(r.min)}  p25 ${num(r.p25)}  median ${num(r.median)}  p75 ${num(r.p75)}  max ${num(r.max)}`,
    `  histogram  [0 ${sparkline(r.histogram)} 1]  perfect ${pct(d.perfect)}  at or below the no-write cap ${pct(d.floor)}`,
    `  groups     ${s.groups} with >= 2 samples (${s.samplesPerGroup.min}-${s.samplesPerGroup.max} each); zero variance ${pct(s.zeroVariance)}; all 1.0 ${pct(s.allPerfect)}; all floor ${pct(s.allFloor)}; mean within-group std ${num(s.meanWithinStd)}`,
    `  variance   ${carriers.length > 0 ? carriers.join(", ") : "none within groups"}`,
    `  failures   ${failures.length > 0 ? failures.join(", ") : "none"}`,
    ...d.warnings.map((w) => `  warning    ${w}`),
  ];
}
