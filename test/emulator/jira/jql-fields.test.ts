/** Every field family with every operator it supports, against the fixture site (see jql-fixture.test.ts). */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ISSUES, makeContext, matching } from "./jql-fixture.test.js";

type Case = [jql: string, keys: string[]];

function table(cases: Case[], context = makeContext()): void {
  for (const [jql, keys] of cases) {
    test(jql, () => assert.deepEqual(matching(jql, context), [...keys].sort()));
  }
}

const ALL = ["ENG-1", "ENG-2", "ENG-3", "ENG-10", "OPS-1", "OPS-2", "OPS-3"];
const ENG = ["ENG-1", "ENG-2", "ENG-3", "ENG-10"];
const OPS = ["OPS-1", "OPS-2", "OPS-3"];
const without = (...keys: string[]): string[] => ALL.filter((k) => !keys.includes(k));

test("the fixture site is consistent", () => {
  assert.equal(ISSUES.length, 7);
  assert.equal(new Set(ISSUES.map((i) => i.id)).size, ISSUES.length);
  assert.equal(new Set(ISSUES.map((i) => i.key)).size, ISSUES.length);
});

describe("project: key, name or id, case-insensitive", () => {
  table([
    ["project = ENG", ENG],
    ["project = eng", ENG],
    ["PROJECT = Engineering", ENG],
    ['project = "engineering"', ENG],
    ["project = 10000", ENG],
    ['project = "10001"', OPS],
    ["project != ENG", OPS],
    ["project in (ENG, Operations)", ALL],
    ["project not in (OPS)", ENG],
  ]);
});

describe("key, issue, issuekey, id", () => {
  table([
    ["key = ENG-1", ["ENG-1"]],
    ["issue = eng-1", ["ENG-1"]],
    ["issuekey in (ENG-1, OPS-2)", ["ENG-1", "OPS-2"]],
    ["id = 20002", ["ENG-2"]],
    ["key != ENG-1", without("ENG-1")],
    ["key not in (ENG-1, 20002)", without("ENG-1", "ENG-2")],
    ["key > ENG-2", ["ENG-3", "ENG-10"]],
    ["key <= ENG-2", ["ENG-1", "ENG-2"]],
    ["id >= 20006", ["OPS-2", "OPS-3"]],
    ["key < OPS-1", []],
  ]);
});

describe("issuetype / type: name or id", () => {
  table([
    ["issuetype = Bug", ["ENG-1", "OPS-2"]],
    ['type = "sub-task"', ["ENG-3", "OPS-3"]],
    ["issuetype in (Task, 10003)", ["ENG-2", "OPS-1", "ENG-10"]],
    ["type != Bug", without("ENG-1", "OPS-2")],
    ["issuetype not in (Bug, Task)", ["ENG-3", "ENG-10", "OPS-3"]],
    ["issuetype is EMPTY", []],
    ["issuetype is not empty", ALL],
  ]);
});

describe("issue-type list functions", () => {
  const subtasks = ["ENG-3", "OPS-3"];
  table([
    ["issuetype in subTaskIssueTypes()", subtasks],
    ["type in standardIssueTypes()", without(...subtasks)],
    ["issuetype not in subtaskissuetypes()", without(...subtasks)],
    ["issuetype in (Bug, subTaskIssueTypes())", ["ENG-1", "OPS-2", ...subtasks]],
  ]);
  test("the context's subtask flag wins over the name", () => {
    const context = makeContext({
      issueTypes: [
        { id: "10001", name: "Bug", subtask: false },
        { id: "10002", name: "Task", subtask: true },
        { id: "10003", name: "Story", subtask: false },
        { id: "10004", name: "Sub-task", subtask: false },
      ],
    });
    assert.deepEqual(matching("issuetype in subTaskIssueTypes()", context), ["ENG-2", "OPS-1"]);
  });
});

describe("fixVersion, affectedVersion, component: known to Jira, never set on this site", () => {
  table([
    ["fixVersion is EMPTY", ALL],
    ["fixVersion is not EMPTY", []],
    ["affectedVersion = EMPTY", ALL],
    ["component in (EMPTY)", ALL],
    ["component != EMPTY", []],
    ["project = ENG AND fixversion is empty", ENG],
  ]);
});

describe("status and statusCategory", () => {
  table([
    ['status = "In Progress"', ["ENG-2", "OPS-3"]],
    ["status = 10002", ["ENG-10"]],
    ['status in ("to do", Done)', ["ENG-1", "ENG-3", "OPS-1", "OPS-2"]],
    ["status != Done", without("ENG-1", "OPS-1")],
    ["status not in (Done, 'To Do')", ["ENG-2", "ENG-10", "OPS-3"]],
    ['statusCategory = "In Progress"', ["ENG-2", "ENG-10", "OPS-3"]],
    ["statuscategory = indeterminate", ["ENG-2", "ENG-10", "OPS-3"]],
    ["statusCategory = 4", ["ENG-2", "ENG-10", "OPS-3"]],
    ["statusCategory != Done", without("ENG-1", "OPS-1")],
    ['statusCategory in ("To Do", new)', ["ENG-3", "OPS-2"]],
    ["statusCategory not in (done, new)", ["ENG-2", "ENG-10", "OPS-3"]],
  ]);
});

describe("assignee, reporter, creator: account id, display name, e-mail, currentUser(), EMPTY", () => {
  table([
    ["assignee = acc-bob", ["ENG-2"]],
    ['assignee = "Bob Brown"', ["ENG-2"]],
    ['assignee = "BOB@example.com"', ["ENG-2"]],
    ["assignee = currentUser()", ["ENG-1", "OPS-3"]],
    ['assignee = "Sam Lee"', ["ENG-10", "OPS-2"]],
    ["assignee is EMPTY", ["ENG-3"]],
    ["assignee = EMPTY", ["ENG-3"]],
    ["assignee in (EMPTY, acc-bob)", ["ENG-2", "ENG-3"]],
    ["assignee != currentUser()", ["ENG-2", "ENG-10", "OPS-1", "OPS-2"]],
    ["assignee not in (acc-bob, EMPTY)", ["ENG-1", "ENG-10", "OPS-1", "OPS-2", "OPS-3"]],
    ["assignee is not EMPTY", without("ENG-3")],
    ["assignee in (currentUser(), 'Carol Chen')", ["ENG-1", "OPS-1", "OPS-3"]],
    ["reporter = currentUser()", ["ENG-2", "ENG-3", "OPS-3"]],
    ['creator in ("Carol Chen")', ["ENG-10", "OPS-1"]],
    ["reporter != acc-alice", ["ENG-1", "ENG-10", "OPS-1", "OPS-2"]],
  ]);
  test("currentUser() of an anonymous caller matches nobody", () => {
    assert.deepEqual(matching("assignee = currentUser()", makeContext({ currentAccountId: "" })), []);
  });
});

describe("priority: by name or id, ordered most important first", () => {
  table([
    ["priority = High", ["ENG-1"]],
    ["priority > Medium", ["ENG-10", "ENG-1"]],
    ["priority >= Medium", ["ENG-10", "ENG-1", "ENG-2", "OPS-3"]],
    ["priority < Medium", ["OPS-1", "OPS-2"]],
    ["priority <= 3", ["ENG-2", "OPS-3", "OPS-1", "OPS-2"]],
    ["priority is EMPTY", ["ENG-3"]],
    ["priority != Medium", ["ENG-1", "ENG-10", "OPS-1", "OPS-2"]],
    ["priority in (Highest, Lowest, EMPTY)", ["ENG-10", "OPS-2", "ENG-3"]],
  ]);
});

describe("resolution: names, Unresolved and EMPTY", () => {
  const unresolved = ["ENG-2", "ENG-3", "ENG-10", "OPS-2", "OPS-3"];
  table([
    ["resolution = Unresolved", unresolved],
    ["resolution is EMPTY", unresolved],
    ['resolution = "Won\'t Do"', ["OPS-1"]],
    ["resolution != Unresolved", ["ENG-1", "OPS-1"]],
    ["resolution in (Done, Duplicate)", ["ENG-1"]],
    ["resolution != Done", ["OPS-1"]],
    ["resolution is not empty", ["ENG-1", "OPS-1"]],
    ["resolution in (Unresolved, Done)", [...unresolved, "ENG-1"]],
  ]);
});

describe("labels: case-insensitive, multi-valued, EMPTY", () => {
  table([
    ["labels = urgent", ["ENG-1", "OPS-1"]],
    ["labels = backend", ["ENG-1", "ENG-10"]],
    ["labels in (frontend, infra)", ["ENG-2", "OPS-1"]],
    ["labels != urgent", ["ENG-2", "ENG-10"]],
    ["labels not in (urgent, EMPTY)", ["ENG-2", "ENG-10"]],
    ["labels is EMPTY", ["ENG-3", "OPS-2", "OPS-3"]],
    ["labels = nonexistent", []],
  ]);
});

describe("text fields: ~ and !~", () => {
  table([
    ["summary ~ login", ["ENG-1", "ENG-3"]],
    ['summary ~ "LOGIN"', ["ENG-1", "ENG-3"]],
    ["summary ~ fail", ["ENG-1"]],
    ["summary ~ exports", ["ENG-10"]],
    ['summary ~ "\\"dashboard charts\\""', ["ENG-2"]],
    ["summary ~ '\"charts dashboard\"'", []],
    ['summary ~ "dash*"', ["ENG-2"]],
    ['summary ~ "log*"', ["ENG-1", "ENG-3"]],
    ['summary ~ "te?ts"', ["ENG-3"]],
    ['summary ~ "login tests"', ["ENG-3"]],
    ['summary ~ "login OR disk"', ["ENG-1", "ENG-3", "OPS-2"]],
    ['summary ~ "login || disk"', ["ENG-1", "ENG-3", "OPS-2"]],
    ['summary ~ "login -tests"', ["ENG-1"]],
    ['summary ~ "login NOT tests"', ["ENG-1"]],
    ['summary ~ "+login +tests"', ["ENG-3"]],
    ['summary ~ "the"', []],
    ["summary !~ login", ["ENG-2", "ENG-10", "OPS-1", "OPS-2", "OPS-3"]],
    ["description ~ sso", ["ENG-1", "ENG-3"]],
    ["description is EMPTY", ["ENG-2", "OPS-3"]],
    ["description ~ EMPTY", ["ENG-2", "OPS-3"]],
    ["description !~ sso", ["ENG-10", "OPS-1", "OPS-2"]],
    ["environment ~ chrome", ["ENG-1"]],
    ["environment is not empty", ["ENG-1", "OPS-1"]],
    ["comment ~ excel", ["ENG-10"]],
    ['comment ~ "postponed"', ["OPS-1"]],
    ["text ~ sso", ["ENG-1", "ENG-3"]],
    ["text ~ excel", ["ENG-10"]],
    ["text ~ prod", ["OPS-1"]],
    ['text ~ "login redirect"', ["ENG-1"]],
    ['text ~ "\\"fails with\\""', ["ENG-1"]],
  ]);
});

describe("dates: relative periods, absolute dates, epoch ms, functions (now = Wed 2026-05-13 12:00 UTC)", () => {
  table([
    ["created >= -1d", ["ENG-3", "OPS-2", "OPS-3"]],
    ["created > -12h", ["OPS-2", "OPS-3"]],
    ['created > "-1w"', ["ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ["createdDate >= -2w", ["ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ['created >= "-1w 1d"', ["ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ["created > -1m", []],
    ["created >= -1m", ["OPS-3"]],
    ['created < "2026-03-01"', ["OPS-1"]],
    ['created <= "2026-03-01"', ["OPS-1", "ENG-10"]],
    ["created <= 2026-3-1", ["OPS-1", "ENG-10"]],
    ['created >= "2026/05/13 06:00"', ["OPS-2", "OPS-3"]],
    [`created = ${Date.parse("2026-04-01T09:00:00Z")}`, ["ENG-1"]],
    ['created in ("2026-04-01 09:00", "2026-03-01")', ["ENG-1", "ENG-10"]],
    ['created != "2026-03-01"', without("ENG-10")],
    ["created >= startOfDay()", ["OPS-2", "OPS-3"]],
    ["created >= startOfDay(-1)", ["ENG-3", "OPS-2", "OPS-3"]],
    ["created > endOfDay(-1d)", ["OPS-2", "OPS-3"]],
    ["created >= startOfWeek()", ["ENG-3", "OPS-2", "OPS-3"]],
    ["created >= startOfMonth()", ["ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ['created >= startOfMonth("-1M")', ["ENG-1", "ENG-2", "ENG-3", "OPS-2", "OPS-3"]],
    ["created < startOfYear()", []],
    ["created < endOfYear(-1y)", []],
    ["updated > now()", []],
    ["updatedDate <= now()", ALL],
    ["updated >= -1h", ["OPS-3", "ENG-3"]],
    ['resolved >= "2026-05-01"', ["ENG-1"]],
    ["resolutiondate is EMPTY", ["ENG-2", "ENG-3", "ENG-10", "OPS-2", "OPS-3"]],
    ["resolved is not empty", ["ENG-1", "OPS-1"]],
    ['due <= "2026-05-13"', ["ENG-1", "OPS-2"]],
    ["due < now()", ["ENG-1"]],
    ['duedate = "2026-05-15"', ["ENG-2"]],
    ["due is EMPTY", ["ENG-3", "OPS-1", "OPS-3"]],
    ["due > 2d", ["ENG-10"]],
    ["due >= 2d", ["ENG-2", "ENG-10"]],
    ["due <= endOfWeek()", ["ENG-1", "ENG-2", "OPS-2"]],
    ["due != 2026-05-13", ["ENG-1", "ENG-2", "ENG-10"]],
  ]);
});

describe("dates in the caller's time zone (Asia/Tokyo, UTC+9)", () => {
  table(
    [
      ['created >= "2026-05-13"', ["ENG-3", "OPS-2", "OPS-3"]],
      ["created >= startOfDay()", ["ENG-3", "OPS-2", "OPS-3"]],
      ['due = "2026-05-13"', ["OPS-2"]],
      ["due <= now()", ["ENG-1", "OPS-2"]],
    ],
    makeContext({ timeZone: "Asia/Tokyo" }),
  );
  test("an unknown time zone falls back to UTC", () => {
    assert.deepEqual(matching('created >= "2026-05-13"', makeContext({ timeZone: "Not/AZone" })), ["OPS-2", "OPS-3"]);
  });
});

describe("parent: key or id", () => {
  table([
    ["parent = ENG-1", ["ENG-3"]],
    ["parent in (ENG-1, OPS-2)", ["ENG-3", "OPS-3"]],
    ["parent = 20006", ["OPS-3"]],
    ["parent is EMPTY", ["ENG-1", "ENG-2", "ENG-10", "OPS-1", "OPS-2"]],
    ["parent != ENG-1", ["OPS-3"]],
  ]);
});

describe("AND, OR, NOT and parentheses", () => {
  table([
    ["project = ENG AND status = Done OR priority = Lowest", ["ENG-1", "OPS-2"]],
    ["project = ENG AND (status = Done OR priority = Lowest)", ["ENG-1"]],
    ["project = ENG && !(status = Done) && labels is not empty", ["ENG-2", "ENG-10"]],
    ["NOT project = ENG", OPS],
    ["NOT (assignee = currentUser())", ["ENG-2", "ENG-10", "OPS-1", "OPS-2"]],
    ["NOT assignee is EMPTY", without("ENG-3")],
    ["NOT (project = ENG OR assignee = acc-carol)", ["OPS-2", "OPS-3"]],
    ["NOT (priority > Medium)", ["ENG-2", "OPS-3", "OPS-1", "OPS-2"]],
    ["NOT NOT project = OPS", OPS],
    ["NOT summary ~ login", ["ENG-2", "ENG-10", "OPS-1", "OPS-2", "OPS-3"]],
    ["NOT (labels = urgent)", ["ENG-2", "ENG-10"]],
    ["NOT (project = OPS AND (status = Done OR assignee = acc-alice))", ["ENG-1", "ENG-2", "ENG-3", "ENG-10", "OPS-2"]],
  ]);
});
