/**
 * Line charts as SVG, several panels side by side: axes with ticks and labels, log or linear scales,
 * one coloured line with point markers per series, and a legend per panel.
 */
import { CHAR_WIDTH, element, line, text } from "../../src/eval/chart/svg.js";

export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
  /** Dashed line (e.g. a reference such as "linear growth"). */
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: Series[];
}

const PANEL_W = 560;
const PANEL_H = 420;
const MARGIN = { left: 78, right: 16, top: 40, bottom: 56 };
const LEGEND_W = 190;
const COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#393b79",
  "#ad494a",
  "#637939",
  "#7b4173",
  "#e7969c",
  "#6baed6",
  "#fd8d3c",
];
/** Reference lines (dashed) are grey whatever their position. */
const REFERENCE_COLOR = "#888888";

interface Scale {
  map(v: number): number;
  ticks: number[];
}

function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

function scaleOf(values: number[], log: boolean, from: number, to: number): Scale {
  const positive = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  // An empty panel (nothing measurable) still gets axes.
  let lo = positive.length > 0 ? Math.min(...positive) : 1;
  let hi = positive.length > 0 ? Math.max(...positive) : 10;
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
    if (lo === hi) hi = lo * 10;
    const ticks: number[] = [];
    for (let e = Math.log10(lo); e <= Math.log10(hi) + 1e-9; e++) ticks.push(10 ** e);
    const span = Math.log10(hi) - Math.log10(lo);
    return { map: (v) => from + ((Math.log10(v) - Math.log10(lo)) / span) * (to - from), ticks };
  }
  lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
  return { map: (v) => from + ((v - lo) / (hi - lo)) * (to - from), ticks };
}

function tickLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(Math.round(v * 1000) / 1000);
}

function renderPanel(panel: Panel, offsetX: number, colorOf: (name: string) => string): string {
  const x0 = offsetX + MARGIN.left;
  const x1 = offsetX + PANEL_W - MARGIN.right;
  const y0 = PANEL_H - MARGIN.bottom;
  const y1 = MARGIN.top;
  const points = panel.series.flatMap((s) => s.points);
  const sx = scaleOf(
    points.map((p) => p.x),
    panel.logX ?? false,
    x0,
    x1,
  );
  const sy = scaleOf(
    points.map((p) => p.y),
    panel.logY ?? false,
    y0,
    y1,
  );
  const out: string[] = [];
  out.push(text(panel.title, { x: (x0 + x1) / 2, y: 24, "text-anchor": "middle", "font-size": 15, "font-weight": "bold" }));
  for (const t of sy.ticks) {
    const y = sy.map(t);
    out.push(line(x0, y, x1, y, { stroke: "#e6e6e6" }));
    out.push(text(tickLabel(t), { x: x0 - 6, y: y + 4, "text-anchor": "end", "font-size": 11 }));
  }
  for (const t of sx.ticks) {
    const x = sx.map(t);
    out.push(line(x, y0, x, y1, { stroke: "#f0f0f0" }));
    out.push(text(tickLabel(t), { x, y: y0 + 16, "text-anchor": "middle", "font-size": 11 }));
  }
  out.push(line(x0, y0, x1, y0, { stroke: "#333" }));
  out.push(line(x0, y0, x0, y1, { stroke: "#333" }));
  out.push(text(panel.xLabel, { x: (x0 + x1) / 2, y: PANEL_H - 14, "text-anchor": "middle", "font-size": 12 }));
  const yMid = (y0 + y1) / 2;
  out.push(
    text(panel.yLabel, {
      x: offsetX + 16,
      y: yMid,
      "text-anchor": "middle",
      "font-size": 12,
      transform: `rotate(-90 ${offsetX + 16} ${yMid})`,
    }),
  );
  for (const s of panel.series) {
    const visible = s.points.filter((p) => (!panel.logY || p.y > 0) && (!panel.logX || p.x > 0));
    const color = colorOf(s.name);
    const d = visible.map((p, i) => `${i === 0 ? "M" : "L"}${sx.map(p.x).toFixed(1)},${sy.map(p.y).toFixed(1)}`).join(" ");
    out.push(element("path", { d, fill: "none", stroke: color, "stroke-width": 2, "stroke-dasharray": s.dashed ? "6 4" : undefined }));
    for (const p of visible) out.push(element("circle", { cx: sx.map(p.x), cy: sy.map(p.y), r: 3.5, fill: color }));
  }
  return out.join("");
}

function renderLegend(names: string[], x: number, colorOf: (name: string) => string, dashed: Set<string>): string {
  const out: string[] = [text("Legend", { x, y: MARGIN.top, "font-size": 13, "font-weight": "bold" })];
  names.forEach((name, i) => {
    const y = MARGIN.top + 22 + i * 20;
    out.push(
      line(x, y - 4, x + 24, y - 4, { stroke: colorOf(name), "stroke-width": 3, "stroke-dasharray": dashed.has(name) ? "6 4" : undefined }),
    );
    const label =
      name.length * 11 * CHAR_WIDTH > LEGEND_W - 34 ? `${name.slice(0, Math.floor((LEGEND_W - 34) / (11 * CHAR_WIDTH)) - 1)}…` : name;
    out.push(text(label, { x: x + 30, y, "font-size": 11 }));
  });
  return out.join("");
}

/** One SVG with the panels left to right and a shared legend on the right (a series keeps its colour across panels). */
export function lineChartSvg(title: string, panels: Panel[]): string {
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const dashed = new Set(panels.flatMap((p) => p.series.filter((s) => s.dashed).map((s) => s.name)));
  const plain = names.filter((n) => !dashed.has(n));
  const colorOf = (name: string) => (dashed.has(name) ? REFERENCE_COLOR : COLORS[plain.indexOf(name) % COLORS.length]!);
  const width = panels.length * PANEL_W + LEGEND_W;
  const height = Math.max(PANEL_H, MARGIN.top + 40 + names.length * 20) + 30;
  const body = [
    element("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }),
    text(title, { x: width / 2, y: height - 10, "text-anchor": "middle", "font-size": 12, fill: "#555" }),
    ...panels.map((p, i) => renderPanel(p, i * PANEL_W, colorOf)),
    renderLegend(names, panels.length * PANEL_W + 8, colorOf, dashed),
  ].join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">${body}</svg>`;
}
