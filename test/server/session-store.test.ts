import { test } from "node:test";
import assert from "node:assert/strict";
import { SessionCapReached, SessionStore } from "../../src/server/session-store.js";

function store(max = 3, ttlMs = 1000) {
  let now = 0;
  const dropped: string[] = [];
  const s = new SessionStore<number>({ ttlMs, maxSessions: max, now: () => now }, (x) => dropped.push(x.id));
  return { s, dropped, advance: (ms: number) => (now += ms) };
}

test("ids and tokens are unguessable and distinct", () => {
  const { s } = store(100);
  const ids = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const x = s.create(i);
    assert.match(x.id, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(x.id, x.token);
    ids.add(x.id);
  }
  assert.equal(ids.size, 50);
});

test("idle sessions expire; use keeps them alive", () => {
  const { s, dropped, advance } = store();
  const a = s.create(1);
  const b = s.create(2);
  advance(600);
  assert.ok(s.get(a.id));
  advance(600);
  assert.ok(s.get(a.id), "touched 600 ms ago");
  assert.equal(s.get(b.id), undefined, "idle for 1200 ms");
  assert.deepEqual(dropped, [b.id]);
});

test("the cap answers with a retry-after until a slot frees up", () => {
  const { s, advance } = store(2, 10_000);
  s.create(1);
  advance(4000);
  s.create(2);
  assert.throws(
    () => s.create(3),
    (e: unknown) => e instanceof SessionCapReached && e.retryAfterSeconds === 6,
  );
  advance(6001);
  assert.ok(s.create(3));
});
