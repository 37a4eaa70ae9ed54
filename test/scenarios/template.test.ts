import { test } from "node:test";
import assert from "node:assert/strict";
import { joinWithAnd, render, templateSet } from "../../src/scenarios/text/template.js";

test("render fills slots and drops optional groups whose slots are empty", () => {
  const text = "Create a {type} in {project}[, assigned to {person}][, due {due}].";
  assert.equal(render(text, { type: "bug", project: "PAY", person: "Ana", due: "" }), "Create a bug in PAY, assigned to Ana.");
  assert.equal(render(text, { type: "bug", project: "PAY" }), "Create a bug in PAY.");
  assert.throws(() => render(text, { type: "bug" }), /slot \{project\}/);
});

test("templateSet holds out the last templates for the test split", () => {
  const set = templateSet("x", ["a", "b", "c", "d"], 1);
  assert.deepEqual(
    set.train.map((t) => t.id),
    ["x.1", "x.2", "x.3"],
  );
  assert.deepEqual(
    set.test.map((t) => t.text),
    ["d"],
  );
  assert.throws(() => templateSet("x", ["a"], 1));
});

test("joinWithAnd", () => {
  assert.equal(joinWithAnd(["a"]), "a");
  assert.equal(joinWithAnd(["a", "b", "c"]), "a, b and c");
});
