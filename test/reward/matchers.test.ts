import { test } from "node:test";
import assert from "node:assert/strict";
import { adfHaystack, countTags, matches, storageHaystack } from "../../src/reward/matchers.js";
import { canonicalJson, valuesAt } from "../../src/reward/values.js";
import { inventedFields } from "../../src/reward/invented.js";

const adf = (text: string, href?: string) => ({
  type: "doc",
  version: 1,
  content: [{ type: "paragraph", content: [{ type: "text", text, ...(href ? { marks: [{ type: "link", attrs: { href } }] } : {}) }] }],
});

test("valuesAt reads dotted paths, indexes arrays and fans out on *", () => {
  const root = { body: { fields: { labels: ["a", "b"] }, update: { comment: [{ add: { body: 1 } }, { add: { body: 2 } }] } } };
  assert.deepEqual(valuesAt(root, "body.fields.labels.1"), ["b"]);
  assert.deepEqual(valuesAt(root, "body.update.comment.*.add.body"), [1, 2]);
  assert.deepEqual(valuesAt(root, "body.nope.x"), []);
  assert.deepEqual(valuesAt({ a: {} }, "a.__proto__"), []);
  assert.deepEqual(valuesAt({ a: {} }, "a.constructor"), []);
});

test("canonicalJson ignores key order", () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] }), canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
});

test("equality matchers", () => {
  assert.ok(matches({ equals: { id: "1" } }, { id: "1" }));
  assert.ok(!matches({ equals: "1" }, 1));
  assert.ok(matches({ oneOf: ["PAY", "10001"] }, "10001"));
  assert.ok(!matches({ oneOf: ["PAY", "10001"] }, "pay"));
  assert.ok(matches({ sameText: "Fix  the Login " }, "fix the login"));
  assert.ok(!matches({ sameText: "Fix the login" }, "Fix the login page"));
  assert.ok(matches({ textIncludes: ["login", "SAFARI"] }, "Login broken on Safari 17"));
  assert.ok(matches({ absent: true }, undefined));
  assert.ok(matches({ absent: true }, null));
  assert.ok(!matches({ absent: true }, ""));
});

test("array matchers", () => {
  assert.ok(matches({ includesAll: ["a", "b"] }, ["c", "b", "a"]));
  assert.ok(!matches({ includesAll: ["a", "b"] }, ["a"]));
  assert.ok(matches({ setEquals: ["a", "b"] }, ["b", "a"]));
  assert.ok(!matches({ setEquals: ["a", "b"] }, ["b", "a", "c"]));
  assert.ok(!matches({ setEquals: ["a", "b"] }, ["a", "a"]));
  assert.ok(!matches({ includesAll: ["a"] }, "a"));
});

test("ADF matcher needs a document and finds text and link targets", () => {
  assert.ok(matches({ adfIncludes: ["the export"] }, adf("Fix the export now")));
  assert.ok(matches({ adfIncludes: ["/pages/123"] }, adf("see page", "https://x.atlassian.net/wiki/spaces/A/pages/123")));
  assert.ok(!matches({ adfIncludes: ["the export"] }, "Fix the export now"));
  assert.ok(!matches({ adfIncludes: ["missing"] }, adf("Fix the export now")));
  assert.equal(adfHaystack({ type: "doc", content: [{ text: "A" }, { text: "B" }] }), "a b");
});

test("storage matcher counts tags and reads text and attributes", () => {
  const xhtml =
    '<h2>Plan</h2><ul><li>One &amp; two</li><li>Three</li></ul><table><tbody><tr><td>x</td></tr></tbody></table><p><a href="https://example.com/x">link</a></p>';
  assert.equal(countTags(xhtml, "li"), 2);
  assert.equal(countTags(xhtml, "t"), 0);
  assert.equal(countTags(xhtml, "table"), 1);
  assert.ok(storageHaystack(xhtml).includes("one & two"));
  assert.ok(
    matches({ storageHas: { elements: [{ tag: "table" }, { tag: "li", min: 2 }], includes: ["Plan", "https://example.com/x"] } }, xhtml),
  );
  assert.ok(!matches({ storageHas: { elements: [{ tag: "li", min: 3 }] } }, xhtml));
  assert.ok(!matches({ storageHas: { elements: [{ tag: "h3" }] } }, xhtml));
});

test("inventedFields reports undeclared properties, but trusts open maps", () => {
  const schema = {
    type: "object",
    properties: {
      title: { type: "string" },
      body: { type: "object", properties: { value: { type: "string" } } },
      fields: { type: "object", properties: { summary: {} }, additionalProperties: true },
      items: { type: "array", items: { type: "object", properties: { name: {} } } },
    },
  };
  assert.deepEqual(inventedFields(schema, { title: "t", body: { value: "v" }, fields: { anything: 1 } }), []);
  assert.deepEqual(inventedFields(schema, { title: "t", colour: "red", body: { value: "v", extra: 1 }, items: [{ name: "a", x: 1 }] }), [
    "body.colour",
    "body.body.extra",
    "body.items.0.x",
  ]);
  assert.deepEqual(inventedFields({ type: "object", additionalProperties: false }, { a: 1 }), []);
});
