/** The benchmark's pure parts: statistics, scaling verdicts, targets and the line chart. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { logLogSlope, median, spread } from "../../bench/lib/stats.js";
import { checkScaling } from "../../bench/report/scaling-checks.js";
import { evaluateTargets } from "../../bench/report/targets.js";
import { headline } from "../../bench/report/results.js";
import { lineChartSvg } from "../../bench/chart/line-chart.js";
import type { SiteScalePoint } from "../../bench/measure/site-scale.js";

test("median, spread and growth exponents", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.deepEqual(spread([5, 1, 9]), { median: 5, min: 1, max: 9, runs: 3 });
  assert.ok(Math.abs(logLogSlope(1, 10, 100, 1000) - 1) < 1e-9);
  assert.ok(Math.abs(logLogSlope(1, 10, 100, 10)) < 1e-9);
});

test("headline keeps medians at the keys and spreads beside them", () => {
  const out = headline({ callsPerSec: { median: 10, min: 8, max: 12, runs: 3 }, note: "x" });
  assert.equal(out["callsPerSec"], 10);
  assert.deepEqual((out["spread"] as Record<string, unknown>)["callsPerSec"], { median: 10, min: 8, max: 12, runs: 3 });
  assert.equal(out["note"], "x");
});

function point(scale: number, lookup: number, search: number, matches: number): SiteScalePoint {
  return {
    scale,
    issues: 100 * scale,
    pages: 100 * scale,
    generateMs: 1,
    mixCallsPerSec: 1,
    heapMB: 1,
    ops: {
      getIssue: { kind: "lookup", micros: lookup, bestMicros: lookup, gcShare: 0 },
      jqlSite: { kind: "search", micros: search, bestMicros: search, gcShare: 0, matches },
    },
  };
}

test("scaling checks: constant lookups and searches linear in their matches pass; scans over constant matches fail", () => {
  const good = checkScaling([point(1, 10, 100, 100), point(100, 12, 9000, 10_000)]);
  assert.equal(good.lookupsConstant, true);
  assert.equal(good.searchesLinearInMatches, true);
  const bad = checkScaling([point(1, 10, 100, 5), point(100, 900, 9000, 5)]);
  assert.equal(bad.lookupsConstant, false);
  assert.equal(bad.searchesLinearInMatches, false);
  assert.ok(bad.ops.find((o) => o.op === "jqlSite")!.exponentInSiteSize > 0.9);
});

test("targets: met, missed, and unknown when a measurement was skipped", () => {
  const targets = evaluateTargets({
    inProcessCallsPerSec: 150_000,
    httpRatio: 0.2,
    createMicros: 50,
    bytesPerSession: 70_000,
    tracesPerSec: 20_000,
    overheadShare: null,
    peerRatio: Number.NaN,
    lookupsConstant: true,
    searchesLinearInMatches: false,
  });
  const met = Object.fromEntries(targets.map((t) => [t.key, t.met]));
  assert.equal(met["inProcess.callsPerSec"], true);
  assert.equal(met["http.ratio"], false);
  assert.equal(met["sessions.createMicros"], true);
  assert.equal(met["sessions.bytesPerSession"], false);
  assert.equal(met["agent.overheadShare"], null);
  assert.equal(met["peer.ratio"], null);
  assert.equal(met["scaling.searchesLinearInMatches"], false);
});

test("the line chart has titled panels, axis labels, a legend and one path per series", () => {
  const svg = lineChartSvg("caption", [
    {
      title: "Latency",
      xLabel: "site scale",
      yLabel: "microseconds",
      logX: true,
      logY: true,
      series: [
        {
          name: "getIssue",
          points: [
            { x: 1, y: 10 },
            { x: 10, y: 11 },
          ],
        },
        {
          name: "linear",
          dashed: true,
          points: [
            { x: 1, y: 10 },
            { x: 10, y: 100 },
          ],
        },
      ],
    },
  ]);
  assert.match(svg, /^<svg /);
  for (const label of ["Latency", "site scale", "microseconds", "Legend", "getIssue", "linear", "caption"])
    assert.ok(svg.includes(label), label);
  assert.equal((svg.match(/<path /g) ?? []).length, 2);
  assert.ok(svg.includes('stroke-dasharray="6 4"'));
});

test("a panel with nothing to plot still renders axes, without NaN", () => {
  const svg = lineChartSvg("caption", [{ title: "Empty", xLabel: "x", yLabel: "y", logX: true, series: [{ name: "none", points: [] }] }]);
  assert.ok(!svg.includes("NaN"));
  assert.ok(svg.includes("Empty"));
});
