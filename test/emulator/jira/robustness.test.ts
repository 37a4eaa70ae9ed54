import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { handle } from "../../../src/emulator/index.js";
import type { EmuRequest, EmuResponse } from "../../../src/emulator/http.js";
import { jiraOperations } from "../../../src/emulator/jira/product.js";
import type { Operation } from "../../../src/emulator/operation.js";
import { ADMIN_AUTH, authOf, regularUser, snapshot, templateSite } from "./helpers.js";

/**
 * Property tests: random and hostile requests against every Jira operation never produce a
 * 5xx, always answer errors in Jira's shape, and leave the site byte-identical when rejected.
 */

const template = templateSite(21);
const baseline = snapshot(template);
const someIssue = [...template.jira.issues.values()][7]!;
const someComment = template.jira.comments.get(someIssue.commentIds[0] ?? "") ?? [...template.jira.comments.values()][0]!;
const someProject = template.jira.projects.get(someIssue.projectId)!;
const person = regularUser(template);

const HOSTILE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf", "__defineGetter__"];
const FIELD_KEYS = [
  "summary",
  "description",
  "environment",
  "project",
  "issuetype",
  "priority",
  "assignee",
  "reporter",
  "labels",
  "duedate",
  "parent",
  "resolution",
  "comment",
  "customfield_10016",
  "customfield_10015",
  "status",
];

const key = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS, ...FIELD_KEYS, "id", "key", "name", "accountId", "add", "set", "remove", "body", "type"),
  fc.string({ maxLength: 8 }),
);

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    "10000",
    "-1",
    someIssue.key,
    someIssue.id,
    someProject.key,
    person.accountId,
    "2026-06-01",
    "Done",
    "🙂",
    "\u0000",
    "a b",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** JSON text built by hand so hostile keys such as `__proto__` arrive as own properties, as from the wire. */
const jsonText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    scalar.map((v) => JSON.stringify(v) ?? "null"),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
  object: fc
    .array(fc.tuple(key, tie("value")), { maxLength: 5 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
})).value as fc.Arbitrary<string>;

const VALID_ADF = `{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"hi"}]}]}`;
const someTransition = "11";

/** Bodies shaped like the real ones (fields, update, transition, body) with random content, or anything at all. */
const body = fc.oneof(
  jsonText,
  jsonText.map((v) => `{"fields":${v}}`),
  fc.tuple(jsonText, jsonText).map(([f, u]) => `{"fields":${f},"update":${u}}`),
  fc
    .tuple(fc.constantFrom(...FIELD_KEYS), jsonText)
    .map(([f, v]) => `{"fields":{"project":{"key":"${someProject.key}"},"issuetype":{"id":"10001"},"summary":"x","${f}":${v}}}`),
  fc.tuple(fc.constantFrom(...FIELD_KEYS), jsonText).map(([f, v]) => `{"update":{"${f}":[{"add":${v}},{"set":${v}},{"remove":${v}}]}}`),
  jsonText.map((v) => `{"transition":{"id":${v}},"fields":{"resolution":${v}}}`),
  jsonText.map((v) => `{"body":${v},"visibility":${v}}`),
  jsonText.map((v) => `{"body":${VALID_ADF},"visibility":${v}}`),
  jsonText.map((v) => `{"transition":{"id":"${someTransition}"},"update":{"comment":[{"add":{"body":${v}}}]}}`),
  jsonText.map((v) => `{"jql":${v},"nextPageToken":${v},"maxResults":${v},"fields":${v}}`),
  jsonText.map((v) => `{"jql":"project = ${someProject.key} ORDER BY updated DESC","maxResults":3,"fields":${v}}`),
  jsonText.map((v) => `{"issueUpdates":[${v},{"fields":${v}}]}`),
  jsonText.map((v) => `{"type":${v},"inwardIssue":${v},"outwardIssue":{"key":"${someIssue.key}"}}`),
  fc.constantFrom("{", "[1,", "nul", '"unterminated', '{"a":}', "", "   ", `${"[".repeat(200)}${"]".repeat(200)}`),
);

const pathValue = fc.oneof(
  fc.constantFrom(
    someIssue.key,
    someIssue.id,
    someProject.key,
    someProject.id,
    someComment.id,
    "NOPE-1",
    "0",
    "-1",
    "10001",
    "__proto__",
    "constructor",
    "%",
    "a/b",
  ),
  fc.string({ maxLength: 10 }),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "*all",
    "-comment",
    "names,transitions",
    "transitions.fields",
    "true",
    "-5",
    "99999999999",
    `project = ${someProject.key}`,
    "status = ",
    "",
  ),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
);

const plausibleQueryValue = fc.constantFrom(
  "*all",
  "summary,status",
  "names,transitions",
  "transitions.fields",
  "renderedBody",
  "true",
  "0",
  "1",
  "5",
  "-1",
  `project = ${someProject.key}`,
  `project = ${someProject.key} ORDER BY created DESC`,
  "assignee = currentUser() OR reporter = currentUser()",
  `text ~ "the" AND project in (${someProject.key})`,
  "-created",
  "name",
  "a",
);

function requestFor(op: Operation): fc.Arbitrary<EmuRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const queryKeys = Object.keys((op.query?.["properties"] as object | undefined) ?? {});
  const randomQuery = fc.dictionary(
    fc.oneof(fc.constantFrom(...queryKeys, ...HOSTILE_KEYS, "x"), fc.string({ maxLength: 6 })),
    queryValue,
    { maxKeys: 4 },
  );
  const properties = (op.query?.["properties"] ?? {}) as Record<string, { type?: unknown; items?: { type?: unknown } }>;
  const plausibleFor = (name: string): fc.Arbitrary<string> => {
    const type = properties[name]?.type;
    if (name === "nextPageToken") return fc.constantFrom("", "bm9wZQ");
    if (type === "array" && properties[name]?.items?.type === "integer") return fc.constantFrom("10001", "1,2");
    if (type === "boolean") return fc.constantFrom("true", "false");
    if (type === "integer") return fc.constantFrom("0", "1", "5", "100", "6000");
    return plausibleQueryValue;
  };
  const plausibleQuery = fc.record(Object.fromEntries(queryKeys.map((k) => [k, plausibleFor(k)])), { requiredKeys: [] });
  return fc
    .record({
      params: fc.array(pathValue, { minLength: names.length, maxLength: names.length }),
      query: queryKeys.length > 0 ? fc.oneof(randomQuery, plausibleQuery) : randomQuery,
      rawBody: fc.option(body, { nil: undefined }),
      contentType: fc.constantFrom("application/json", "application/json;charset=UTF-8", "text/plain", undefined),
      asAdmin: fc.boolean(),
    })
    .map(({ params, query, rawBody, contentType, asAdmin }) => {
      let path = op.path;
      names.forEach((name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(params[i]!))));
      const headers: Record<string, string> = { ...(asAdmin ? ADMIN_AUTH : authOf(person)) };
      if (contentType) headers["content-type"] = contentType;
      const safeQuery: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(query)) Object.defineProperty(safeQuery, k, { value: v, enumerable: true });
      return { method: op.method, path, query: safeQuery, headers, rawBody };
    });
}

function assertJiraShaped(response: EmuResponse): void {
  assert.ok(response.status < 500, `status ${response.status}: ${JSON.stringify(response.body)}`);
  if (response.status >= 400 && response.status !== 405) {
    const errorBody = response.body as { errorMessages?: unknown; errors?: unknown };
    const bulk = Array.isArray((response.body as { issues?: unknown }).issues);
    if (!bulk) {
      assert.ok(Array.isArray(errorBody.errorMessages), JSON.stringify(response.body));
      assert.ok(errorBody.errors !== null && typeof errorBody.errors === "object");
    }
  }
}

for (const op of jiraOperations) {
  test(`${op.method} ${op.path}: random requests never 5xx and rejected ones change nothing`, () => {
    fc.assert(
      fc.property(requestFor(op), (request) => {
        const site = template.fork();
        const response = handle(site, request);
        assertJiraShaped(response);
        JSON.stringify(response.body);
        if (response.status >= 400) {
          assert.equal(site.changedRecords, 0, `${request.method} ${request.path} ${String(request.rawBody)} left writes behind`);
          assert.equal(snapshot(site), baseline);
        }
      }),
      { numRuns: op.mutates ? 45 : 20, seed: 20260601 },
    );
  });
}

test("huge and deeply nested bodies are refused without changing anything", () => {
  const site = template.fork();
  const huge = `{"fields":{"summary":"${"x".repeat(1_100_000)}"}}`;
  const tooLarge = handle(site, {
    method: "POST",
    path: "/rest/api/3/issue",
    headers: { ...ADMIN_AUTH, "content-type": "application/json" },
    rawBody: huge,
  });
  assert.equal(tooLarge.status, 413);
  const deep = `{"fields":{"description":${'{"content":['.repeat(100)}${"]}".repeat(100)}}}`;
  const nested = handle(site, {
    method: "POST",
    path: "/rest/api/3/issue",
    headers: { ...ADMIN_AUTH, "content-type": "application/json" },
    rawBody: deep,
  });
  assert.equal(nested.status, 400);
  assert.equal(snapshot(site), baseline);
});

test("the same requests on two forks give identical responses (determinism)", () => {
  const ops = jiraOperations;
  fc.assert(
    fc.property(
      fc.array(
        fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => requestFor(ops[i]!)),
        { maxLength: 12 },
      ),
      (requests) => {
        const a = template.fork();
        const b = template.fork();
        for (const request of requests) assert.deepEqual(handle(a, request), handle(b, request));
        assert.equal(snapshot(a), snapshot(b));
      },
    ),
    { numRuns: 25, seed: 7 },
  );
});
