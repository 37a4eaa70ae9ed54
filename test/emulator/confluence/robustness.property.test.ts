import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { confluenceOperations } from "../../../src/emulator/confluence/product.js";
import type { Operation } from "../../../src/emulator/operation.js";
import type { EmuRequest, EmuResponse } from "../../../src/emulator/http.js";
import { handle, type Site } from "../../../src/emulator/index.js";
import { ADMIN, baseSite, headersFor, leafPage, restrictedSpace, snapshot, teamSpace, userFor } from "./helpers.js";

/**
 * Property tests over every Confluence operation: random and malformed requests never earn a 5xx,
 * every error keeps its product's shape, and a rejected request leaves the site exactly as it was.
 */

const site = baseSite();
const t = site.confluence;
const eng = teamSpace(site);
const secret = restrictedSpace(site);
const leaf = leafPage(site, eng);
const validIds = [
  eng.id,
  eng.homepageId,
  leaf.id,
  secret.id,
  secret.homepageId,
  [...t.labels.keys()][0]!,
  [...t.comments.keys()][0]!,
  [...t.pages.values()].find((p) => p.status === "trashed")!.id,
];
const hostile = [
  "0",
  "-1",
  "abc",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "99999999999999999999",
  "1e3",
  " ",
  "1,2",
  "ENG",
  "%",
];

const idArb = fc.oneof(fc.constantFrom(...validIds), fc.constantFrom(...hostile), fc.string({ maxLength: 12 }), fc.nat().map(String));
const textArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "storage",
    "atlas_doc_format",
    "view",
    "true",
    "false",
    "25",
    "0",
    "251",
    "-1",
    "id",
    "-title",
    "current",
    "trashed",
    "draft",
    "root",
    "global",
    "type = page",
    "space = ENG AND label = runbook ORDER BY title",
    "title ~ ",
    "eyJvZmZzZXQiOjEwLCJzY29wZSI6InBhZ2VzOmlkIn0",
  ),
);
const xhtmlArb = fc.oneof(
  fc.constantFrom(
    "<p>fine</p>",
    "<p>unclosed",
    "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>x</ac:task-body></ac:task></ac:task-list>",
    "<![CDATA[]]>",
    "&nosuch;",
    "<".repeat(50),
    "<div>".repeat(300),
    '{"type":"doc","version":1,"content":[]}',
    '{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"hi"}]}]}',
    "[".repeat(500),
  ),
  fc.string({ maxLength: 40 }),
);
const bodyArb = fc.oneof(
  fc.record({ representation: fc.constantFrom("storage", "atlas_doc_format", "wiki", "view"), value: xhtmlArb }, { requiredKeys: [] }),
  fc.record({ storage: fc.record({ representation: fc.constantFrom("storage", "x"), value: xhtmlArb }, { requiredKeys: [] }) }),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Bodies shaped like the real ones with any field broken, plus arbitrary JSON. */
const jsonBodyArb = fc.oneof(
  fc.record(
    {
      id: idArb,
      spaceId: idArb,
      parentId: idArb,
      pageId: idArb,
      parentCommentId: idArb,
      ownerId: fc.oneof(idArb, fc.constantFrom(...[...site.core.users.keys()].slice(0, 3))),
      status: fc.oneof(fc.constantFrom("current", "draft", "trashed"), fc.string({ maxLength: 5 })),
      title: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(leaf.title), fc.constant("")),
      body: bodyArb,
      version: fc.oneof(
        fc.record({ number: fc.integer({ min: -2, max: 10 }), message: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.array(
    fc.record(
      {
        prefix: fc.oneof(fc.constantFrom("global", "my", "team", "system"), fc.string({ maxLength: 4 })),
        name: fc.string({ maxLength: 12 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
const rawBodyArb = fc.constantFrom(
  "{",
  "[1,2",
  "null",
  '{"__proto__":{"polluted":true},"spaceId":"1","title":"x"}',
  '{"constructor":{"prototype":{"x":1}},"toString":"y"}',
  "[".repeat(200) + "]".repeat(200),
  "\u0000",
);

interface Sent {
  request: EmuRequest;
  operation: Operation;
}

function requestArb(operations: readonly Operation[]): fc.Arbitrary<Sent> {
  return fc
    .record({
      operation: fc.constantFrom(...operations),
      params: fc.array(idArb, { minLength: 3, maxLength: 3 }),
      queryKeys: fc.subarray([
        "limit",
        "cursor",
        "body-format",
        "sort",
        "status",
        "id",
        "space-id",
        "title",
        "cql",
        "purge",
        "version",
        "depth",
        "name",
        "prefix",
        "__proto__",
        "extra",
      ]),
      queryValues: fc.array(fc.oneof(textArb, fc.array(textArb, { maxLength: 3 })), { minLength: 16, maxLength: 16 }),
      json: fc.option(jsonBodyArb, { nil: undefined }),
      raw: fc.option(rawBodyArb, { freq: 4, nil: undefined }),
      method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), { freq: 5, nil: undefined }),
      auth: fc.constantFrom("admin", "admin", "admin", "outsider", "none"),
    })
    .map(({ operation, params, queryKeys, queryValues, json, raw, method, auth }) => {
      let i = 0;
      const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++ % params.length]!));
      const query: Record<string, string | string[]> = {};
      queryKeys.forEach((key, k) => Object.defineProperty(query, key, { value: queryValues[k], enumerable: true, writable: true }));
      const headers: Record<string, string> =
        auth === "admin" ? { ...ADMIN } : auth === "outsider" ? headersFor(userFor(site, secret, false)) : {};
      const request: EmuRequest = { method: method ?? operation.method, path, query, headers };
      if (raw !== undefined)
        return { operation, request: { ...request, rawBody: raw, headers: { ...headers, "content-type": "application/json" } } };
      return { operation, request: json === undefined ? request : { ...request, json } };
    });
}

function assertWellFormed(request: EmuRequest, response: EmuResponse): void {
  assert.ok(response.status < 500, `${request.method} ${request.path} gave ${response.status}: ${JSON.stringify(response.body)}`);
  assert.doesNotThrow(() => JSON.stringify(response.body));
  if (response.status < 400) return;
  const body = response.body as Record<string, unknown>;
  if (request.path.startsWith("/wiki/rest/api/")) {
    assert.equal(body["statusCode"], response.status);
    assert.equal(typeof body["message"], "string");
  } else {
    const errors = body["errors"] as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(errors) && errors.length === 1);
    assert.equal(errors[0]!["status"], response.status);
    assert.equal(typeof errors[0]!["title"], "string");
  }
}

test("every operation is exercised and no request to any of them gives a 5xx; rejected ones write nothing", () => {
  const hit = new Set<string>();
  const statuses = new Map<number, number>();
  fc.assert(
    fc.property(requestArb(confluenceOperations), ({ operation, request }) => {
      const fork = site.fork();
      const response = handle(fork, request);
      hit.add(operation.id);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assertWellFormed(request, response);
      if (response.status >= 400) assert.equal(fork.changedRecords, 0, `${request.method} ${request.path} was rejected but wrote`);
      assert.equal(({} as Record<string, unknown>)["polluted"], undefined, "no prototype pollution");
    }),
    { numRuns: 1500, seed: 4242 },
  );
  assert.equal(hit.size, confluenceOperations.length);
  // The generators reach both sides of the pipeline: accepted requests and each kind of refusal.
  for (const status of [200, 400, 401, 404])
    assert.ok((statuses.get(status) ?? 0) > 10, `few ${status}s: ${JSON.stringify([...statuses])}`);
});

test("mutating operations: random sequences keep the site byte-identical across every rejected request", () => {
  const writes = confluenceOperations.filter((op) => op.mutates);
  fc.assert(
    fc.property(fc.array(requestArb(writes), { minLength: 2, maxLength: 5 }), (sequence) => {
      const fork: Site = site.fork();
      for (const { request } of sequence) {
        const before = snapshot(fork);
        const response = handle(fork, request);
        assertWellFormed(request, response);
        if (response.status >= 400) assert.equal(snapshot(fork), before, `${request.method} ${request.path} changed the site`);
      }
    }),
    { numRuns: 40, seed: 99 },
  );
});

test("valid writes mixed with broken ones: successes apply, failures roll back", () => {
  const fork = site.fork();
  const createOk = handle(fork, {
    method: "POST",
    path: "/wiki/api/v2/pages",
    headers: ADMIN,
    json: { spaceId: eng.id, title: "Property base page", body: { representation: "storage", value: "<p>x</p>" } },
  });
  assert.equal(createOk.status, 200);
  const id = (createOk.body as { id: string }).id;
  const before = snapshot(fork);
  const broken = handle(fork, {
    method: "PUT",
    path: `/wiki/api/v2/pages/${id}`,
    headers: ADMIN,
    json: {
      id,
      status: "current",
      title: "Renamed",
      parentId: leaf.id,
      body: { representation: "storage", value: "<p>oops" },
      version: { number: 2 },
    },
  });
  assert.equal(broken.status, 400);
  assert.equal(snapshot(fork), before);
});
