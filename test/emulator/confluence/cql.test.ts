import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { compileCql, type CqlContentView, type CqlContext } from "../../../src/emulator/confluence/cql/index.js";
import { evaluateDateFunction, parseDateLiteral } from "../../../src/emulator/confluence/cql/dates.js";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const NOW = Date.parse("2024-03-20T12:00:00Z"); // a Wednesday

function view(partial: Partial<CqlContentView> & { id: string; title: string }): CqlContentView {
  return {
    type: "page",
    status: "current",
    spaceId: "10",
    spaceKey: "ENG",
    bodyText: "",
    labels: [],
    parentId: null,
    ancestorIds: [],
    creatorAccountId: "u1",
    lastModifierAccountId: "u1",
    created: day("2024-01-01"),
    lastModified: day("2024-01-01"),
    ...partial,
  };
}

const VIEWS: CqlContentView[] = [
  view({
    id: "1",
    title: "Release Plan 2024",
    labels: ["release", "planning"],
    lastModifierAccountId: "u2",
    created: day("2024-01-10"),
    lastModified: day("2024-03-01"),
    bodyText: "The release train departs weekly.\nDeployment checklist included.",
  }),
  view({
    id: "2",
    title: "Deployment Checklist",
    labels: ["release"],
    parentId: "1",
    ancestorIds: ["1"],
    creatorAccountId: "u2",
    lastModifierAccountId: "u2",
    created: day("2024-02-05") + 3_600_000,
    lastModified: day("2024-02-06"),
    bodyText: "Steps for deploying services to production",
  }),
  view({
    id: "3",
    type: "blogpost",
    title: "Team offsite",
    spaceId: "20",
    spaceKey: "HR",
    created: day("2024-03-15"),
    lastModified: day("2024-03-15"),
    bodyText: "Agenda and travel",
  }),
  view({
    id: "4",
    title: "Runbooks",
    labels: ["ops", "oncall"],
    parentId: "2",
    ancestorIds: ["1", "2"],
    creatorAccountId: "u3",
    lastModifierAccountId: "u3",
    created: day("2024-03-18"),
    lastModified: day("2024-03-19"),
    bodyText: "Pages for on-call engineers",
  }),
  view({ id: "5", title: "Draft release notes", status: "draft", labels: ["release"] }),
  view({ id: "12", title: "Glossary", created: day("2023-06-01"), lastModified: day("2023-06-01") }),
];

const CONTEXT: CqlContext = {
  currentAccountId: "u1",
  now: NOW,
  users: [
    { accountId: "u1", displayName: "Ana Lima", emailAddress: "ana@example.com" },
    { accountId: "u2", displayName: "Bo Chen", emailAddress: "bo@example.com" },
  ],
};

/** Ids matched, in the query's order. */
function search(cql: string, views: readonly CqlContentView[] = VIEWS): string[] {
  const r = compileCql(cql, CONTEXT);
  assert.ok(r.ok, r.ok ? "" : `${r.message} (${r.detail ?? ""})`);
  return views
    .filter((v) => r.query.matches(v))
    .sort(r.query.compare)
    .map((v) => v.id);
}

/** Ids matched, ignoring order. */
function ids(cql: string): string[] {
  return search(cql).sort((a, b) => Number(a) - Number(b));
}

function failure(cql: string): { message: string; detail: string } {
  const r = compileCql(cql, CONTEXT);
  assert.equal(r.ok, false, `expected '${cql}' to be rejected`);
  return r.ok ? { message: "", detail: "" } : { message: r.message, detail: r.detail ?? "" };
}

test("type, space and ids filter exactly; drafts are never found", () => {
  assert.deepEqual(ids("type = page"), ["1", "2", "4", "12"]);
  assert.deepEqual(ids("type = blogpost"), ["3"]);
  assert.deepEqual(ids('type IN (page, "blogpost") AND space = HR'), ["3"]);
  assert.deepEqual(ids('space.key = "eng" AND type = page'), ["1", "2", "4", "12"]);
  assert.deepEqual(ids("space.id = 20"), ["3"]);
  assert.deepEqual(ids("id = 4"), ["4"]);
  assert.deepEqual(ids("content IN (1, 3, 5)"), ["1", "3"]);
  assert.deepEqual(ids("space = ENG AND id != 1"), ["2", "4", "12"]);
});

test("hierarchy: parent is the direct parent, ancestor any ancestor", () => {
  assert.deepEqual(ids("parent = 1"), ["2"]);
  assert.deepEqual(ids("ancestor = 1"), ["2", "4"]);
  assert.deepEqual(ids("ancestor IN (2, 99)"), ["4"]);
  assert.deepEqual(ids("type = page AND ancestor NOT IN (1)"), ["1", "12"]);
});

test("title supports exact and text matching", () => {
  assert.deepEqual(ids('title = "deployment checklist"'), ["2"]);
  assert.deepEqual(ids('title IN ("Runbooks", "Glossary")'), ["4", "12"]);
  assert.deepEqual(ids('title = "\\"Deployment Checklist\\""'), ["2"]);
  assert.deepEqual(ids("title = 'Runbooks'"), ["4"]);
  assert.deepEqual(ids("title ~ deploy*"), ["2"]);
  assert.deepEqual(ids('title ~ "plan release"'), ["1"]);
  assert.deepEqual(ids('title ~ "run?ook"'), ["4"]);
  assert.deepEqual(ids("type = page AND title !~ release"), ["2", "4", "12"]);
});

test("text searches title, body and labels with all terms, phrases and light stemming", () => {
  assert.deepEqual(ids('text ~ "checklist"'), ["1", "2"]);
  assert.deepEqual(ids('text ~ "\\"release train\\""'), ["1"]);
  assert.deepEqual(ids('text ~ "\\"train release\\""'), []);
  assert.deepEqual(ids("text ~ oncall"), ["4"]);
  assert.deepEqual(ids('text ~ "page engineer"'), ["4"]);
  assert.deepEqual(ids('text ~ "train production"'), []);
  assert.deepEqual(ids('text ~ "*"'), []);
  assert.deepEqual(ids("type = page AND text !~ release"), ["4", "12"]);
});

test("labels", () => {
  assert.deepEqual(ids("label = release"), ["1", "2"]);
  assert.deepEqual(ids('label = "RELEASE"'), ["1", "2"]);
  assert.deepEqual(ids("label IN (ops, planning)"), ["1", "4"]);
  assert.deepEqual(ids("type = page AND label NOT IN (release)"), ["4", "12"]);
  assert.deepEqual(ids("type = page AND label != release"), ["4", "12"]);
});

test("creator and contributor, with currentUser()", () => {
  assert.deepEqual(ids("creator = currentUser()"), ["1", "3", "12"]);
  assert.deepEqual(ids("creator = u2"), ["2"]);
  assert.deepEqual(ids('contributor = "u2"'), ["1", "2"]);
  assert.deepEqual(ids("creator IN (u3, currentUser()) AND type = page"), ["1", "4", "12"]);
  assert.deepEqual(ids("type = page AND creator != currentUser()"), ["2", "4"]);
});

test("created and lastmodified compare with dates and date functions", () => {
  assert.deepEqual(ids('created >= "2024-02-01"'), ["2", "3", "4"]);
  assert.deepEqual(ids('created = "2024-02-05"'), ["2"]);
  assert.deepEqual(ids('created = "2024/02/05 01:00"'), ["2"]);
  assert.deepEqual(ids('created < "2024-01-01"'), ["12"]);
  assert.deepEqual(ids('lastModified > now("-7d")'), ["3", "4"]);
  assert.deepEqual(ids("lastmodified > now(-1w)"), ["3", "4"]);
  assert.deepEqual(ids("created >= startOfWeek()"), ["4"]);
  assert.deepEqual(ids('created >= startOfMonth("-1") AND created < startOfMonth()'), ["2"]);
  assert.deepEqual(ids("created > endOfYear(-1)"), ["1", "2", "3", "4"]);
  assert.deepEqual(ids('type = page AND created != "2024-01-10"'), ["2", "4", "12"]);
});

test("date literals and functions resolve as documented", () => {
  assert.deepEqual(parseDateLiteral("2024-02-29"), { ms: day("2024-02-29"), day: true });
  assert.deepEqual(parseDateLiteral("2024/2/3 14:05"), { ms: Date.parse("2024-02-03T14:05:00Z"), day: false });
  assert.equal(parseDateLiteral("2023-02-29"), null);
  assert.equal(parseDateLiteral("2024-01-01 25:00"), null);
  assert.equal(parseDateLiteral("yesterday"), null);
  const at = (name: string, ...args: string[]): string => {
    const r = evaluateDateFunction(name, args, NOW);
    return typeof r === "string" ? r : new Date(r.ms).toISOString();
  };
  assert.equal(at("now"), "2024-03-20T12:00:00.000Z");
  assert.equal(at("now", "-4w"), "2024-02-21T12:00:00.000Z");
  assert.equal(at("now", "+2h"), "2024-03-20T14:00:00.000Z");
  assert.equal(at("startOfDay"), "2024-03-20T00:00:00.000Z");
  assert.equal(at("endOfDay", "-1"), "2024-03-19T23:59:59.999Z");
  assert.equal(at("startOfWeek"), "2024-03-17T00:00:00.000Z");
  assert.equal(at("endOfWeek"), "2024-03-23T23:59:59.999Z");
  assert.equal(at("startOfMonth", "+14d"), "2024-03-15T00:00:00.000Z");
  assert.equal(at("endOfMonth", "-1M"), "2024-02-29T23:59:59.999Z");
  assert.equal(at("startOfYear"), "2024-01-01T00:00:00.000Z");
  assert.equal(at("endOfYear"), "2024-12-31T23:59:59.999Z");
  assert.match(at("now", "yesterday"), /not a valid increment/);
  assert.match(at("now", "1d", "2d"), /at most one argument/);
});

test("AND, OR, NOT and parentheses combine with the usual precedence", () => {
  assert.deepEqual(ids("space = HR OR label = ops AND type = page"), ["3", "4"]);
  assert.deepEqual(ids("(space = HR OR label = ops) AND type = page"), ["4"]);
  assert.deepEqual(ids("type = page AND NOT (label = release OR label = ops)"), ["12"]);
  assert.deepEqual(ids("type = page and not label = release or id = 3"), ["3", "4", "12"]);
  assert.deepEqual(ids("TYPE = page AnD Space = eng"), ["1", "2", "4", "12"]);
});

test("ORDER BY sorts by created, lastmodified, title and id; the default is lastmodified desc", () => {
  assert.deepEqual(search("space = ENG ORDER BY title"), ["2", "12", "1", "4"]);
  assert.deepEqual(search("space = ENG order by TITLE desc"), ["4", "1", "12", "2"]);
  assert.deepEqual(search("type = page ORDER BY created DESC"), ["4", "2", "1", "12"]);
  assert.deepEqual(search("type = page ORDER BY lastmodified asc, title"), ["12", "2", "1", "4"]);
  assert.deepEqual(search("space = ENG ORDER BY id desc"), ["12", "4", "2", "1"]);
  assert.deepEqual(search("ORDER BY id"), ["1", "2", "3", "4", "12"]);
  assert.deepEqual(search("type = page"), ["4", "1", "2", "12"]);
});

test("errors use Confluence's wording and say what is wrong in detail", () => {
  const cases: Array<[string, RegExp]> = [
    ["type = page AND", /expected a field name but found the end of the query/],
    ["type = ", /expected a value but found the end of the query/],
    ["type page", /expected an operator but found 'page'/],
    ["space = ~123", /expected a value but found '~'/],
    ["(type = page", /expected '\)'/],
    ["type = page)", /expected AND, OR or ORDER BY but found '\)'/],
    ["label IN (a, b", /expected ',' or '\)'/],
    ["label = and", /expected a value but found 'and'/],
    ['title = "open', /unterminated quoted string/],
    ["type ! page", /'!' must be followed by '=' or '~'/],
    ["foo = bar", /the field 'foo' does not exist/],
    ["text = release", /the operator '=' is not supported by the field 'text'/],
    ["title > a", /the operator '>' is not supported by the field 'title'/],
    ["label ~ a", /the operator '~' is not supported by the field 'label'/],
    ["created IN (a)", /the operator 'IN' is not supported by the field 'created'/],
    ['created > "yesterday"', /'yesterday' is not a valid date/],
    ["created > soon()", /the function 'soon\(\)' is not supported by the field 'created'/],
    ['created > now("x")', /not a valid increment/],
    ["space = currentUser()", /the function 'currentUser\(\)' is not supported by the field 'space'/],
    ["creator = startOfDay()", /the function 'startOfDay\(\)' is not supported/],
    ["type != page", /a negative expression cannot be the first clause/],
    ["NOT type = page", /a negative expression cannot be the first clause/],
    ["type = page ORDER BY label", /cannot order by the field 'label'/],
    ["type = page ORDER label", /expected BY/],
    ["", /the query is empty/],
    ["   ", /the query is empty/],
  ];
  for (const [cql, detail] of cases) {
    const f = failure(cql);
    assert.equal(f.message, `Could not parse cql : ${cql}`);
    assert.match(f.detail, detail, cql);
    assert.match(f.detail, /\(at character \d+\)$/);
  }
  assert.equal(failure("type = page AND").detail, "expected a field name but found the end of the query (at character 16)");
});

test("hostile queries give errors, not crashes", () => {
  assert.match(failure("(".repeat(10_000) + "type = page" + ")".repeat(10_000)).detail, /nested too deeply/);
  assert.match(failure("NOT ".repeat(10_000) + "type = page").detail, /nested too deeply|negative/);
  const long = Array.from({ length: 20_000 }, (_, i) => `label = l${i}`).join(" OR ");
  assert.deepEqual(search(long), []);
  assert.equal(compileCql("__proto__ = x", CONTEXT).ok, false);
  assert.equal(compileCql("constructor = x", CONTEXT).ok, false);
  assert.deepEqual(ids('title ~ "(.*)+$"'), []);
});

test("random input never throws and failures always carry Confluence's message", () => {
  const pieces = fc.constantFrom(
    "type",
    "space",
    "title",
    "text",
    "label",
    "created",
    "creator",
    "=",
    "!=",
    "~",
    "!~",
    ">",
    "<=",
    " IN ",
    " NOT ",
    " AND ",
    " OR ",
    "(",
    ")",
    ",",
    '"',
    "'",
    "\\",
    "page",
    "now(",
    '"-7d"',
    "currentUser()",
    " ORDER BY ",
    " desc",
    "2024-01-01",
    " ",
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(pieces, { maxLength: 14 }).map((a) => a.join("")),
      ),
      (cql) => {
        const r = compileCql(cql, CONTEXT);
        if (r.ok) {
          for (const v of VIEWS) r.query.matches(v);
          [...VIEWS].sort(r.query.compare);
        } else {
          assert.equal(r.message, `Could not parse cql : ${cql}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
});

test("compiled queries are fast and text tokens are cached per view", () => {
  const views = Array.from({ length: 5000 }, (_, i) =>
    view({
      id: String(100 + i),
      title: `Page ${i} about deployments`,
      labels: i % 3 === 0 ? ["ops"] : [],
      bodyText: `Body ${i} `.repeat(20),
    }),
  );
  const r = compileCql('space = ENG AND (label = ops OR text ~ "deployment") ORDER BY created DESC', CONTEXT);
  assert.ok(r.ok);
  search('text ~ "about"', views); // warm the token cache
  const start = performance.now();
  for (let round = 0; round < 10; round++) views.filter((v) => r.query.matches(v));
  const perView = (performance.now() - start) / (10 * views.length);
  assert.ok(perView < 0.01, `matches took ${perView.toFixed(4)} ms per view`);
});

test("queries ANDed with space = / space IN name the spaces a search may scan; others name none", () => {
  const spaces = (cql: string): readonly string[] | undefined => {
    const result = compileCql(cql, CONTEXT);
    assert.ok(result.ok, cql);
    return result.query.spaceKeys;
  };
  assert.deepEqual(spaces("type = page AND space = ENG"), ["eng"]);
  assert.deepEqual(spaces('space.key IN (ENG, "Ops") AND title ~ "x"'), ["eng", "ops"]);
  assert.deepEqual(spaces("space IN (ENG, OPS) AND (space = OPS AND type = page)"), ["ops"]);
  assert.deepEqual(spaces("space = ENG AND space = OPS"), []);
  for (const cql of ["type = page", "space = ENG OR type = page", "type = page AND space != ENG", "type = page AND NOT space = ENG"]) {
    assert.equal(spaces(cql), undefined, cql);
  }
  // Whatever the narrowing, the filter alone decides: a view outside the spaces never matches.
  const compiled = compileCql("space = OPS", CONTEXT);
  assert.ok(compiled.ok);
  assert.equal(compiled.query.matches(VIEWS[0]!), VIEWS[0]!.spaceKey.toLowerCase() === "ops");
});
