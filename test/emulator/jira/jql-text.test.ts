/** Text search internals: analysis, stemming, query syntax, and fields kept apart inside `text`. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { analyze, compileTextQuery, stem } from "../../../src/emulator/jira/jql/text.js";
import { ISSUES, makeContext, search } from "./jql-fixture.test.js";
import type { JqlIssueView } from "../../../src/emulator/jira/jql/types.js";

function matches(query: string, ...fields: string[]): boolean {
  const compiled = compileTextQuery(query);
  assert.ok(compiled.ok, `query ${query} should compile`);
  return compiled.matches(fields.map(analyze));
}

describe("analysis", () => {
  test("words are lower-cased runs of letters and digits, in any script", () => {
    assert.deepEqual(analyze("Café-Ünïcode: 42 déjà-vu, 東京").words, ["café", "ünïcode", "42", "déjà", "vu", "東京"]);
  });

  test("stop words are dropped from stems but kept as words", () => {
    const analysed = analyze("The login is broken");
    assert.deepEqual(analysed.words, ["the", "login", "is", "broken"]);
    assert.deepEqual(analysed.stems, ["login", "broken"]);
  });

  test("stemming is light and symmetric", () => {
    const family = (words: string[]): void => assert.equal(new Set(words.map(stem)).size, 1, words.join(" "));
    family(["update", "updates", "updated", "updating"]);
    family(["fix", "fixes", "fixed", "fixing"]);
    family(["test", "tests", "tested", "testing"]);
    family(["query", "queries"]);
    family(["stop", "stopped", "stopping"]);
    family(["release", "released", "releases"]);
    assert.notEqual(stem("fall"), stem("fail"));
    assert.equal(stem("status"), "status");
    assert.equal(stem("class"), "class");
  });

  test("empty and whitespace-only text is empty", () => {
    assert.equal(analyze("").empty, true);
    assert.equal(analyze(" \n\t").empty, true);
    assert.equal(analyze("…").empty, false);
  });
});

describe("query syntax", () => {
  test("terms are AND-ed; OR, ||, NOT, - and + work", () => {
    assert.ok(matches("login sso", "Login fails with SSO"));
    assert.ok(!matches("login csv", "Login fails with SSO"));
    assert.ok(matches("login OR csv", "Login fails with SSO"));
    assert.ok(matches("csv || login", "Login fails with SSO"));
    assert.ok(!matches("login NOT sso", "Login fails with SSO"));
    assert.ok(!matches("login -sso", "Login fails with SSO"));
    assert.ok(matches("+login +sso", "Login fails with SSO"));
    assert.ok(matches("login AND sso", "Login fails with SSO"));
  });

  test("phrases need adjacent words (stop words aside), in one field", () => {
    assert.ok(matches('"fails with SSO"', "Login fails with SSO"));
    assert.ok(matches('"fail sso"', "Login fails with SSO"));
    assert.ok(!matches('"sso fails"', "Login fails with SSO"));
    assert.ok(!matches('"sso users"', "Login fails with SSO", "Users cannot log in"));
    assert.ok(matches("sso users", "Login fails with SSO", "Users cannot log in"));
  });

  test("wildcards match words, not stems", () => {
    assert.ok(matches("dash*", "Update dashboard charts"));
    assert.ok(matches("d*d", "Update dashboard charts"));
    assert.ok(matches("ch?rts", "Update dashboard charts"));
    assert.ok(!matches("ch?rt", "Update dashboard charts"));
    assert.ok(matches("updat*", "Updating"));
  });

  test("fuzzy and boost suffixes are ignored", () => {
    assert.ok(matches("login~", "Login fails"));
    assert.ok(matches("login^2 fails~0.8", "Login fails"));
  });

  test("errors: empty, leading wildcard, dangling operators, unbalanced quotes", () => {
    assert.deepEqual(compileTextQuery("   "), { ok: false, error: "empty" });
    assert.deepEqual(compileTextQuery("*foo"), { ok: false, error: { badStart: "*" } });
    assert.deepEqual(compileTextQuery("foo ?x"), { ok: false, error: { badStart: "?" } });
    for (const bad of ["foo +", "- foo", "foo OR", "AND foo", "foo OR OR bar", '"open']) {
      assert.deepEqual(compileTextQuery(bad), { ok: false, error: "unparsable" }, bad);
    }
  });

  test("a query of stop words or only exclusions matches nothing", () => {
    assert.ok(!matches("the", "the login"));
    assert.ok(!matches("-login", "something else"));
  });

  test("long hostile patterns stay fast", () => {
    const word = "a".repeat(5_000);
    const started = performance.now();
    assert.ok(!matches(`a${"*a".repeat(200)}b`, word));
    assert.ok(performance.now() - started < 2_000);
  });
});

describe("cached analysis follows the view object", () => {
  test("a new view of a changed issue is analysed afresh", () => {
    const original = ISSUES[0] as JqlIssueView;
    const context = makeContext();
    assert.deepEqual(search("summary ~ sso", context, [original]), ["ENG-1"]);
    const renamed: JqlIssueView = { ...original, summary: "Renamed entirely" };
    assert.deepEqual(search("summary ~ sso", context, [renamed]), []);
    assert.deepEqual(search("summary ~ renamed", context, [renamed]), ["ENG-1"]);
    assert.deepEqual(search("summary ~ sso", context, [original]), ["ENG-1"]);
  });
});
