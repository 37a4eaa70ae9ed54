/** Semantic (400) errors, worded as Jira Cloud words them. Syntax errors are in jql-parser.test.ts. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compileJql } from "../../../src/emulator/jira/jql/index.js";
import { errorsOf, makeContext, matching } from "./jql-fixture.test.js";

type Case = [jql: string, messages: string | string[]];

function table(cases: Case[]): void {
  for (const [jql, messages] of cases) {
    test(jql, () => assert.deepEqual(errorsOf(jql), typeof messages === "string" ? [messages] : messages));
  }
}

const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

describe("unknown fields", () => {
  table([
    ["foo = bar", "Field 'foo' does not exist or you do not have permission to view it."],
    ['"Epic Link" = ENG-1', "Field 'Epic Link' does not exist or you do not have permission to view it."],
    ["cf[10010] = 3", "Field 'cf[10010]' does not exist or you do not have permission to view it."],
    ["project = ENG AND colour = red ORDER BY key", "Field 'colour' does not exist or you do not have permission to view it."],
  ]);
});

describe("unknown values, named as the user wrote the field", () => {
  table([
    ["status = Nope", "The value 'Nope' does not exist for the field 'status'."],
    ["Type = Epic", "The value 'Epic' does not exist for the field 'Type'."],
    ["project = NOPE", "The value 'NOPE' does not exist for the field 'project'."],
    ["priority in (High, Urgent)", "The value 'Urgent' does not exist for the field 'priority'."],
    ["resolution = Fixed", "The value 'Fixed' does not exist for the field 'resolution'."],
    ['statusCategory = "Almost Done"', "The value 'Almost Done' does not exist for the field 'statusCategory'."],
    ['assignee = "nobody-at-all"', "The value 'nobody-at-all' does not exist for the field 'assignee'."],
    ["status = 99999", "A value with ID '99999' does not exist for the field 'status'."],
    ["type = 666", "A value with ID '666' does not exist for the field 'type'."],
    [
      "status = Nope AND priority = Bogus OR foo = x",
      [
        "The value 'Nope' does not exist for the field 'status'.",
        "The value 'Bogus' does not exist for the field 'priority'.",
        "Field 'foo' does not exist or you do not have permission to view it.",
      ],
    ],
    ["status = Nope OR status = Nope", "The value 'Nope' does not exist for the field 'status'."],
  ]);
});

describe("operators a field does not support", () => {
  table([
    ["summary = x", "The operator '=' is not supported by the 'summary' field."],
    ['text = "export"', "The operator '=' is not supported by the 'text' field."],
    ["text !~ export", "The operator '!~' is not supported by the 'text' field."],
    ["project ~ ENG", "The operator '~' is not supported by the 'project' field."],
    ["status > Done", "The operator '>' is not supported by the 'status' field."],
    ["labels > x", "The operator '>' is not supported by the 'labels' field."],
    ["status is EMPTY", "The operator 'is' is not supported by the 'status' field."],
    ["comment IS NOT EMPTY", "The operator 'is not' is not supported by the 'comment' field."],
    ["created ~ -1d", "The operator '~' is not supported by the 'created' field."],
    ["key ~ ENG-1", "The operator '~' is not supported by the 'key' field."],
    ["rank = 1", "The operator '=' is not supported by the 'rank' field."],
  ]);
});

describe("EMPTY where the field has no empty state, and operator usage", () => {
  table([
    ["project = EMPTY", "The field 'project' does not support searching for EMPTY values."],
    ["project is EMPTY", "The field 'project' does not support searching for EMPTY values."],
    ["key in (ENG-1, EMPTY)", "The field 'key' does not support searching for EMPTY values."],
    ["summary ~ EMPTY", "The field 'summary' does not support searching for EMPTY values."],
    ["status = null", "The field 'status' does not support searching for EMPTY values."],
    ["summary in test", "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'."],
    ["status in 10001", "Operator 'in' does not support the non-list value '10001' for field 'status'."],
    ["assignee not in currentUser()", "Operator 'not in' does not support the non-list value 'currentUser()' for field 'assignee'."],
    ['status = (Done, "To Do")', "Operator '=' does not support the list value '(\"Done\", \"To Do\")' for field 'status'."],
    ["priority > EMPTY", "Operator '>' does not support the empty value representation 'EMPTY' for field 'priority'."],
    ["assignee in EMPTY", "Operator 'in' does not support the empty value representation 'EMPTY' for field 'assignee'."],
    ["assignee is acc-bob", "Operator 'is' does not support searching for non-empty values for field 'assignee'."],
    ["assignee is not currentUser()", "Operator 'is not' does not support searching for non-empty values for field 'assignee'."],
  ]);
});

describe("fields this site never sets", () => {
  table([
    ['fixVersion = "1.0"', "The value '1.0' does not exist for the field 'fixVersion'."],
    ["component = 10000", "A value with ID '10000' does not exist for the field 'component'."],
    ["component ~ x", "The operator '~' is not supported by the 'component' field."],
    ["affectedVersion > 2.0", "The value '2.0' does not exist for the field 'affectedVersion'."],
  ]);
});

describe("dates", () => {
  table([
    ["created > yesterday", `Date value 'yesterday' for field 'created' is invalid. ${DATE_FORMATS}`],
    ["due = 2026-02-30", `Date value '2026-02-30' for field 'due' is invalid. ${DATE_FORMATS}`],
    ['created < "2010/02/35"', `Date value '2010/02/35' for field 'created' is invalid. ${DATE_FORMATS}`],
    ['created > "14/May/09"', `Date value '14/May/09' for field 'created' is invalid. ${DATE_FORMATS}`],
    ['created > "2026-05-01 25:00"', `Date value '2026-05-01 25:00' for field 'created' is invalid. ${DATE_FORMATS}`],
    ['updated >= ""', `Date value '' for field 'updated' is invalid. ${DATE_FORMATS}`],
    ["created > -7x", `Date value '-7x' for field 'created' is invalid. ${DATE_FORMATS}`],
    ["created > -99999999999w", `Date value '-99999999999w' for field 'created' is invalid. ${DATE_FORMATS}`],
    ["created > 99999999999999999", `Date value '99999999999999999' for field 'created' is invalid. ${DATE_FORMATS}`],
    [
      "created > startOfYear(999999)",
      "Duration for function 'startOfYear' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.",
    ],
  ]);
});

describe("issue keys and ids", () => {
  table([
    ["key = ENG-99", "An issue with key 'ENG-99' does not exist for field 'key'."],
    ["issue in (ENG-1, ENG-404)", "An issue with key 'ENG-404' does not exist for field 'issue'."],
    ["key = foo", "The issue key 'foo' for field 'key' is invalid."],
    ['key = "20001"', "The issue key '20001' for field 'key' is invalid."],
    ["id = 666", "A value with ID '666' does not exist for the field 'id'."],
    ["parent = OPS-99", "An issue with key 'OPS-99' does not exist for field 'parent'."],
    ["parent = currentUser()", "A value provided by the function 'currentUser' is invalid for the field 'parent'."],
  ]);
  test("without issueIdExists, numeric ids are accepted and match nothing when absent", () => {
    assert.deepEqual(matching("id = 666", makeContext({ issueIdExists: undefined })), []);
    assert.deepEqual(matching("id = 20001", makeContext({ issueIdExists: undefined })), ["ENG-1"]);
  });
});

describe("functions", () => {
  table([
    ["assignee = noSuchFunction()", "Unable to find JQL function 'noSuchFunction()'."],
    ["assignee = echo(a, 'b c')", "Unable to find JQL function 'echo(a, b c)'."],
    ["assignee in membersOf(x)", "Operator 'in' does not support the non-list value 'membersOf(x)' for field 'assignee'."],
    ["status = currentUser()", "A value provided by the function 'currentUser' is invalid for the field 'status'."],
    ["labels = currentUser()", "A value provided by the function 'currentUser' is invalid for the field 'labels'."],
    ["summary ~ now()", "A value provided by the function 'now' is invalid for the field 'summary'."],
    ["created > currentUser()", "A date for the field 'created' provided by the function 'currentUser' is not valid."],
    ["assignee = now()", "A value provided by the function 'now' is invalid for the field 'assignee'."],
    ["created > now(1)", "Function 'now' expected '0' arguments but received '1'."],
    ["assignee = currentUser(x)", "Function 'currentUser' expected '0' arguments but received '1'."],
    ["created > startOfDay(1, 2)", "Function 'startOfDay' expected between '0' and '1' arguments but received '2'."],
    [
      'created > startOfDay("invalid")',
      "Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.",
    ],
  ]);
  table([
    ["issuetype = subTaskIssueTypes()", "Operator '=' does not support the list value 'subTaskIssueTypes()' for field 'issuetype'."],
    ["status in subTaskIssueTypes()", "A value provided by the function 'subTaskIssueTypes' is invalid for the field 'status'."],
    ["issuetype in standardIssueTypes(x)", "Function 'standardIssueTypes' expected '0' arguments but received '1'."],
    ["issuetype in (Bug, currentUser())", "A value provided by the function 'currentUser' is invalid for the field 'issuetype'."],
  ]);
  test("function names are case-insensitive", () => {
    assert.deepEqual(matching("assignee = CURRENTUSER() AND created > STARTOFDAY()"), ["OPS-3"]);
  });
});

describe("text search values", () => {
  table([
    ['summary ~ ""', "The field 'summary' does not support searching for an empty string."],
    ["description ~ '   '", "The field 'description' does not support searching for an empty string."],
    ['summary ~ "*foo"', "The text query '*foo' for field 'summary' is not allowed to start with '*'."],
    ['comment ~ "?"', "The text query '?' for field 'comment' is not allowed to start with '?'."],
    ['summary ~ "BAD +"', "Unable to parse the text 'BAD +' for field 'summary'."],
    ['summary ~ "login OR"', "Unable to parse the text 'login OR' for field 'summary'."],
    ['summary ~ "OR login"', "Unable to parse the text 'OR login' for field 'summary'."],
    ["summary ~ '\"unbalanced'", "Unable to parse the text '\"unbalanced' for field 'summary'."],
  ]);
});

describe("ORDER BY", () => {
  table([
    ["project = ENG ORDER BY bogus", "Not able to sort using field 'bogus'."],
    ["ORDER BY labels", "Field 'labels' does not support sorting."],
    ["ORDER BY created, Description DESC", "Field 'Description' does not support sorting."],
    ["status = Nope ORDER BY bogus", ["The value 'Nope' does not exist for the field 'status'.", "Not able to sort using field 'bogus'."]],
  ]);
});

test("compileJql answers a non-string query as an empty one instead of crashing", () => {
  const result = compileJql(undefined as unknown as string, makeContext());
  assert.ok(result.ok && !result.query.bounded);
});
