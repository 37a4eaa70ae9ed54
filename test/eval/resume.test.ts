import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runEval } from "../../src/eval/run-eval.js";
import { readEpisodeRecords, RUN_FILES } from "../../src/eval/run-dir.js";
import { readTraces, withoutTiming, type Trace } from "../../src/trace/index.js";
import { config, fixedClock, stableResults, tempDir } from "./helpers.js";

const runConfig = config({ tasks: 3, samples: 2 });
const planned = 2 * 3 * 2;

async function tracesById(dir: string): Promise<Map<string, ReturnType<typeof withoutTiming>>> {
  const traces = (await readTraces(join(dir, RUN_FILES.traces))) as Trace[];
  const byId = new Map(traces.map((trace) => [trace.episodeId, withoutTiming(trace)]));
  assert.equal(byId.size, traces.length, "each episode once");
  return byId;
}

test("a stopped run keeps its finished episodes, and --resume completes it with the same results as an uninterrupted run", async (t) => {
  const full = tempDir(t);
  const reference = await runEval({ out: full, config: runConfig, runtime: { concurrency: 2 }, clock: fixedClock() });
  assert.equal(reference.results.overall.episodes, planned);

  // Stop after three episodes, as Ctrl-C does.
  const dir = tempDir(t);
  const stop = new AbortController();
  let seen = 0;
  const stopped = await runEval({
    out: dir,
    config: runConfig,
    runtime: { concurrency: 2 },
    clock: fixedClock(),
    signal: stop.signal,
    onEpisode: () => {
      if (++seen === 3) stop.abort();
    },
  });
  assert.equal(stopped.interrupted, true);
  assert.equal(stopped.results.complete, false);
  assert.equal(stopped.results.run.interrupted, true);
  const finishedBefore = stopped.results.overall.episodes;
  assert.ok(finishedBefore >= 3 && finishedBefore < planned, `${finishedBefore} episodes kept`);
  assert.equal((await readEpisodeRecords(dir)).length, finishedBefore);
  assert.match(readFileSync(stopped.files.report, "utf8"), /Incomplete run/);

  // A crash can leave a half-written line and a trace whose record never made it: resuming drops both.
  const finishedIds = new Set((await readEpisodeRecords(dir)).map((r) => r.episodeId));
  const orphan = ((await readTraces(reference.files.traces)) as Trace[]).find((trace) => !finishedIds.has(trace.episodeId));
  assert.ok(orphan, "an episode the stopped run did not finish");
  appendFileSync(stopped.files.traces, `${JSON.stringify(orphan)}\n{"episodeId": "trunc`);

  let ranOnResume = 0;
  const resumed = await runEval({
    out: dir,
    config: runConfig,
    resume: true,
    runtime: { concurrency: 3 },
    clock: fixedClock(),
    onEpisode: () => ranOnResume++,
  });
  assert.equal(ranOnResume, planned - finishedBefore, "only the missing episodes run");
  assert.equal(resumed.results.run.episodesThisInvocation, planned - finishedBefore);
  assert.equal(resumed.results.complete, true);
  assert.deepEqual(stableResults(resumed.results), stableResults(reference.results));
  assert.equal(resumed.results.run.createdAt, stopped.results.run.createdAt);

  const expected = await tracesById(full);
  const actual = await tracesById(dir);
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [id, trace] of expected) assert.deepEqual(actual.get(id), trace, id);
  assert.equal((await readEpisodeRecords(dir)).length, planned);

  // Resuming a finished run runs nothing and changes nothing.
  let ranAgain = 0;
  const again = await runEval({ out: dir, config: runConfig, resume: true, runtime: { concurrency: 1 }, onEpisode: () => ranAgain++ });
  assert.equal(ranAgain, 0);
  assert.deepEqual(stableResults(again.results), stableResults(reference.results));
});

test("--resume may grow the number of tasks, runs only the new ones, and refuses other changes", async (t) => {
  const dir = tempDir(t);
  const small = config({ scenarios: ["jira-create-issue"], tasks: 1, samples: 1 });
  await runEval({ out: dir, config: small, runtime: { concurrency: 1 } });

  await assert.rejects(runEval({ out: dir, config: small, runtime: { concurrency: 1 } }), /already holds a run/);
  await assert.rejects(runEval({ out: dir, config: { ...small, seed: 12 }, resume: true, runtime: { concurrency: 1 } }), /seed/);

  let ran = 0;
  const grown = await runEval({
    out: dir,
    config: { ...small, tasks: 3 },
    resume: true,
    runtime: { concurrency: 1 },
    onEpisode: () => ran++,
  });
  assert.equal(ran, 2);
  assert.equal(grown.results.overall.n, 3);
  assert.equal(grown.results.config.tasks, 3);
  const stored = JSON.parse(readFileSync(join(dir, RUN_FILES.config), "utf8")) as { config: { tasks: number } };
  assert.equal(stored.config.tasks, 3);
});
