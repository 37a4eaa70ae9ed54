/** The two scaling figures: cost against site size, and cost against live sessions. */
import type { SiteScalePoint } from "../measure/site-scale.js";
import type { SessionScalePoint } from "../measure/session-scale.js";
import { lineChartSvg, type Panel, type Series } from "./line-chart.js";

function opSeries(points: readonly SiteScalePoint[], ops: readonly string[]): Series[] {
  return ops.map((op) => ({ name: op, points: points.map((p) => ({ x: p.scale, y: p.ops[op]?.micros ?? Number.NaN })) }));
}

/** A dashed reference that grows in proportion to the site from `from`'s first point. */
function linearReference(points: readonly SiteScalePoint[], from: Series): Series {
  const first = points[0]!;
  const size = (p: SiteScalePoint) => p.issues + p.pages;
  const y0 = from.points[0]?.y ?? 1;
  return { name: "linear in site size", dashed: true, points: points.map((p) => ({ x: p.scale, y: (y0 * size(p)) / size(first) })) };
}

export function siteScalingSvg(points: readonly SiteScalePoint[], caption: string): string {
  const lookups = opSeries(points, ["getIssue", "getPage", "createIssue", "createPage", "addLabel", "jqlKeys"]);
  const searches = opSeries(points, ["jqlSite", "jqlProject", "jqlRareText", "cqlSpace", "cqlTitle", "cqlRareText"]);
  const panels: Panel[] = [
    {
      title: "Lookups by key/id and writes",
      xLabel: "site scale (x default issues and pages)",
      yLabel: "microseconds per call",
      logX: true,
      logY: true,
      series: lookups,
    },
    {
      title: "JQL and CQL searches",
      xLabel: "site scale (x default issues and pages)",
      yLabel: "microseconds per call",
      logX: true,
      logY: true,
      series: [...searches, linearReference(points, searches[0]!)],
    },
    {
      title: "Representative mix, in-process",
      xLabel: "site scale (x default issues and pages)",
      yLabel: "calls per second (one core)",
      logX: true,
      logY: true,
      series: [{ name: "mix calls/s", points: points.map((p) => ({ x: p.scale, y: p.mixCallsPerSec })) }],
    },
  ];
  return lineChartSvg(caption, panels);
}

export function sessionScalingSvg(points: readonly SessionScalePoint[], caption: string): string {
  const at = (pick: (p: SessionScalePoint) => number) => points.map((p) => ({ x: p.sessions, y: pick(p) }));
  const panels: Panel[] = [
    {
      title: "Latency with N live sessions",
      xLabel: "live sessions",
      yLabel: "microseconds per call",
      logX: true,
      logY: true,
      series: [
        { name: "open a session", points: at((p) => p.createMicros) },
        { name: "read (get issue)", points: at((p) => p.readMicros) },
        { name: "write (create issue)", points: at((p) => p.writeMicros) },
      ],
    },
    {
      title: "Throughput with N live sessions",
      xLabel: "live sessions",
      yLabel: "calls per second (one core)",
      logX: true,
      series: [{ name: "reads+writes calls/s", points: at((p) => p.callsPerSec) }],
    },
    {
      title: "Memory per live session",
      xLabel: "live sessions",
      yLabel: "KiB of heap per session",
      logX: true,
      series: [
        {
          name: "KiB per session",
          points: points.filter((p) => p.bytesPerSession !== null).map((p) => ({ x: p.sessions, y: (p.bytesPerSession ?? 0) / 1024 })),
        },
      ],
    },
  ];
  return lineChartSvg(caption, panels);
}
