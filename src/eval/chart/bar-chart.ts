/**
 * A bar chart with error bars as an SVG document: categories along x, one bar per series in
 * each category (one series gives a plain bar chart), a y axis from 0 with gridlines, value
 * labels, a title and a legend when there are several series.
 */
import type { Interval } from "../stats.js";
import { element, line, text, textWidth } from "./svg.js";

export interface BarSeries {
  name: string;
  /** One value per category; null leaves a gap marked n/a. */
  values: Array<number | null>;
  /** Error bar per category, when known. */
  intervals?: Array<Interval | null>;
}

export interface BarChart {
  title: string;
  subtitle?: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  /** Top of the y axis; default 1 (rewards and rates). */
  yMax?: number;
  /** Footnote under the chart (e.g. what the error bars are). */
  note?: string;
}

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
const FONT = "DejaVu Sans, sans-serif";
const INK = "#222222";
const GRID = "#dddddd";

interface Layout {
  width: number;
  height: number;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  groupWidth: number;
  barWidth: number;
  labelAngle: number;
}

function layout(chart: BarChart): Layout {
  const seriesCount = Math.max(1, chart.series.length);
  const barWidth = seriesCount === 1 ? 56 : Math.max(18, 40 - 4 * seriesCount);
  const groupWidth = Math.max(110, seriesCount * barWidth + 40);
  const longest = Math.max(0, ...chart.categories.map((c) => textWidth(c, 12)));
  const labelAngle = longest > groupWidth - 8 ? -30 : 0;
  const labelDepth = labelAngle === 0 ? 24 : longest * Math.sin(Math.PI / 6) + 24;
  const legendHeight = chart.series.length > 1 ? 26 : 0;
  const top = 58 + (chart.subtitle ? 18 : 0) + legendHeight;
  const plotWidth = Math.max(360, chart.categories.length * groupWidth);
  // A slanted first label reaches left of its group by its width times cos(30°).
  const firstLabel = labelAngle === 0 ? 0 : textWidth(chart.categories[0] ?? "", 12) * Math.cos(Math.PI / 6);
  const left = Math.max(72, firstLabel - plotWidth / Math.max(1, chart.categories.length) / 2 + 12);
  const plotHeight = 300;
  return {
    width: left + plotWidth + 30,
    height: top + plotHeight + labelDepth + (chart.note ? 28 : 10),
    left,
    top,
    plotWidth,
    plotHeight,
    groupWidth: plotWidth / Math.max(1, chart.categories.length),
    barWidth,
    labelAngle,
  };
}

export function barChartSvg(chart: BarChart): string {
  const l = layout(chart);
  const yMax = chart.yMax ?? 1;
  const y = (value: number): number => l.top + l.plotHeight * (1 - Math.min(Math.max(value, 0), yMax) / yMax);
  const parts: string[] = [element("rect", { x: 0, y: 0, width: l.width, height: l.height, fill: "#ffffff" })];

  parts.push(text(chart.title, { x: l.width / 2, y: 28, "text-anchor": "middle", "font-size": 18, "font-weight": "bold", fill: INK }));
  if (chart.subtitle)
    parts.push(text(chart.subtitle, { x: l.width / 2, y: 48, "text-anchor": "middle", "font-size": 12, fill: "#555555" }));

  // Gridlines and y axis ticks at fifths of the range.
  for (let i = 0; i <= 5; i++) {
    const value = (yMax * i) / 5;
    parts.push(line(l.left, y(value), l.left + l.plotWidth, y(value), { stroke: i === 0 ? INK : GRID, "stroke-width": 1 }));
    parts.push(text(value.toFixed(1), { x: l.left - 8, y: y(value) + 4, "text-anchor": "end", "font-size": 12, fill: INK }));
  }
  parts.push(line(l.left, l.top, l.left, l.top + l.plotHeight, { stroke: INK, "stroke-width": 1 }));
  const yMid = l.top + l.plotHeight / 2;
  const yLabelX = l.left - 50;
  parts.push(
    text(chart.yLabel, {
      x: yLabelX,
      y: yMid,
      transform: `rotate(-90 ${yLabelX} ${yMid})`,
      "text-anchor": "middle",
      "font-size": 13,
      fill: INK,
    }),
  );

  chart.categories.forEach((category, c) => {
    const center = l.left + l.groupWidth * (c + 0.5);
    const firstBar = center - (chart.series.length * l.barWidth) / 2;
    chart.series.forEach((series, s) => {
      parts.push(bar(series, c, firstBar + s * l.barWidth, l.barWidth, PALETTE[s % PALETTE.length]!, y));
    });
    const labelY = l.top + l.plotHeight + 18;
    parts.push(
      l.labelAngle === 0
        ? text(category, { x: center, y: labelY, "text-anchor": "middle", "font-size": 12, fill: INK })
        : text(category, {
            x: center,
            y: labelY,
            transform: `rotate(${l.labelAngle} ${center} ${labelY})`,
            "text-anchor": "end",
            "font-size": 12,
            fill: INK,
          }),
    );
  });

  if (chart.series.length > 1) parts.push(legend(chart.series, l));
  if (chart.note) parts.push(text(chart.note, { x: l.left, y: l.height - 10, "font-size": 11, fill: "#555555" }));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${Math.round(l.height)}" ` +
    `viewBox="0 0 ${l.width} ${Math.round(l.height)}" font-family="${FONT}">\n${parts.join("\n")}\n</svg>\n`
  );
}

function bar(series: BarSeries, c: number, x: number, width: number, colour: string, y: (v: number) => number): string {
  const value = series.values[c] ?? null;
  const inner = width - 6;
  const center = x + width / 2;
  if (value === null) return text("n/a", { x: center, y: y(0) - 6, "text-anchor": "middle", "font-size": 10, fill: "#777777" });
  const out = [element("rect", { x: x + 3, y: y(value), width: inner, height: Math.max(0, y(0) - y(value)), fill: colour })];
  const interval = series.intervals?.[c] ?? null;
  let labelTop = y(value);
  if (interval) {
    const [lo, hi] = interval;
    const cap = Math.min(10, inner / 2);
    const style = { stroke: INK, "stroke-width": 1.5 };
    out.push(line(center, y(lo), center, y(hi), style));
    out.push(line(center - cap / 2, y(lo), center + cap / 2, y(lo), style));
    out.push(line(center - cap / 2, y(hi), center + cap / 2, y(hi), style));
    labelTop = Math.min(labelTop, y(hi));
  }
  out.push(text(value.toFixed(2), { x: center, y: labelTop - 5, "text-anchor": "middle", "font-size": 10, fill: INK }));
  return out.join("\n");
}

function legend(series: BarSeries[], l: Layout): string {
  const y = l.top - 18;
  let x = l.left;
  const out: string[] = [];
  series.forEach((s, i) => {
    out.push(element("rect", { x, y: y - 10, width: 12, height: 12, fill: PALETTE[i % PALETTE.length]! }));
    out.push(text(s.name, { x: x + 17, y, "font-size": 12, fill: INK }));
    x += 17 + textWidth(s.name, 12) + 20;
  });
  return out.join("\n");
}
