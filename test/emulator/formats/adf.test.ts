import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  adfToText,
  blockquote,
  bulletList,
  code,
  codeBlock,
  doc,
  em,
  hardBreak,
  heading,
  link,
  mention,
  orderedList,
  panel,
  paragraph,
  rule,
  strong,
  table,
  taskList,
  textToAdf,
  validateAdf,
  MAX_ADF_DEPTH,
  type AdfNode,
} from "../../../src/emulator/adf/index.js";

function messageOf(value: unknown): string {
  const r = validateAdf(value);
  assert.equal(r.ok, false, "expected the document to be rejected");
  return r.ok ? "" : r.message;
}

function assertValid(value: unknown): void {
  const r = validateAdf(value);
  assert.ok(r.ok, r.ok ? "" : r.message);
}

const richDoc = doc(
  heading(2, "Release ", strong("plan")),
  paragraph(
    "See ",
    link("the docs", "https://example.com"),
    " and ",
    code("npm test"),
    hardBreak(),
    em("thanks"),
    " ",
    mention("abc", "Ana"),
  ),
  bulletList("one", [paragraph("two"), orderedList("two.a", "two.b")]),
  codeBlock("const x = 1;\nreturn x;", "typescript"),
  blockquote(paragraph("quoted")),
  rule(),
  panel("info", paragraph("heads up")),
  table(["Name", "Owner"], [["API", "Ana"]]),
  taskList("tl-1", [
    { localId: "t1", done: false, text: "write tests" },
    { localId: "t2", done: true, text: "ship" },
  ]),
);

test("builders produce valid documents covering every supported block", () => {
  assertValid(richDoc);
  assertValid(doc());
  assertValid(textToAdf("a\n\nb"));
});

test("inline nodes and marks from the schema are accepted", () => {
  assertValid(
    doc({
      type: "paragraph",
      content: [
        { type: "text", text: "x", marks: [{ type: "textColor", attrs: { color: "#ff5630" } }, { type: "underline" }, { type: "strike" }] },
        { type: "text", text: "2", marks: [{ type: "subsup", attrs: { type: "sup" } }] },
        { type: "text", text: "c", marks: [{ type: "code" }, { type: "link", attrs: { href: "https://x" } }] },
        { type: "emoji", attrs: { shortName: ":smile:", text: "😄" } },
        { type: "inlineCard", attrs: { url: "https://example.com/x" } },
        { type: "date", attrs: { timestamp: "1700000000000" } },
        { type: "status", attrs: { text: "DONE", color: "green", localId: "s1" } },
        { type: "hardBreak", attrs: { text: "\n" } },
      ],
    }),
  );
  assertValid(
    doc({
      type: "mediaSingle",
      attrs: { layout: "center" },
      content: [{ type: "media", attrs: { type: "file", id: "f-1", collection: "c" } }],
    }),
  );
  assertValid(doc({ type: "paragraph", marks: [{ type: "alignment", attrs: { align: "center" } }], content: [] }));
});

test("document-level problems are reported", () => {
  assert.equal(messageOf("hello"), "ADF: the value is not a document (expected an object with type 'doc')");
  assert.equal(messageOf(null), "ADF: the value is not a document (expected an object with type 'doc')");
  assert.equal(messageOf([]), "ADF: the value is not a document (expected an object with type 'doc')");
  assert.equal(messageOf({ type: "paragraph", version: 1, content: [] }), "ADF: the document's type must be 'doc', got 'paragraph'");
  assert.equal(messageOf({ type: "doc", version: 2, content: [] }), "ADF: the document's version must be 1");
  assert.equal(messageOf({ type: "doc", version: 1 }), "ADF: the document is missing 'content'");
  assert.equal(messageOf({ type: "doc", version: 1, content: {} }), "ADF: the document of type 'doc' has 'content' that is not an array");
  assert.equal(messageOf({ type: "doc", version: 1, content: [], extra: 1 }), "ADF: the document has unknown property 'extra'");
});

test("messages name the path and the problem", () => {
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [strong("a"), { type: "text" }] })),
    "ADF: content[0].content[1] of type 'text' is missing 'text'",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "" }] })),
    "ADF: content[0].content[0] of type 'text' has empty 'text'",
  );
  assert.equal(
    messageOf({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: 5 }] }] }),
    "ADF: content[0].content[0] of type 'text' has 'text' that is not a string",
  );
  assert.equal(messageOf(doc({ type: "heading", content: [] })), "ADF: content[0] of type 'heading' is missing attrs.level");
  assert.equal(
    messageOf(doc({ type: "heading", attrs: { level: 7 }, content: [] })),
    "ADF: content[0] of type 'heading' has invalid attrs.level: must be an integer from 1 to 6",
  );
  assert.equal(messageOf(doc({ type: "blink", content: [] })), "ADF: content[0] has unknown type 'blink'");
  assert.equal(messageOf({ type: "doc", version: 1, content: [{ content: [] }] }), "ADF: content[0] is missing 'type'");
  assert.equal(messageOf(doc("text" as unknown as AdfNode)), "ADF: content[0] is not a node object");
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "bold" }] }] })),
    "ADF: content[0].content[0] of type 'text' has unknown mark 'bold'",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link" }] }] })),
    "ADF: content[0].content[0] of type 'text' has marks[0] of type 'link' that is missing attrs.href",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "strong" }, { type: "strong" }] }] })),
    "ADF: content[0].content[0] of type 'text' has the mark 'strong' twice",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }, { type: "strong" }] }] })),
    "ADF: content[0].content[0] of type 'text' cannot combine the 'code' mark with 'strong'",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "textColor", attrs: { color: "red" } }] }] })),
    "ADF: content[0].content[0] of type 'text' has marks[0] of type 'textColor' that has invalid attrs.color: must be a colour like '#ff5630'",
  );
});

test("allowed-children rules are enforced", () => {
  assert.equal(messageOf(doc({ type: "text", text: "bare" })), "ADF: content[0] of type 'text' is not allowed inside 'doc'");
  assert.equal(
    messageOf(doc(paragraph(paragraph("x") as unknown as string))),
    "ADF: content[0].content[0] of type 'paragraph' is not allowed inside 'paragraph'",
  );
  assert.equal(
    messageOf(doc({ type: "bulletList", content: [paragraph("x")] })),
    "ADF: content[0].content[0] of type 'paragraph' is not allowed inside 'bulletList'",
  );
  assert.equal(messageOf(doc({ type: "bulletList", content: [] })), "ADF: content[0] of type 'bulletList' must have at least 1 child node");
  assert.equal(
    messageOf(doc({ type: "listItem", content: [paragraph("x")] })),
    "ADF: content[0] of type 'listItem' is not allowed inside 'doc'",
  );
  assert.equal(
    messageOf(doc({ type: "codeBlock", content: [strong("x")] })),
    "ADF: content[0].content[0] of type 'text' cannot have marks inside 'codeBlock'",
  );
  assert.equal(messageOf(doc({ type: "rule", content: [] })), "ADF: content[0] of type 'rule' cannot have 'content'");
  assert.equal(
    messageOf(doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [] }] }] })),
    "ADF: content[0].content[0].content[0] of type 'tableCell' must have at least 1 child node",
  );
  assert.equal(
    messageOf(doc({ type: "taskList", attrs: { localId: "a" }, content: [{ type: "taskItem", attrs: { localId: "b", state: "OPEN" } }] })),
    "ADF: content[0].content[0] of type 'taskItem' has invalid attrs.state: must be one of 'TODO', 'DONE'",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", content: [{ type: "mention", attrs: { text: "@x" } }] })),
    "ADF: content[0].content[0] of type 'mention' is missing attrs.id",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", attrs: { colour: "red" }, content: [] })),
    "ADF: content[0] of type 'paragraph' has unknown attribute 'colour'",
  );
  assert.equal(
    messageOf(doc({ type: "paragraph", style: "x" } as AdfNode)),
    "ADF: content[0] of type 'paragraph' has unknown property 'style'",
  );
});

test("prototype-looking names are rejected cleanly", () => {
  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    assert.equal(messageOf(doc({ type: name })), `ADF: content[0] has unknown type '${name}'`);
    assert.match(messageOf(doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: name }] }] })), /unknown mark/);
    assert.match(
      messageOf(doc({ type: "heading", attrs: JSON.parse(`{"level":1,"${name}":1}`) as Record<string, unknown> })),
      /unknown attribute/,
    );
  }
  assert.match(messageOf(JSON.parse('{"type":"doc","version":1,"content":[],"__proto__":{"x":1}}')), /unknown property '__proto__'/);
});

test("deep nesting gives an error, not a stack overflow", () => {
  let node: AdfNode = paragraph("leaf");
  for (let i = 0; i < 10_000; i++) node = { type: "blockquote", content: [node] } as AdfNode;
  // blockquote cannot hold blockquote; use lists, which legitimately nest.
  let list: AdfNode = bulletList("leaf");
  for (let i = 0; i < 10_000; i++) list = { type: "bulletList", content: [{ type: "listItem", content: [paragraph("x"), list] }] };
  assert.match(messageOf(doc(list)), /nested too deeply/);
  assert.match(messageOf(doc(node)), /not allowed inside 'blockquote'/);
  let ok: AdfNode = bulletList("leaf");
  for (let i = 0; i < MAX_ADF_DEPTH / 2 - 2; i++)
    ok = { type: "bulletList", content: [{ type: "listItem", content: [paragraph("x"), ok] }] };
  assertValid(doc(ok));
  assert.equal(adfToText(doc(list)).length > 0, true);
});

test("random JSON never throws", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      validateAdf(value);
      validateAdf({ type: "doc", version: 1, content: [value] });
      validateAdf({ type: "doc", version: 1, content: [{ type: "paragraph", content: [value] }] });
    }),
    { numRuns: 400 },
  );
});

test("random mutations of a valid document never throw, and text extraction of valid results never throws", () => {
  const types = ["paragraph", "text", "heading", "listItem", "bulletList", "mention", "__proto__", "taskItem", "table", "tableCell"];
  const arbNode: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.record(
      {
        type: fc.constantFrom(...types),
        text: fc.string(),
        attrs: fc.dictionary(fc.constantFrom("level", "id", "localId", "state", "text"), fc.oneof(fc.integer(), fc.string())),
        content: fc.array(tie("node"), { maxLength: 3 }),
      },
      { requiredKeys: ["type"] },
    ),
  })).node;
  fc.assert(
    fc.property(fc.array(arbNode, { maxLength: 4 }), (content) => {
      const r = validateAdf({ type: "doc", version: 1, content });
      if (r.ok) adfToText(r.doc);
    }),
    { numRuns: 500 },
  );
});

test("adfToText gives one line per block and readable inline text", () => {
  assert.equal(
    adfToText(richDoc),
    [
      "Release plan",
      "See the docs and npm test\nthanks @Ana",
      "one",
      "two",
      "two.a",
      "two.b",
      "const x = 1;\nreturn x;",
      "quoted",
      "heads up",
      "Name\tOwner",
      "API\tAna",
      "write tests",
      "ship",
    ].join("\n"),
  );
  assert.equal(adfToText(doc({ type: "paragraph", content: [{ type: "date", attrs: { timestamp: "1700000000000" } }] })), "2023-11-14");
});

test("textToAdf and adfToText round-trip plain text", () => {
  assert.deepEqual(textToAdf(""), { type: "doc", version: 1, content: [] });
  assert.deepEqual(textToAdf("a\n\nb").content, [paragraph("a"), { type: "paragraph", content: [] }, paragraph("b")]);
  fc.assert(
    fc.property(fc.string(), (s) => {
      const d = textToAdf(s);
      assert.ok(validateAdf(d).ok);
      assert.equal(adfToText(d), s.replace(/\r\n|\r/g, "\n"));
    }),
  );
});
