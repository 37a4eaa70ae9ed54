import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createProgress, formatDuration, progressLine } from "../../src/eval/progress.js";

function capture(): { stream: Writable; lines: () => string[] } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, lines: () => text.split("\n").filter(Boolean) };
}

test("a progress line shows episodes, mean reward, rate and ETA", () => {
  assert.equal(
    progressLine({ done: 12, total: 60, meanReward: 0.8434, rate: 1.2, etaSeconds: 40 }),
    "eval: 12/60 episodes (20%), mean reward 0.843, 1.20 episodes/s, ETA 40s",
  );
  assert.equal(
    progressLine({ done: 0, total: 5, meanReward: null, rate: null, etaSeconds: null }),
    "eval: 0/5 episodes (0%), mean reward –, ? episodes/s, ETA ?",
  );
  assert.equal(formatDuration(125), "2m05s");
  assert.equal(formatDuration(7260), "2h01m");
});

test("without a terminal, progress is plain lines at most once per interval, counting only this invocation's rate", () => {
  const { stream, lines } = capture();
  let now = 0;
  const progress = createProgress({ stream, intervalMs: 10_000, clock: () => now });
  progress.start(10, 2, 2); // resumed: 2 episodes done, reward 1 each
  for (const reward of [0, 0, 1]) {
    now += 2_000;
    progress.episodeDone(reward);
  }
  now += 5_000; // 11 s after the first line
  progress.episodeDone(1);
  progress.stop();
  assert.deepEqual(lines(), [
    "eval: 2/10 episodes (20%), mean reward 1.000, ? episodes/s, ETA ?",
    // 4 episodes in 11 s; 4 left; mean (2 + 0 + 0 + 1 + 1) / 6.
    "eval: 6/10 episodes (60%), mean reward 0.667, 0.36 episodes/s, ETA 11s",
    "eval: 6/10 episodes (60%), mean reward 0.667, 0.36 episodes/s, ETA 11s",
  ]);
});
