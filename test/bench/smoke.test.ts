/**
 * Smoke test of `npm run bench`: the whole benchmark on tiny settings (`--quick`) into a temporary folder,
 * then the keys issue 8 requires and the charts are checked. No timing is asserted: numbers are meaningless here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Json = Record<string, unknown>;

function at(doc: Json, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Json)[k] : undefined), doc);
}

const REQUIRED = [
  "inProcess.callsPerSec",
  "http.callsPerSec",
  "http.bareNodePerSec",
  "http.ratio",
  "sessions.createMicros",
  "sessions.bytesPerSession",
  "reward.tracesPerSec",
  "agent.overheadShare",
];

test("npm run bench -- --quick writes every required key, its spread, the machine, targets and both charts", { timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), "atlasgym-bench-"));
  try {
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--out", out], {
      encoding: "utf8",
      timeout: 540_000,
    });
    assert.equal(run.status, 0, `bench failed:\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /metric\s+median\s+min\s+max\s+target/);

    const doc = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Json;
    for (const key of REQUIRED) {
      assert.equal(typeof at(doc, key), "number", `${key} is a number`);
      const [section, name] = key.split(".") as [string, string];
      const s = at(doc, `${section}.spread.${name}`) as Json | undefined;
      assert.ok(
        s && typeof s["min"] === "number" && typeof s["max"] === "number" && typeof s["runs"] === "number",
        `${key} has min/max/runs`,
      );
    }
    // The peer needs a Python with FastAPI; without one it is reported as skipped, never silently missing.
    assert.ok(typeof at(doc, "peer.ratio") === "number" || typeof at(doc, "peer.skipped") === "string", "peer.ratio or peer.skipped");

    assert.equal(typeof doc["date"], "string");
    assert.ok(Array.isArray(at(doc, "machine.cpus")) && Array.isArray(at(doc, "machine.loadAverage.start")));
    const targets = doc["targets"] as Array<{ key: string; met: unknown }>;
    for (const key of [
      "inProcess.callsPerSec",
      "http.ratio",
      "sessions.createMicros",
      "sessions.bytesPerSession",
      "reward.tracesPerSec",
      "agent.overheadShare",
    ]) {
      const target = targets.find((t) => t.key === key);
      assert.ok(target && (typeof target.met === "boolean" || target.met === null), `target ${key} has a verdict`);
    }
    const site = at(doc, "scaling.site") as Json[];
    const sessions = at(doc, "scaling.sessions") as Json[];
    assert.ok(site.length >= 2 && sessions.length >= 2);
    assert.equal(typeof at(doc, "scaling.checks.lookupsConstant"), "boolean");

    for (const chart of ["site-scaling.png", "session-scaling.png"]) {
      const png = readFileSync(join(out, chart));
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], `${chart} is a PNG`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
