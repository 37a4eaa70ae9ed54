/** ORDER BY, the default order, `bounded` and `narrowing`. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compileJql, type CompiledJql } from "../../../src/emulator/jira/jql/index.js";
import { ISSUES, makeContext, search } from "./jql-fixture.test.js";

function compiled(jql: string): CompiledJql {
  const result = compileJql(jql, makeContext());
  if (!result.ok) throw new Error(result.errorMessages.join(" | "));
  return result.query;
}

describe("ORDER BY", () => {
  const cases: Array<[string, string[]]> = [
    ["project in (ENG, OPS)", ["OPS-3", "OPS-2", "OPS-1", "ENG-10", "ENG-3", "ENG-2", "ENG-1"]],
    ["ORDER BY key", ["ENG-1", "ENG-2", "ENG-3", "ENG-10", "OPS-1", "OPS-2", "OPS-3"]],
    ["ORDER BY issuekey DESC", ["OPS-3", "OPS-2", "OPS-1", "ENG-10", "ENG-3", "ENG-2", "ENG-1"]],
    ["ORDER BY created", ["OPS-3", "OPS-2", "ENG-3", "ENG-2", "ENG-1", "ENG-10", "OPS-1"]],
    ["ORDER BY created ASC", ["OPS-1", "ENG-10", "ENG-1", "ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ["order by updated desc", ["OPS-3", "ENG-3", "OPS-1", "OPS-2", "ENG-2", "ENG-1", "ENG-10"]],
    ["ORDER BY priority", ["ENG-3", "ENG-10", "ENG-1", "ENG-2", "OPS-3", "OPS-1", "OPS-2"]],
    ["ORDER BY priority ASC", ["OPS-2", "OPS-1", "ENG-2", "OPS-3", "ENG-1", "ENG-10", "ENG-3"]],
    ["ORDER BY status", ["ENG-3", "OPS-2", "ENG-2", "OPS-3", "ENG-10", "ENG-1", "OPS-1"]],
    ["ORDER BY assignee", ["ENG-1", "OPS-3", "ENG-2", "OPS-1", "ENG-10", "OPS-2", "ENG-3"]],
    ["ORDER BY project DESC, key ASC", ["OPS-1", "OPS-2", "OPS-3", "ENG-1", "ENG-2", "ENG-3", "ENG-10"]],
    ["ORDER BY duedate", ["ENG-1", "OPS-2", "ENG-2", "ENG-10", "ENG-3", "OPS-1", "OPS-3"]],
    ["ORDER BY statusCategory, summary", ["OPS-2", "ENG-3", "ENG-10", "OPS-3", "ENG-2", "ENG-1", "OPS-1"]],
    ["ORDER BY resolution", ["ENG-1", "OPS-1", "ENG-2", "ENG-3", "ENG-10", "OPS-2", "OPS-3"]],
    ["ORDER BY parent", ["ENG-3", "OPS-3", "ENG-1", "ENG-2", "ENG-10", "OPS-1", "OPS-2"]],
    ["ORDER BY issuetype, id DESC", ["OPS-2", "ENG-1", "OPS-1", "ENG-2", "ENG-10", "OPS-3", "ENG-3"]],
    ["project = ENG ORDER BY reporter, created", ["ENG-3", "ENG-2", "ENG-1", "ENG-10"]],
    ["project = ENG ORDER BY Rank ASC", ["ENG-1", "ENG-2", "ENG-3", "ENG-10"]],
  ];
  for (const [jql, keys] of cases) test(jql, () => assert.deepEqual(search(jql), keys));

  test("every comparator is a strict total order (antisymmetric, transitive, ties end on the id)", () => {
    for (const [jql] of cases) {
      const { compare } = compiled(jql);
      for (const a of ISSUES) {
        assert.equal(compare(a, a), 0);
        for (const b of ISSUES) {
          if (a !== b) assert.notEqual(compare(a, b), 0, jql);
          assert.ok(Math.sign(compare(a, b)) === -Math.sign(compare(b, a)), jql);
          for (const c of ISSUES) if (compare(a, b) < 0 && compare(b, c) < 0) assert.ok(compare(a, c) < 0, jql);
        }
      }
    }
  });
});

describe("bounded: /search/jql refuses queries without a restriction", () => {
  for (const [jql, bounded] of [
    ["", false],
    ["   \n ", false],
    ["ORDER BY created DESC", false],
    ["project = ENG", true],
    ["assignee = currentUser()", true],
    ["created >= -30d ORDER BY created", true],
    ["NOT project = ENG", true],
  ] as Array<[string, boolean]>) {
    test(JSON.stringify(jql), () => assert.equal(compiled(jql).bounded, bounded));
  }
});

describe("narrowing", () => {
  const cases: Array<[string, CompiledJql["narrowing"]]> = [
    ["project = ENG", { projectKeys: ["ENG"] }],
    ["project in (eng, Operations) AND status = Done", { projectKeys: ["ENG", "OPS"] }],
    ["project = ENG AND project = OPS", { projectKeys: [] }],
    ["status = Done AND (project = OPS AND labels = urgent)", { projectKeys: ["OPS"] }],
    ["key in (ENG-1, ops-2) AND project = ENG", { projectKeys: ["ENG"], issueKeys: ["ENG-1", "OPS-2"] }],
    ["key = eng-1", { issueKeys: ["ENG-1"] }],
    ["project = ENG OR status = Done", undefined],
    ["NOT project = ENG", undefined],
    ["project != ENG", undefined],
    ["id = 20001", undefined],
    ["status = Done", undefined],
  ];
  for (const [jql, narrowing] of cases) test(jql, () => assert.deepEqual(compiled(jql).narrowing, narrowing));
});
