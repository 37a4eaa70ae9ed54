import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import type { EvalConfig } from "../../src/eval/config.js";
import type { EvalResults } from "../../src/eval/results.js";

export function tempDir(t: TestContext, prefix = "atlasgym-eval-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function config(overrides: Partial<EvalConfig> = {}): EvalConfig {
  return {
    policy: "oracle",
    surface: "rest",
    scenarios: ["jira-create-issue", "confluence-create-page"],
    splits: ["test"],
    difficulties: [1, 2, 3],
    tasks: 2,
    samples: 2,
    seed: 11,
    successThreshold: 1,
    ...overrides,
  };
}

/** A fixed clock so traces of the same episode are byte-identical between runs. */
export function fixedClock(): () => number {
  return () => Date.UTC(2025, 0, 1);
}

/** Asserts the file is a PNG image: signature, an IHDR with positive dimensions, IEND, and real content. */
export function assertPng(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(png.readUInt32BE(8), 13, "IHDR length");
  assert.equal(png.subarray(12, 16).toString("latin1"), "IHDR");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width > 0 && height > 0, `dimensions ${width}x${height}`);
  assert.equal(png.subarray(png.length - 8, png.length - 4).toString("latin1"), "IEND");
  assert.ok(png.length > 10_000, `a chart with text and bars is more than ${png.length} bytes`);
  return { width, height };
}

/** The results without what differs between invocations (times, durations, counts of this invocation). */
export function stableResults(results: EvalResults): Omit<EvalResults, "run"> {
  const { run: _run, ...rest } = results;
  return rest;
}
