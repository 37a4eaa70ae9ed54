import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseJql, printJql, type JqlClause, type JqlQuery } from "../../../src/emulator/jira/jql/index.js";

function parse(jql: string): JqlQuery {
  const result = parseJql(jql);
  if (!result.ok) throw new Error(result.errorMessages.join(" | "));
  return result.query;
}

function where(jql: string): JqlClause {
  const clause = parse(jql).where;
  assert.ok(clause);
  return clause;
}

function syntaxError(jql: string): string {
  const result = parseJql(jql);
  assert.equal(result.ok, false, `expected a syntax error for ${JSON.stringify(jql)}`);
  return result.ok ? "" : (result.errorMessages[0] as string);
}

const term = (field: string, operator: string, value: string): JqlClause =>
  ({
    kind: "terminal",
    field: { name: field, quoted: false },
    operator,
    operand: { kind: "value", value, quoted: false, numeric: /^-?\d+$/.test(value) },
  }) as JqlClause;

describe("JQL parser: structure", () => {
  test("a terminal clause keeps the field as written and the operand's quoting", () => {
    assert.deepEqual(where(`Status = "In Progress"`), {
      kind: "terminal",
      field: { name: "Status", quoted: false },
      operator: "=",
      operand: { kind: "value", value: "In Progress", quoted: true, numeric: false },
    });
    assert.deepEqual(where("id = 10001"), term("id", "=", "10001"));
  });

  test("AND binds tighter than OR, NOT tighter than AND", () => {
    assert.deepEqual(where("a = 1 OR b = 2 AND c = 3"), {
      kind: "or",
      clauses: [term("a", "=", "1"), { kind: "and", clauses: [term("b", "=", "2"), term("c", "=", "3")] }],
    });
    assert.deepEqual(where("NOT a = 1 AND b = 2"), {
      kind: "and",
      clauses: [{ kind: "not", clause: term("a", "=", "1") }, term("b", "=", "2")],
    });
    assert.deepEqual(where("(a = 1 OR b = 2) AND c = 3"), {
      kind: "and",
      clauses: [{ kind: "or", clauses: [term("a", "=", "1"), term("b", "=", "2")] }, term("c", "=", "3")],
    });
  });

  test("&&, ||, & and | and ! are AND, OR and NOT; keywords are case-insensitive", () => {
    const words = where("a = 1 and not b = 2 or c = 3");
    assert.deepEqual(where("a = 1 && !b = 2 || c = 3"), words);
    assert.deepEqual(where("a = 1 & ! b = 2 | c = 3"), words);
    assert.deepEqual(where("a = 1 AND NOT b = 2 OR c = 3"), words);
    assert.deepEqual(where("a = 1 aNd NoT b = 2 oR c = 3"), words);
  });

  test("every operator", () => {
    const operators = ["=", "!=", "~", "!~", ">", ">=", "<", "<="];
    for (const op of operators) assert.equal((where(`f ${op} v`) as { operator: string }).operator, op);
    assert.equal((where("f in (v)") as { operator: string }).operator, "in");
    assert.equal((where("f NOT IN (v)") as { operator: string }).operator, "not in");
    assert.equal((where("f is EMPTY") as { operator: string }).operator, "is");
    assert.equal((where("f IS NOT null") as { operator: string }).operator, "is not");
    assert.deepEqual(where("f=v"), where("f = v"));
    assert.deepEqual(where("f!=v"), where("f != v"));
  });

  test("operands: EMPTY/NULL, quoted strings with escapes, numbers, functions, nested lists", () => {
    assert.deepEqual((where("f is null") as { operand: unknown }).operand, { kind: "empty", text: "null" });
    assert.deepEqual((where(`f = 'it\\'s "x"'`) as { operand: unknown }).operand, {
      kind: "value",
      value: `it's "x"`,
      quoted: true,
      numeric: false,
    });
    assert.deepEqual((where(`f = "a\\tb\\u0041\\\\"`) as { operand: unknown }).operand, {
      kind: "value",
      value: "a\tbA\\",
      quoted: true,
      numeric: false,
    });
    assert.deepEqual((where(`f = "10001"`) as { operand: unknown }).operand, {
      kind: "value",
      value: "10001",
      quoted: true,
      numeric: false,
    });
    assert.deepEqual((where("f = -7d") as { operand: unknown }).operand, { kind: "value", value: "-7d", quoted: false, numeric: false });
    assert.deepEqual((where("f = startOfDay(-1d, 'x y')") as { operand: unknown }).operand, {
      kind: "function",
      name: "startOfDay",
      args: ["-1d", "x y"],
    });
    assert.deepEqual((where("f in (a, (b, EMPTY), now())") as { operand: unknown }).operand, {
      kind: "list",
      items: [
        { kind: "value", value: "a", quoted: false, numeric: false },
        {
          kind: "list",
          items: [
            { kind: "value", value: "b", quoted: false, numeric: false },
            { kind: "empty", text: "EMPTY" },
          ],
        },
        { kind: "function", name: "now", args: [] },
      ],
    });
  });

  test("ORDER BY with and without a restriction", () => {
    assert.deepEqual(parse(""), { where: null, orderBy: null });
    assert.deepEqual(parse("  order by created, Priority DESC, key asc"), {
      where: null,
      orderBy: [
        { field: { name: "created", quoted: false }, direction: null },
        { field: { name: "Priority", quoted: false }, direction: "desc" },
        { field: { name: "key", quoted: false }, direction: "asc" },
      ],
    });
    assert.deepEqual(parse("project = X ORDER BY key").orderBy, [{ field: { name: "key", quoted: false }, direction: null }]);
  });

  test("quoted and custom field names", () => {
    assert.deepEqual(where(`"Epic Link" = X-1`), {
      kind: "terminal",
      field: { name: "Epic Link", quoted: true },
      operator: "=",
      operand: { kind: "value", value: "X-1", quoted: false, numeric: false },
    });
    assert.deepEqual((where("cf[10010] = 3") as { field: unknown }).field, { name: "cf[10010]", quoted: false });
  });
});

describe("JQL parser: printing round-trips", () => {
  const queries = [
    "project = ENG",
    `project = "My Project" AND status in ("To Do", 'In Progress', 10001) ORDER BY created DESC, key`,
    "a = 1 OR b = 2 AND c = 3",
    "(a = 1 OR b = 2) AND NOT (c = 3 OR d ~ 'x y') AND NOT e is EMPTY",
    "((a = 1 OR b = 2) OR c = 3) AND ((d = 4 AND e = 5))",
    "NOT NOT a = 1",
    "assignee in (currentUser(), EMPTY, 'acc-1') AND created >= -7d AND updated < startOfWeek(\"-1w\")",
    `summary ~ "\\"exact phrase\\" fix*" AND labels not in (a, "b c", "") ORDER BY priority desc`,
    'f = \\u0061nd OR g = \'and\' OR h = "12" OR i = 12 OR "order" = x',
    "f = a\\ b\\u0028c",
    "cf[10001] = x",
    "ORDER BY key",
    "",
  ];
  for (const jql of queries) {
    test(JSON.stringify(jql), () => {
      const first = parse(jql);
      const printed = printJql(first);
      assert.deepEqual(parse(printed), first, `printed as ${printed}`);
      assert.equal(printJql(parse(printed)), printed);
    });
  }
});

describe("JQL parser: syntax errors in Jira's words", () => {
  const cases: Array<[string, string]> = [
    ["project = ENG status", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"],
    ["project = ENG AND", "Error in the JQL Query: Expecting a field name at the end of the query."],
    ["project =", "Error in JQL Query: Expecting either a value, list or function before the end of the query."],
    [
      "project = ENG AND status = = Done",
      "Error in JQL Query: Expecting either a value, list or function but got '='. You must surround '=' in quotation marks to use it as a value. (line 1, character 28)",
    ],
    [
      "project = OR",
      "Error in JQL Query: Expecting either a value, list or function but got 'OR'. You must surround 'OR' in quotation marks to use it as a value. (line 1, character 11)",
    ],
    ["project = ENG AND (status = Done", "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['summary ~ "unclosed', "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)"],
    ["comment ~ '", "Error in the JQL Query: The quoted string has not been completed. (line 1, character 11)"],
    ['priority="test\nword', "Error in the JQL Query: The quoted string 'test word' has not been completed. (line 1, character 10)"],
    [
      "a",
      "Error in the JQL Query: Expecting operator before the end of the query. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.",
    ],
    [
      "a blah >",
      "Error in the JQL Query: Expecting operator but got 'blah'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 3)",
    ],
    ["a =a and j not is empty", "Error in the JQL Query: Expecting 'IN' but got 'is'. (line 1, character 16)"],
    ["a =a and j is ! empty", "Error in the JQL Query: Expecting 'NOT' but got '!'. (line 1, character 15)"],
    ["a =b order", "Error in the JQL Query: Expecting 'by' before the end of the query."],
    ["a =b order summary", "Error in the JQL Query: Expecting 'by' but got 'summary'. (line 1, character 12)"],
    ["a =b order by", "Error in the JQL Query: Expecting a field name at the end of the query."],
    [
      "a =b order by asc",
      "Error in the JQL Query: Expecting a field name but got 'asc'. You must surround 'asc' in quotation marks to use it as a field name. (line 1, character 15)",
    ],
    ["a =b order by ajsks blah", "Error in the JQL Query: Expecting either 'ASC' or 'DESC' but got 'blah'. (line 1, character 21)"],
    ["order by a desc d", "Error in the JQL Query: Expecting ',' but got 'd'. (line 1, character 17)"],
    ['a =b order by "" desc', "Error in the JQL Query: A field name cannot be empty. (line 1, character 15)"],
    ["'' = c", "Error in the JQL Query: A field name cannot be empty. (line 1, character 1)"],
    ["a = ''()", "Error in the JQL Query: A function name cannot be empty. (line 1, character 5)"],
    ["a = func(", "Error in the JQL Query: Expecting ')' before the end of the query."],
    ["a = func(, and not (a = x)", "Error in the JQL Query: Expecting ')' but got ','. (line 1, character 10)"],
    ["bas=func(bad,)", "Error in the JQL Query: Function argument must be specified. (line 1, character 14)"],
    ["bas=func(bad,", "Error in the JQL Query: Expecting a function argument at the end of the query."],
    [
      "k = func(!",
      "Error in the JQL Query: Expecting a function argument but got '!'. You must surround '!' in quotation marks to use it as an argument. (line 1, character 10)",
    ],
    ["k = func(abc, jk!)", "Error in the JQL Query: Expecting ')' or ',' but got '!'. (line 1, character 17)"],
    ["abc IN ((foo) abc = a", "Error in the JQL Query: Expecting ')' but got 'abc'. (line 1, character 15)"],
    ["a=b !c=d", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got '!'. (line 1, character 5)"],
    [
      ", a = b",
      "Error in the JQL Query: Expecting a field name but got ','. You must surround ',' in quotation marks to use it as a field name. (line 1, character 1)",
    ],
    ["[brenden] = a", "Error in the JQL Query: Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 1)"],
    ["cf[ = 9", "Error in the JQL Query: Expecting a custom field id (a positive number) but got '='. (line 1, character 5)"],
    ["cf[29829 = world", "Error in the JQL Query: Expecting ']' but got '='. (line 1, character 10)"],
    [
      "summary ~ select",
      "Error in the JQL Query: 'select' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)",
    ],
    [
      "reporter = a@b",
      "Error in the JQL Query: The character '@' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0040' instead. (line 1, character 13)",
    ],
    [
      "mine{www = qwwr",
      "Error in the JQL Query: The character '{' is a reserved JQL character. You must enclose it in a string or use the escape '\\u007b' instead. (line 1, character 5)",
    ],
    [
      "minewww =\u007fqwwr",
      "Error in the JQL Query: The character 'U+007F' on line 1 at position 10 must be escaped. Use the escape '\\u007f' instead. (line 1, character 10)",
    ],
    [
      "comme\\unt ~ 'test'",
      "Error in the JQL Query: '\\un' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 6)",
    ],
    [
      "aaaaa=-3482094382084092840932809482",
      "Error in the JQL Query: '-3482094382084092840932809482' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 7)",
    ],
    [
      "project = ENG\n  AND status foo",
      "Error in the JQL Query: Expecting operator but got 'foo'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 2, character 14)",
    ],
    ["status was Done", "The operator 'was' is not supported by the 'status' field."],
  ];
  for (const [jql, message] of cases) {
    test(JSON.stringify(jql), () => assert.equal(syntaxError(jql), message));
  }
});

describe("JQL parser: hostile input", () => {
  test("deep nesting is an error, not a stack overflow", () => {
    for (const jql of [
      "(".repeat(10_000),
      "(".repeat(10_000) + "a = b" + ")".repeat(10_000),
      "NOT ".repeat(10_000) + "a = b",
      "! ".repeat(10_000) + "a = b",
    ]) {
      assert.match(syntaxError(jql), /^Error in the JQL Query: The query is nested too deeply\./);
    }
    assert.match(syntaxError("a in " + "(".repeat(10_000) + "b" + ")".repeat(10_000)), /nested too deeply/);
  });

  test("nesting up to the limit parses", () => {
    assert.ok(parseJql("(".repeat(99) + "a = b" + ")".repeat(99)).ok);
    assert.ok(parseJql("NOT ".repeat(99) + "a = b").ok);
  });

  test("long flat queries parse quickly", () => {
    const jql = Array.from({ length: 20_000 }, (_, i) => `f${i} = v${i}`).join(" OR ");
    const started = performance.now();
    const result = parseJql(jql);
    assert.ok(result.ok);
    assert.ok(performance.now() - started < 2_000);
  });
});
