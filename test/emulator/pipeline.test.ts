import { test } from "node:test";
import assert from "node:assert/strict";
import { generateSite, handle } from "../../src/emulator/index.js";
import { parseQuery } from "../../src/emulator/http.js";

const site = generateSite({ seed: 7 });
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
const ADMIN = { authorization: basic("admin@example.com", "atlasgym") };

test("the same seed gives a byte-identical site", () => {
  const a = generateSite({ seed: 42 });
  const b = generateSite({ seed: 42 });
  assert.equal(JSON.stringify([...a.core.users.values()]), JSON.stringify([...b.core.users.values()]));
  assert.deepEqual(a.meta, b.meta);
});

test("myself answers for the admin with Basic and Bearer", () => {
  const fork = site.fork();
  const r1 = handle(fork, { method: "GET", path: "/rest/api/3/myself", headers: ADMIN });
  assert.equal(r1.status, 200);
  assert.equal((r1.body as { emailAddress: string }).emailAddress, "admin@example.com");
  const r2 = handle(fork, { method: "GET", path: "/rest/api/3/myself", headers: { authorization: "Bearer atlasgym" } });
  assert.equal(r2.status, 200);
});

test("no or bad credentials give Jira's 401", () => {
  const fork = site.fork();
  for (const headers of [{}, { authorization: basic("admin@example.com", "wrong") }, { authorization: "Bearer nope" }]) {
    const r = handle(fork, { method: "GET", path: "/rest/api/3/myself", headers });
    assert.equal(r.status, 401);
    assert.deepEqual(Object.keys(r.body as object), ["errorMessages", "errors"]);
  }
});

test("unknown routes and methods are 404 and 405 in the product's shape", () => {
  const fork = site.fork();
  assert.equal(handle(fork, { method: "GET", path: "/rest/api/3/nothing-here", headers: ADMIN }).status, 404);
  const r = handle(fork, { method: "DELETE", path: "/rest/api/3/myself", headers: ADMIN });
  assert.equal(r.status, 405);
  const c = handle(fork, { method: "GET", path: "/wiki/api/v2/nothing", headers: ADMIN });
  assert.equal(c.status, 404);
  assert.ok(Array.isArray((c.body as { errors: unknown[] }).errors));
});

test("query strings with prototype-like keys stay plain data", () => {
  const q = parseQuery("__proto__=a&__proto__=b&constructor=c&constructor=d&toString=e");
  assert.deepEqual(q["__proto__"], ["a", "b"]);
  assert.deepEqual(q["constructor"], ["c", "d"]);
  assert.equal(q["toString"], "e");
  assert.equal(Object.getPrototypeOf(q), null);
});
