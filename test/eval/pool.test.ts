import { test } from "node:test";
import assert from "node:assert/strict";
import { runWithLimit } from "../../src/eval/pool.js";

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test("at most `limit` items run at once, every item runs once, in order of start", async () => {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  await runWithLimit([1, 2, 3, 4, 5, 6, 7], 3, new AbortController(), async (item) => {
    started.push(item);
    running++;
    peak = Math.max(peak, running);
    await tick(item % 3);
    running--;
  });
  assert.equal(peak, 3);
  assert.deepEqual(started, [1, 2, 3, 4, 5, 6, 7]);
});

test("no item starts after the stop; running ones finish", async () => {
  const stop = new AbortController();
  const finished: number[] = [];
  await runWithLimit([1, 2, 3, 4, 5, 6], 2, stop, async (item) => {
    if (item === 2) stop.abort();
    await tick(1);
    finished.push(item);
  });
  assert.deepEqual(finished.sort(), [1, 2]);
});

test("the first error stops the rest and is rethrown after running items settle", async () => {
  const stop = new AbortController();
  const finished: number[] = [];
  await assert.rejects(
    runWithLimit([1, 2, 3, 4], 2, stop, async (item) => {
      if (item === 1) throw new Error("boom");
      await tick(2);
      finished.push(item);
    }),
    /boom/,
  );
  assert.ok(stop.signal.aborted);
  assert.deepEqual(finished, [2]);
});

test("a stop signal reaches a timer while the work never waits on I/O", async () => {
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 5);
  let ran = 0;
  const spin = async (): Promise<void> => {
    const until = Date.now() + 2;
    while (Date.now() < until);
    ran++;
  };
  await runWithLimit(
    Array.from({ length: 10_000 }, (_, i) => i),
    2,
    stop,
    spin,
  );
  assert.ok(ran < 10_000, `stopped after ${ran} items`);
});
