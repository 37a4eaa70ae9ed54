import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSite } from "../../src/emulator/index.js";
import { runEpisode } from "../../src/agent/index.js";
import type { Policy } from "../../src/policy/types.js";
import { getSurface } from "../../src/tools/index.js";
import { createTraceWriter, readTraceLines, readTraces, validateTrace, withoutTiming, type Trace } from "../../src/trace/index.js";

const world = generateSite({ seed: 5 });

async function episode(n: number): Promise<Trace> {
  let turn = 0;
  const policy: Policy = {
    id: "scripted",
    next: async () =>
      turn++ === 0
        ? {
            content: "line one\nline \u2028two",
            toolCalls: [{ id: "a", name: "jira_get_current_user", argumentsText: "{}" }],
            unparsed: [],
          }
        : { content: `answer ${n}`, toolCalls: [], unparsed: [] },
  };
  return runEpisode({
    site: world.fork(),
    surface: getSurface("rest"),
    toolNames: ["jira_get_current_user"],
    instruction: "Who am I?",
    policy,
    maxTurns: 3,
    seed: n,
    taskId: `t${n}`,
    scenario: "whoami",
  });
}

test("traces stream to JSONL, one episode per line, and read back validated and unchanged", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-trace-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "traces.jsonl");
  const written = [await episode(1), await episode(2), await episode(3)];
  const writer = createTraceWriter(file);
  for (const trace of written) await writer.write(trace);
  await writer.close();

  assert.equal(readFileSync(file, "utf8").split("\n").length, 4, "three lines and a trailing newline");
  const read = await readTraces(file);
  assert.deepEqual(read, JSON.parse(JSON.stringify(written)));
  for (const value of read) assert.ok(validateTrace(value).ok);

  const appender = createTraceWriter(file, { append: true });
  await appender.write(written[0]!);
  await appender.close();
  assert.equal((await readTraces(file)).length, 4);
});

test("the reader reports lines that are not JSON and skips blank ones", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-trace-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "mixed.jsonl");
  writeFileSync(file, `${JSON.stringify(await episode(1))}\n\n{not json\n`);
  const lines = [];
  for await (const entry of readTraceLines(file)) lines.push(entry);
  assert.deepEqual(
    lines.map((l) => [l.line, "error" in l]),
    [
      [1, false],
      [3, true],
    ],
  );
  await assert.rejects(readTraces(file), /mixed\.jsonl:3: not JSON/);
});

test("the schema rejects traces that break the contract", async () => {
  const good = JSON.parse(JSON.stringify(await episode(1))) as Record<string, unknown>;
  assert.ok(validateTrace(good).ok);
  const broken = [
    { ...good, traceVersion: 2 },
    { ...good, stopReason: "tired" },
    { ...good, extra: true },
    { ...good, messages: [{ role: "robot", content: "" }] },
  ];
  for (const trace of broken) assert.equal(validateTrace(trace).ok, false, JSON.stringify(trace).slice(0, 80));
  const { seed: _seed, ...noSeed } = good;
  const result = validateTrace(noSeed);
  assert.ok(!result.ok && result.errors.some((e) => e.includes("seed")));
});

test("withoutTiming drops exactly the timing fields", async () => {
  const trace = await episode(1);
  const untimed = JSON.stringify(withoutTiming(trace));
  assert.ok(!untimed.includes('"timing"'));
  assert.ok(!untimed.includes("policyMs") && !untimed.includes("durationMs"));
  assert.equal(untimed.length < JSON.stringify(trace).length, true);
  assert.deepEqual(JSON.parse(untimed).turns[0].calls[0].requests, JSON.parse(JSON.stringify(trace.turns[0]!.calls[0]!.requests)));
});
