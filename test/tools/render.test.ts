import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { renderExchanges, DEFAULT_RESULT_CHARS } from "../../src/tools/render.js";
import { trimJson } from "../../src/tools/trim.js";
import type { Exchange } from "../../src/tools/types.js";

const get = (path: string, query: Record<string, string | string[]> = {}) => ({ method: "GET" as const, path, query });
const exchange = (status: number, body: unknown): Exchange => ({
  request: get("/rest/api/3/search/jql", { jql: "project = OPS" }),
  response: { status, body },
});

function issues(n: number): unknown {
  return {
    issues: Array.from({ length: n }, (_, i) => ({
      id: String(10000 + i),
      key: `OPS-${i + 1}`,
      fields: {
        summary: `Issue number ${i + 1} about the ${"very ".repeat(20)}long outage`,
        labels: ["infra", "db"],
        status: { name: "To Do" },
      },
    })),
    nextPageToken: "abc",
  };
}

test("small results are the status and the body exactly as returned", () => {
  const body = { id: "10001", key: "OPS-1", self: "https://acme.atlassian.net/rest/api/3/issue/10001" };
  assert.equal(renderExchanges([exchange(201, body)]), `HTTP 201\n${JSON.stringify(body)}`);
  assert.equal(renderExchanges([exchange(204, undefined)]), "HTTP 204 (no content)");
  const error = { errorMessages: [], errors: { summary: "You must specify a summary of the issue." } };
  assert.equal(renderExchanges([exchange(400, error)]), `HTTP 400\n${JSON.stringify(error)}`);
});

test("large results are trimmed structurally: bounded, valid JSON, marked as trimmed", () => {
  const text = renderExchanges([exchange(200, issues(200))]);
  assert.ok(text.length <= DEFAULT_RESULT_CHARS, `${text.length}`);
  const [head, json] = [text.slice(0, text.indexOf("\n")), text.slice(text.indexOf("\n") + 1)];
  assert.match(head, /^HTTP 200 \(body trimmed to fit/);
  const parsed = JSON.parse(json) as { issues: unknown[]; nextPageToken: string };
  assert.equal(parsed.nextPageToken, "abc");
  assert.match(String(parsed.issues[parsed.issues.length - 1]), /^…\[\+\d+ more items\]$/);
  assert.deepEqual((parsed.issues[0] as { key: string }).key, "OPS-1");
});

test("the bound is configurable and long strings say how much was cut", () => {
  const body = { value: "x".repeat(5000) };
  const text = renderExchanges([exchange(200, body)], { maxChars: 1000 });
  assert.ok(text.length <= 1000);
  assert.match(text, /x…\[\+\d+ chars\]"\}$/);
  const trimmed = trimJson(body, 300);
  assert.equal(trimmed.trimmed, true);
  assert.ok((JSON.parse(trimmed.text) as { value: string }).value.endsWith(" chars]"));
});

test("earlier lookup requests appear as one line each before the final result", () => {
  const lookup: Exchange = {
    request: get("/wiki/api/v2/spaces", { keys: "DEV" }),
    response: { status: 200, body: { results: [{ id: "1" }] } },
  };
  const created: Exchange = {
    request: { method: "POST", path: "/wiki/api/v2/pages", query: {}, body: {} },
    response: { status: 200, body: { id: "5" } },
  };
  assert.equal(renderExchanges([lookup, created]), `GET /wiki/api/v2/spaces?keys=DEV -> HTTP 200\nHTTP 200\n{"id":"5"}`);
});

test("any body and any bound above a minimum gives a result within the bound", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 120, max: 5000 }), (body, maxChars) => {
      const text = renderExchanges([exchange(200, body)], { maxChars });
      assert.ok(text.length <= maxChars, `${text.length} > ${maxChars}`);
    }),
    { numRuns: 300 },
  );
});
