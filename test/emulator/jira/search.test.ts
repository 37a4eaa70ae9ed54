import { test } from "node:test";
import assert from "node:assert/strict";
import { canBrowse } from "../../../src/emulator/jira/permissions.js";
import { at, client, confidentialProject, freshSite, issuesOf, list, outsiderOf, scrumProject } from "./helpers.js";

test("/search/jql returns only ids by default and pages with nextPageToken until isLast", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const expected = issuesOf(site, project)
    .sort((a, b) => b.created - a.created || b.keyNumber - a.keyNumber)
    .map((i) => i.id);
  const seen: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const query: Record<string, string> = { jql: `project = ${project.key} ORDER BY created DESC`, maxResults: "7" };
    if (token) query["nextPageToken"] = token;
    const r = call("GET", "/search/jql", { query });
    assert.equal(r.status, 200);
    const issues = list(r.body, "issues");
    for (const issue of issues) assert.deepEqual(Object.keys(issue as object), ["id"]);
    seen.push(...issues.map((i) => at(i, "id") as string));
    assert.equal(at(r.body, "total"), undefined);
    token = at(r.body, "nextPageToken") as string | undefined;
    if (at(r.body, "isLast") === true) {
      assert.equal(token, undefined);
      break;
    }
    assert.equal(issues.length, 7);
  }
  assert.deepEqual(seen, expected);
});

test("fields selects what each issue carries; names expand is top-level", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const r = call("POST", "/search/jql", {
    json: { jql: `project = "${project.name}"`, fields: ["summary", "status"], maxResults: 2, expand: "names" },
  });
  assert.equal(r.status, 200);
  const first = list(r.body, "issues")[0];
  assert.deepEqual(Object.keys(at(first, "fields") as object).sort(), ["status", "summary"]);
  assert.match(at(first, "key") as string, new RegExp(`^${project.key}-`));
  assert.deepEqual(at(r.body, "names"), { summary: "Summary", status: "Status" });
  const all = call("GET", "/search/jql", { query: { jql: `key = ${at(first, "key") as string}`, fields: "*all" } });
  assert.ok(at(list(all.body, "issues")[0], "fields", "comment"));
});

test("maxResults is capped at 100 with fields and 5000 for ids only", () => {
  const site = freshSite(11);
  const call = client(site);
  const total = site.jira.issues.size;
  const jql = `created >= -3650d`;
  const withFields = call("GET", "/search/jql", { query: { jql, fields: "summary", maxResults: "1000" } });
  assert.equal(list(withFields.body, "issues").length, Math.min(100, total));
  const idsOnly = call("GET", "/search/jql", { query: { jql, maxResults: "1000" } });
  assert.equal(list(idsOnly.body, "issues").length, total);
  assert.equal(at(idsOnly.body, "isLast"), true);
});

test("unbounded, invalid and wrongly paged queries are Jira's 400s", () => {
  const site = freshSite();
  const call = client(site);
  for (const jql of ["", "ORDER BY created DESC"]) {
    const r = call("GET", "/search/jql", { query: { jql } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, {
      errorMessages: ["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."],
      errors: {},
    });
  }
  const syntax = call("GET", "/search/jql", { query: { jql: "project = " } });
  assert.equal(syntax.status, 400);
  assert.ok(list(syntax.body, "errorMessages").length > 0);
  const unknown = call("GET", "/search/jql", { query: { jql: "project = NOPE" } });
  assert.equal(unknown.status, 400);
  const first = call("GET", "/search/jql", { query: { jql: "project = OPS", maxResults: "1" } });
  const token = at(first.body, "nextPageToken") as string;
  assert.equal(call("GET", "/search/jql", { query: { jql: "project = OPS", nextPageToken: "garbage!" } }).status, 400);
  assert.equal(call("GET", "/search/jql", { query: { jql: "project = OPS AND labels is EMPTY", nextPageToken: token } }).status, 400);
  assert.equal(call("GET", "/search/jql", { query: { jql: "project = OPS", nextPageToken: token } }).status, 200);
  const extra = call("POST", "/search/jql", { json: { jql: "project = OPS", startAt: 10 } });
  assert.equal(extra.status, 400);
});

test("approximate-count counts the matches the caller can see", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const r = call("POST", "/search/approximate-count", { json: { jql: `project = ${project.key}` } });
  assert.deepEqual(r.body, { count: issuesOf(site, project).length });
  assert.equal(call("POST", "/search/approximate-count", { json: { jql: "" } }).status, 400);
  assert.equal(call("POST", "/search/approximate-count", { json: { jql: "project = HSP" } }).status, 400);
});

test("searches never reveal issues of projects the caller cannot browse", () => {
  const site = freshSite();
  const call = client(site);
  const secret = confidentialProject(site);
  const outsider = outsiderOf(site, secret);
  const asAdmin = call("POST", "/search/approximate-count", { json: { jql: "created >= -3650d" } });
  const asOutsider = call("POST", "/search/approximate-count", { json: { jql: "created >= -3650d" }, as: outsider });
  assert.equal(at(asAdmin.body, "count"), site.jira.issues.size);
  const hidden = [...site.jira.issues.values()].filter((i) => !canBrowse(site, outsider, site.jira.projects.get(i.projectId)!)).length;
  assert.ok(hidden >= issuesOf(site, secret).length);
  assert.equal(at(asOutsider.body, "count"), site.jira.issues.size - hidden);
  const key = issuesOf(site, secret)[0]!.key;
  // Naming a hidden issue reads exactly like naming one that does not exist.
  const direct = call("GET", "/search/jql", { query: { jql: `key = ${key}` }, as: outsider });
  const missing = call("GET", "/search/jql", { query: { jql: `key = ${secret.key}-999999` }, as: outsider });
  assert.equal(direct.status, missing.status);
  assert.equal(list(call("GET", "/search/jql", { query: { jql: `key = ${key}` } }).body, "issues").length, 1);
});

test("search sees writes made in the same fork (new issues, edits, comments)", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const created = call("POST", "/issue", {
    json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "zebra crossing" } },
  });
  const key = at(created.body, "key") as string;
  const find = (jql: string) =>
    list(call("GET", "/search/jql", { query: { jql, fields: "summary" } }).body, "issues").map((i) => at(i, "key"));
  assert.deepEqual(find(`project = ${project.key} AND summary ~ zebra`), [key]);
  call("PUT", `/issue/${key}`, { json: { update: { labels: [{ add: "wildlife" }] } } });
  assert.deepEqual(find(`labels = wildlife`), [key]);
});

test("JQL treats hidden projects and issue keys as nonexistent for the caller", () => {
  const site = freshSite();
  const call = client(site);
  const secret = confidentialProject(site);
  const outsider = outsiderOf(site, secret);
  const asAdmin = call("GET", "/search/jql", { query: { jql: `project = ${secret.key}` } });
  assert.equal(asAdmin.status, 200);
  const asOutsider = call("GET", "/search/jql", { query: { jql: `project = ${secret.key}` }, as: outsider });
  const unknown = call("GET", "/search/jql", { query: { jql: "project = ZZZZ" }, as: outsider });
  assert.equal(asOutsider.status, 400);
  assert.equal(unknown.status, 400);
  assert.deepEqual(
    list(asOutsider.body, "errorMessages").map((m) => String(m).replace(secret.key, "X")),
    list(unknown.body, "errorMessages").map((m) => String(m).replace("ZZZZ", "X")),
  );
});

test("the removed /rest/api/3/search endpoints answer 410 Gone with Atlassian's migration message", () => {
  const call = client(freshSite());
  for (const method of ["GET", "POST"]) {
    const r = call(method, "/search", { query: { jql: "project = OPS" }, json: method === "POST" ? { jql: "project = OPS" } : undefined });
    assert.equal(r.status, 410);
    assert.match(
      String(list(r.body, "errorMessages")[0]),
      /^The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API\./,
    );
  }
});
