/** Property-based tests: hostile input never throws; negation, printing and narrowing behave on random queries. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { compileJql, parseJql, printJql, type JqlIssueView } from "../../../src/emulator/jira/jql/index.js";
import { ISSUES, NOW, makeContext } from "./jql-fixture.test.js";

const context = makeContext();

describe("hostile input", () => {
  const TOKENS = [
    "project",
    "status",
    "assignee",
    "summary",
    "text",
    "created",
    "due",
    "key",
    "labels",
    "foo",
    "cf[",
    "cf[1]",
    "]",
    "[",
    "=",
    "!=",
    "~",
    "!~",
    "<",
    "<=",
    ">",
    ">=",
    "in",
    "not",
    "is",
    "empty",
    "null",
    "was",
    "and",
    "or",
    "&&",
    "||",
    "&",
    "|",
    "!",
    "(",
    ")",
    ",",
    "order",
    "by",
    "asc",
    "desc",
    "'",
    '"',
    "\\",
    "\\u00",
    "\\u0041",
    "ENG",
    "ENG-1",
    "-7d",
    "4w 2d",
    "10000",
    "99999999999999999999999",
    "currentUser()",
    "now(",
    "startOfDay(-1)",
    'endOfMonth("-1M")',
    "*",
    "@",
    "#",
    "select",
    "\n",
    "\u0000",
    "\u007f",
    "é",
    "😀",
  ];
  const tokenSoup = fc
    .array(fc.constantFrom(...TOKENS), { maxLength: 25 })
    .chain((tokens) =>
      fc
        .array(fc.constantFrom("", " ", "  "), { minLength: tokens.length, maxLength: tokens.length })
        .map((gaps) => tokens.map((t, i) => t + gaps[i]).join("")),
    );

  function assertWellBehaved(jql: string): void {
    const result = compileJql(jql, context);
    if (result.ok) {
      for (const issue of ISSUES) assert.equal(typeof result.query.matches(issue), "boolean");
      [...ISSUES].sort(result.query.compare);
    } else {
      assert.ok(result.errorMessages.length > 0);
      for (const message of result.errorMessages) assert.ok(typeof message === "string" && message.length > 0);
    }
  }

  test("random token soups give {ok:true} or {ok:false}, never an exception", () => {
    fc.assert(fc.property(tokenSoup, assertWellBehaved), { numRuns: 3000 });
  });

  test("random strings (any code unit) never throw", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), assertWellBehaved), { numRuns: 2000 });
  });

  test("random text-search values never throw", () => {
    const value = fc.string({ unit: "binary", maxLength: 40 }).map((s) => JSON.stringify(s));
    fc.assert(
      fc.property(fc.constantFrom("summary", "text", "description"), value, (field, v) => assertWellBehaved(`${field} ~ ${v}`)),
      { numRuns: 1500 },
    );
  });

  test("random date values and function arguments never throw", () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[+-]?[0-9]{1,25}[yMwdhm]?$/));
    fc.assert(
      fc.property(
        fc.constantFrom("created", "due", "updated"),
        fc.constantFrom(">", "<=", "="),
        value,
        fc.boolean(),
        (field, op, v, asFunction) =>
          assertWellBehaved(asFunction ? `${field} ${op} startOfMonth(${JSON.stringify(v)})` : `${field} ${op} ${JSON.stringify(v)}`),
      ),
      { numRuns: 1500 },
    );
  });
});

// --- random well-formed queries -------------------------------------------------------------------------------

/** A clause plus the fields it reads, so a test can tell when EMPTY values are involved. */
interface Generated {
  jql: string;
  fields: string[];
}

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

function listOf(values: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.array(values, { minLength: 1, maxLength: 3 }).map((items) => `(${items.join(", ")})`);
}

function equalityClause(
  field: string,
  values: fc.Arbitrary<string>,
  options: { empty?: boolean; ordering?: boolean } = {},
): fc.Arbitrary<Generated> {
  const withEmpty = options.empty ? fc.oneof(values, pick("EMPTY")) : values;
  const forms: Array<fc.Arbitrary<string>> = [
    fc.tuple(pick("=", "!="), withEmpty).map(([op, v]) => `${field} ${op} ${v}`),
    fc.tuple(pick("in", "not in"), listOf(withEmpty)).map(([op, list]) => `${field} ${op} ${list}`),
  ];
  if (options.empty) forms.push(pick("is", "is not").map((op) => `${field} ${op} EMPTY`));
  if (options.ordering) forms.push(fc.tuple(pick(">", ">=", "<", "<="), values).map(([op, v]) => `${field} ${op} ${v}`));
  return fc.oneof(...forms).map((jql) => ({ jql, fields: [field] }));
}

function textClause(field: string, negatable: boolean, empty: boolean): fc.Arbitrary<Generated> {
  const values = pick("login", '"fix*"', "'\"alert thresholds\"'", "disk", '"login OR csv"', '"export -excel"', "the");
  const forms = [fc.tuple(negatable ? pick("~", "!~") : pick("~"), values).map(([op, v]) => `${field} ${op} ${v}`)];
  if (empty) forms.push(pick("is", "is not").map((op) => `${field} ${op} EMPTY`));
  return fc.oneof(...forms).map((jql) => ({ jql, fields: [field] }));
}

function dateClause(field: string): fc.Arbitrary<Generated> {
  const values = pick("-1d", "-2w", '"2026-05-01"', "startOfDay()", "now()", '"2026/05/13 06:00"', "startOfWeek(-1)", "endOfMonth()", "3d");
  return equalityClause(field, values, { empty: true, ordering: true });
}

/** Clauses whose negation is a complement on issues where the named fields are not EMPTY. */
const complementedClause: fc.Arbitrary<Generated> = fc.oneof(
  equalityClause("project", pick("ENG", "OPS", "Engineering", "10000")),
  equalityClause("status", pick('"To Do"', '"In Progress"', "Done", "10002")),
  equalityClause("statusCategory", pick("new", "indeterminate", "done", '"To Do"')),
  equalityClause("type", pick("Bug", "Task", '"Sub-task"')),
  equalityClause("assignee", pick("acc-alice", "acc-bob", '"Sam Lee"', "currentUser()"), { empty: true }),
  equalityClause("reporter", pick("acc-alice", "acc-carol", "currentUser()"), { empty: true }),
  equalityClause("priority", pick("High", "Medium", "Lowest", "1"), { empty: true, ordering: true }),
  equalityClause("resolution", pick("Done", "Unresolved", '"Won\'t Do"'), { empty: true }),
  equalityClause("labels", pick("urgent", "backend", "frontend"), { empty: true }),
  equalityClause("key", pick("ENG-1", "ENG-10", "OPS-2", "20003")),
  equalityClause("parent", pick("ENG-1", "OPS-2"), { empty: true }),
  textClause("summary", true, false),
  textClause("description", true, true),
  textClause("comment", true, false),
  textClause("text", false, false),
  dateClause("created"),
  dateClause("updated"),
  dateClause("resolved"),
  dateClause("due"),
);

/** Adds clauses whose negation is not a complement even on non-empty fields (key ranges are per project). */
const anyClause: fc.Arbitrary<Generated> = fc.oneof(
  { weight: 8, arbitrary: complementedClause },
  {
    weight: 1,
    arbitrary: fc.tuple(pick(">", "<="), pick("ENG-2", "OPS-1")).map(([op, k]) => ({ jql: `key ${op} ${k}`, fields: ["key-range"] })),
  },
);

function queries(clause: fc.Arbitrary<Generated>): fc.Arbitrary<Generated> {
  const { query } = fc.letrec<{ query: Generated }>((tie) => ({
    query: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      clause,
      fc.tuple(tie("query"), pick("AND", "OR", "and", "&&", "||"), tie("query")).map(([a, op, b]) => ({
        jql: `(${a.jql}) ${op} (${b.jql})`,
        fields: [...a.fields, ...b.fields],
      })),
      tie("query").map((q) => ({ jql: `NOT (${q.jql})`, fields: q.fields })),
    ),
  }));
  return query;
}

const VOCABULARY = ["login", "fails", "fixing", "fix", "alert", "thresholds", "disk", "export", "csv", "excel", "the", "sso", "tests"];
const sentence = fc.array(pick(...VOCABULARY), { maxLength: 5 }).map((words) => words.join(" "));
const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

const randomIssue: fc.Arbitrary<JqlIssueView> = fc
  .record({
    id: fc.integer({ min: 20001, max: 20099 }).map(String),
    projectKey: pick("ENG", "OPS"),
    keyNumber: fc.integer({ min: 1, max: 12 }),
    issueTypeId: pick("10001", "10002", "10004"),
    status: pick<[string, string]>(["10000", "new"], ["10001", "indeterminate"], ["10002", "indeterminate"], ["10003", "done"]),
    assigneeAccountId: nullable(pick("acc-alice", "acc-bob", "acc-sam1")),
    reporterAccountId: nullable(pick("acc-alice", "acc-carol")),
    priorityId: nullable(pick("1", "2", "3", "5")),
    resolutionId: nullable(pick("10000", "10001")),
    labels: fc.subarray(["urgent", "Backend", "frontend"]),
    summary: sentence.map((s) => s || "untitled"),
    descriptionText: sentence,
    commentText: sentence,
    created: fc.integer({ min: NOW - 60 * 86_400_000, max: NOW }),
    updatedOffset: fc.integer({ min: 0, max: 5 * 86_400_000 }),
    resolutiondate: nullable(fc.integer({ min: NOW - 30 * 86_400_000, max: NOW })),
    duedate: nullable(pick("2026-05-01", "2026-05-13", "2026-05-15", "2026-06-30")),
    parent: nullable(pick<[string, string]>(["ENG-1", "20001"], ["OPS-2", "20006"])),
  })
  .map((r) => ({
    id: r.id,
    key: `${r.projectKey}-${r.keyNumber}`,
    keyNumber: r.keyNumber,
    projectId: r.projectKey === "ENG" ? "10000" : "10001",
    projectKey: r.projectKey,
    projectName: r.projectKey === "ENG" ? "Engineering" : "Operations",
    issueTypeId: r.issueTypeId,
    issueTypeName: "",
    statusId: r.status[0],
    statusName: "",
    statusCategoryKey: r.status[1],
    statusCategoryName: "",
    assigneeAccountId: r.assigneeAccountId,
    reporterAccountId: r.reporterAccountId,
    creatorAccountId: r.reporterAccountId,
    priorityId: r.priorityId,
    priorityName: null,
    resolutionId: r.resolutionId,
    resolutionName: null,
    labels: r.labels,
    summary: r.summary,
    descriptionText: r.descriptionText,
    environmentText: "",
    commentText: r.commentText,
    created: r.created,
    updated: Math.min(NOW, r.created + r.updatedOffset),
    resolutiondate: r.resolutiondate,
    duedate: r.duedate,
    parentKey: r.parent?.[0] ?? null,
    parentId: r.parent?.[1] ?? null,
  }));

const issueSets = fc.array(randomIssue, { minLength: 1, maxLength: 12 }).map((issues) => [...ISSUES, ...issues]);

/** Whether the field a generated clause names has a value on the issue. */
function hasValue(issue: JqlIssueView, field: string): boolean {
  switch (field) {
    case "assignee":
      return issue.assigneeAccountId !== null;
    case "reporter":
      return issue.reporterAccountId !== null;
    case "priority":
      return issue.priorityId !== null;
    case "resolution":
      return issue.resolutionId !== null;
    case "labels":
      return issue.labels.length > 0;
    case "parent":
      return issue.parentKey !== null;
    case "description":
      return issue.descriptionText.trim() !== "";
    case "comment":
      return issue.commentText.trim() !== "";
    case "resolved":
      return issue.resolutiondate !== null;
    case "due":
      return issue.duedate !== null;
    case "key-range":
      return false;
    default:
      return true;
  }
}

function compile(jql: string): (issue: JqlIssueView) => boolean {
  const result = compileJql(jql, context);
  if (!result.ok) throw new Error(`${jql}: ${result.errorMessages.join(" | ")}`);
  return result.query.matches;
}

describe("random well-formed queries", () => {
  test("every generated query compiles", () => {
    fc.assert(
      fc.property(queries(anyClause), (q) => void compile(q.jql)),
      { numRuns: 400 },
    );
  });

  test("NOT (q) never overlaps q", () => {
    fc.assert(
      fc.property(queries(anyClause), issueSets, (q, issues) => {
        const positive = compile(q.jql);
        const negative = compile(`NOT (${q.jql})`);
        for (const issue of issues) assert.ok(!(positive(issue) && negative(issue)), `${q.jql} on ${issue.key}`);
      }),
      { numRuns: 300 },
    );
  });

  test("NOT (q) is exactly the complement of q where no field q reads is EMPTY", () => {
    let checked = 0;
    let matched = 0;
    fc.assert(
      fc.property(queries(complementedClause), issueSets, (q, issues) => {
        const positive = compile(q.jql);
        const negative = compile(`NOT (${q.jql})`);
        for (const issue of issues) {
          if (!q.fields.every((f) => hasValue(issue, f))) continue;
          assert.notEqual(positive(issue), negative(issue), `${q.jql} on ${issue.key}`);
          checked++;
          if (positive(issue)) matched++;
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: many issues were checked, and queries matched some of them but not all.
    assert.ok(checked > 1000 && matched > 100 && matched < checked - 100, `checked ${checked}, matched ${matched}`);
  });

  test("NOT NOT q is q, and De Morgan holds", () => {
    fc.assert(
      fc.property(queries(anyClause), queries(anyClause), issueSets, (a, b, issues) => {
        const q = compile(a.jql);
        const notNot = compile(`NOT NOT (${a.jql})`);
        const left = compile(`NOT ((${a.jql}) AND (${b.jql}))`);
        const right = compile(`NOT (${a.jql}) OR NOT (${b.jql})`);
        for (const issue of issues) {
          assert.equal(notNot(issue), q(issue));
          assert.equal(left(issue), right(issue));
        }
      }),
      { numRuns: 200 },
    );
  });

  test("printing and re-parsing keeps the tree and the results", () => {
    fc.assert(
      fc.property(queries(anyClause), (q) => {
        const parsed = parseJql(q.jql);
        assert.ok(parsed.ok);
        const printed = printJql(parsed.query);
        const reparsed = parseJql(printed);
        assert.ok(reparsed.ok);
        assert.deepEqual(reparsed.query, parsed.query);
        const original = compile(q.jql);
        const again = compile(printed);
        for (const issue of ISSUES) assert.equal(again(issue), original(issue));
      }),
      { numRuns: 300 },
    );
  });

  test("narrowing never excludes a matching issue", () => {
    const restricted = fc
      .tuple(queries(anyClause), pick("project = ENG", "project in (ENG, OPS)", "key in (ENG-1, OPS-2, ENG-10)", "project = OPS"))
      .map(([q, restriction]) => `${restriction} AND (${q.jql})`);
    fc.assert(
      fc.property(restricted, issueSets, (jql, issues) => {
        const result = compileJql(jql, context);
        assert.ok(result.ok);
        const { matches, narrowing } = result.query;
        assert.ok(narrowing);
        for (const issue of issues) {
          if (!matches(issue)) continue;
          if (narrowing.projectKeys) assert.ok(narrowing.projectKeys.includes(issue.projectKey), jql);
          if (narrowing.issueKeys) assert.ok(narrowing.issueKeys.includes(issue.key), jql);
        }
      }),
      { numRuns: 300 },
    );
  });
});
