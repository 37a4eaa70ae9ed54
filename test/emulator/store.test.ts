import { test } from "node:test";
import assert from "node:assert/strict";
import { RecentMap, Table, WeakMemo, type JournalRef } from "../../src/emulator/store.js";

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

test("state stands for the contents: shared by unwritten forks, new after every write and every undo", () => {
  const base = frozenBase();
  const a = base.fork({ entries: null });
  const b = base.fork({ entries: null });
  assert.equal(a.state, base.state);
  assert.equal(b.state, base.state);
  a.set("a", { n: 5 });
  const afterWrite = a.state;
  assert.notEqual(afterWrite, base.state);
  assert.equal(a.state, afterWrite, "unchanged contents keep their state");
  assert.equal(b.state, base.state, "a sibling fork's write changes nothing for b");
  a.delete("b");
  assert.notEqual(a.state, afterWrite);

  const journal: JournalRef = { entries: null };
  const c = base.fork(journal);
  journal.entries = [];
  c.set("z", { n: 1 });
  const during = c.state;
  for (const undo of journal.entries.reverse()) undo();
  journal.entries = null;
  assert.notEqual(c.state, during);
  assert.deepEqual([...c.entries()], [...base.entries()]);
});

test("baseState and changedKeys describe a fork as its base plus its changes", () => {
  const base = frozenBase();
  const fork = base.fork({ entries: null });
  assert.equal(fork.baseState, base.state);
  fork.set("c", { n: 3 });
  fork.set("a", { n: 9 });
  fork.delete("b");
  assert.equal(fork.baseState, base.state);
  assert.deepEqual([...fork.changedKeys()], ["c", "a", "b"]);
  const second = fork.fork({ entries: null });
  assert.deepEqual([...second.changedKeys()], ["c", "a", "b"]);
  assert.deepEqual([...base.changedKeys()], []);
});

test("values, keys, entries and toArray agree, in base order then new keys", () => {
  const fork = frozenBase().fork({ entries: null });
  fork.set("c", { n: 3 });
  fork.set("a", { n: 10 });
  fork.delete("b");
  assert.deepEqual([...fork.keys()], ["a", "c"]);
  assert.deepEqual([...fork.values()], [{ n: 10 }, { n: 3 }]);
  assert.deepEqual(fork.toArray(), [...fork.values()]);
  assert.deepEqual(
    [...fork.entries()].map(([k]) => k),
    [...fork.keys()],
  );
  const base = frozenBase();
  assert.deepEqual(base.toArray(), [{ n: 1 }, { n: 2 }]);
  assert.deepEqual([...base.keys()], ["a", "b"]);
});

test("writes made while iterating an unwritten fork are seen, as before", () => {
  const fork = frozenBase().fork({ entries: null });
  const seen: number[] = [];
  for (const v of fork.values()) {
    seen.push(v.n);
    if (v.n === 1) {
      fork.set("b", { n: 20 });
      fork.set("c", { n: 30 });
    }
  }
  assert.deepEqual(seen, [1, 20, 30]);
});

test("forks that never wrote share nothing writable: one fork's writes never reach another", () => {
  const base = frozenBase();
  const forks = [base.fork({ entries: null }), base.fork({ entries: null }), base.fork({ entries: null })];
  forks[0]!.set("x", { n: 1 });
  forks[1]!.delete("a");
  assert.equal(forks[2]!.get("x"), undefined);
  assert.equal(forks[2]!.get("a")?.n, 1);
  assert.equal(forks[2]!.changedCount, 0);
  assert.equal(forks[0]!.get("a")?.n, 1);
  assert.equal(forks[1]!.get("x"), undefined);
});

test("WeakMemo computes once per key tuple and peeks without computing", () => {
  const memo = new WeakMemo<number>();
  const a = {};
  const b = {};
  let made = 0;
  assert.equal(memo.peek([a, b]), undefined);
  assert.equal(
    memo.get([a, b], () => ++made),
    1,
  );
  assert.equal(
    memo.get([a, b], () => ++made),
    1,
  );
  assert.equal(
    memo.get([b, a], () => ++made),
    2,
  );
  assert.equal(memo.peek([a, b]), 1);
  assert.equal(memo.peek([a]), undefined);
});

test("live iteration sees removals ahead and keys added while it walks the new keys", () => {
  const fork = frozenBase().fork({ entries: null });
  const seen: string[] = [];
  for (const key of fork.keys()) {
    seen.push(key);
    if (key === "a") fork.delete("b");
  }
  assert.deepEqual(seen, ["a"]);

  const other = frozenBase().fork({ entries: null });
  const values: number[] = [];
  for (const [key, value] of other.entries()) {
    values.push(value.n);
    // The first write of this fork happens after the base was walked: its new keys still show.
    if (key === "b") other.set("c", { n: 3 });
    if (key === "c") other.set("d", { n: 4 });
  }
  assert.deepEqual(values, [1, 2, 3, 4]);

  const root = new Table<{ n: number }>({ entries: null });
  root.set("x", { n: 1 });
  root.set("y", { n: 2 });
  assert.deepEqual(root.toArray(), [{ n: 1 }, { n: 2 }]);
  assert.deepEqual([...root.keys()], ["x", "y"]);
});

test("RecentMap keeps the most recently used entries up to its capacity", () => {
  const recent = new RecentMap<string, number>(2);
  recent.set("a", 1);
  recent.set("b", 2);
  assert.equal(recent.get("a"), 1);
  recent.set("c", 3);
  assert.equal(recent.get("b"), undefined, "b was the least recently used");
  assert.equal(recent.get("a"), 1);
  assert.equal(recent.get("c"), 3);
  recent.set("c", 4);
  assert.equal(recent.get("c"), 4);
});
