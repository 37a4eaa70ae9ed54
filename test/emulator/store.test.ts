import { test } from "node:test";
import assert from "node:assert/strict";
import { Table, type JournalRef } from "../../src/emulator/store.js";

function frozenBase(): Table<{ n: number }> {
  const journal: JournalRef = { entries: null };
  const t = new Table<{ n: number }>(journal);
  t.set("a", { n: 1 });
  t.set("b", { n: 2 });
  t.freeze();
  return t;
}

test("a fork sees the base and writes only to itself", () => {
  const base = frozenBase();
  const fork = base.fork({ entries: null });
  fork.set("a", { n: 10 });
  fork.set("c", { n: 3 });
  fork.delete("b");
  assert.deepEqual(
    [...fork.entries()],
    [
      ["a", { n: 10 }],
      ["c", { n: 3 }],
    ],
  );
  assert.deepEqual(
    [...base.entries()],
    [
      ["a", { n: 1 }],
      ["b", { n: 2 }],
    ],
  );
  assert.equal(fork.size, 2);
  assert.equal(fork.changedCount, 3);
});

test("frozen tables reject writes and deep-freeze their records", () => {
  const base = frozenBase();
  assert.throws(() => base.set("x", { n: 0 }));
  assert.throws(() => {
    (base.get("a") as { n: number }).n = 5;
  });
});

test("journaled writes roll back exactly", () => {
  const journal: JournalRef = { entries: null };
  const fork = frozenBase().fork(journal);
  fork.set("a", { n: 7 });
  journal.entries = [];
  fork.set("a", { n: 8 });
  fork.delete("b");
  fork.set("z", { n: 9 });
  fork.delete("z");
  for (const undo of journal.entries.reverse()) undo();
  journal.entries = null;
  assert.deepEqual(
    [...fork.entries()],
    [
      ["a", { n: 7 }],
      ["b", { n: 2 }],
    ],
  );
});

test("forking an unfrozen fork copies its overlay", () => {
  const first = frozenBase().fork({ entries: null });
  first.set("a", { n: 100 });
  const second = first.fork({ entries: null });
  second.set("b", { n: 200 });
  assert.equal(first.get("b")?.n, 2);
  assert.equal(second.get("a")?.n, 100);
});
