/** The charts of eval and report, written as SVG and rendered to PNG. */
import { writeFileSync } from "node:fs";
import { barChartSvg, type BarChart } from "./bar-chart.js";
import { svgToPng } from "./render.js";

export { barChartSvg, type BarChart, type BarSeries } from "./bar-chart.js";
export { svgToPng } from "./render.js";

/** Writes `chart` as SVG and PNG. */
export function writeChart(chart: BarChart, paths: { svg: string; png: string }): void {
  const svg = barChartSvg(chart);
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.png, svgToPng(svg));
}
