import { test } from "node:test";
import assert from "node:assert/strict";
import { selectFields, selectFieldsArg } from "../../../src/emulator/jira/fields/select.js";
import { decodePageToken, encodePageToken } from "../../../src/emulator/jira/search/token.js";
import { formatJiraDateTime, isCalendarDate } from "../../../src/emulator/jira/time.js";
import { FieldErrors } from "../../../src/emulator/jira/errors.js";

const ids = (requested: string[], fallback: "*all" | "id" = "*all") => selectFields(requested, fallback).fields.map((f) => f.id);

test("field selection: *all, *navigable, names, exclusions, id-only", () => {
  assert.ok(ids([]).includes("comment"));
  assert.ok(!ids(["*navigable"]).includes("comment"));
  assert.deepEqual(ids(["summary", "Status"]), ["summary", "status"]);
  assert.ok(!ids(["*all", "-comment"]).includes("comment"));
  assert.ok(!ids(["-description"]).includes("description") && ids(["-description"]).includes("summary"));
  assert.deepEqual(ids(["nonsense"]), []);
  assert.equal(selectFields([], "id").idOnly, true);
  assert.equal(selectFields(["id"], "id").idOnly, true);
  assert.equal(selectFields(["key"], "id").idOnly, false);
  assert.deepEqual(
    selectFieldsArg(["summary,labels"], "id").fields.map((f) => f.id),
    ["summary", "labels"],
  );
  assert.equal(selectFieldsArg(["summary,labels"], "id"), selectFieldsArg("summary,labels", "id"));
});

test("page tokens round-trip and are bound to their query", () => {
  const token = encodePageToken(150, "project = A");
  assert.match(token, /^[A-Za-z0-9_-]+$/);
  assert.equal(decodePageToken(token, "project = A"), 150);
  assert.equal(decodePageToken(token, "project = B"), undefined);
  for (const bad of ["", "!!", "a".repeat(300), Buffer.from("v1:-1:x").toString("base64url")])
    assert.equal(decodePageToken(bad, "project = A"), undefined);
});

test("dates: Jira's timestamp format and real calendar dates only", () => {
  assert.equal(formatJiraDateTime(Date.UTC(2026, 4, 28, 14, 3, 11)), "2026-05-28T14:03:11.000+0000");
  assert.ok(isCalendarDate("2024-02-29"));
  for (const bad of ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "tomorrow"]) assert.ok(!isCalendarDate(bad), bad);
});

test("field errors keep hostile field names as plain own properties", () => {
  const errors = new FieldErrors();
  errors.add("__proto__", "a");
  errors.add("constructor", "b");
  errors.add("__proto__", "ignored: first message wins");
  const object = errors.toObject();
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(object)), JSON.parse('{"__proto__":"a","constructor":"b"}'));
});
