import { test } from "node:test";
import assert from "node:assert/strict";
import { barChartSvg, svgToPng } from "../../src/eval/chart/index.js";

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

test("a bar chart has a bar, an error bar and a value label per known value, and marks missing values", () => {
  const svg = barChartSvg({
    title: "Rewards <A & B>",
    yLabel: "mean reward",
    categories: ["one", "two", "three"],
    series: [
      { name: "A", values: [0.5, null, 1], intervals: [[0.4, 0.6], null, [1, 1]] },
      { name: "B", values: [0.25, 0.75, 0], intervals: [null, [0.7, 0.8], null] },
    ],
  });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.includes("Rewards &lt;A &amp; B&gt;"), "text is escaped");
  const bars = count(svg, /<rect [^>]*fill="#(0072B2|E69F00)"/g) - 2; // minus the two legend swatches
  assert.equal(bars, 5);
  assert.equal(count(svg, />n\/a</g), 1);
  for (const label of ["0.50", "0.25", "0.75", "1.00", "0.00"]) assert.ok(svg.includes(`>${label}</text>`), label);
  // Three error bars (stem and two caps each) with stroke width 1.5.
  assert.equal(count(svg, /stroke-width="1.5"/g), 9);
  for (const tick of ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]) assert.ok(svg.includes(`>${tick}</text>`), tick);
  assert.ok(svg.includes(">A</text>") && svg.includes(">B</text>"), "legend");
});

test("a taller bar is drawn higher, and the SVG renders to a PNG of its size at twice the scale", () => {
  const svg = barChartSvg({ title: "t", yLabel: "y", categories: ["low", "high"], series: [{ name: "s", values: [0.2, 0.9] }] });
  const ys = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="50"/g)].map((m) => Number(m[1]));
  assert.equal(ys.length, 2);
  assert.ok(ys[1]! < ys[0]!, "0.9 reaches higher than 0.2");
  const width = Number(/width="(\d+)"/.exec(svg)![1]);
  const png = svgToPng(svg);
  assert.equal(png.readUInt32BE(16), width * 2);
});
