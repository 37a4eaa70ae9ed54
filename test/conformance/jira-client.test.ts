import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { Version3Client, HttpException } from "jira.js";
import type { Document } from "jira.js/version3/models";
import { buildApp } from "../../src/server/app.js";
import { freshSite, regularUser, scrumProject } from "../emulator/jira/helpers.js";
import { loadJiraSpec } from "../emulator/jira/spec.js";

/**
 * The real jira.js client (v5, which runs on Node 20) against the emulator over HTTP. jira.js 5
 * does not check response schemas itself, so every value it returns is validated here against
 * the official spec's response schema for that operation.
 */

const spec = loadJiraSpec();

function adf(text: string): Document {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}
const site = freshSite(51);
const app = buildApp({ site, quiet: true });
let jira: Version3Client;

function conforms(method: string, path: string, status: number, value: unknown): void {
  const schema = spec.responseSchema(method, path, status);
  assert.ok(schema, `${method} ${path} ${status} has a schema`);
  assert.deepEqual(spec.validate(schema, value), [], `${method} ${path}`);
}

before(async () => {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  jira = new Version3Client({
    host: `http://127.0.0.1:${port}`,
    authentication: { basic: { email: "admin@example.com", apiToken: "atlasgym" } },
  });
});

after(async () => {
  await app.close();
});

test("jira.js: create, get, edit with update operations, transition with resolution and comment", async () => {
  const project = scrumProject(site);
  const created = await jira.issues.createIssue({
    fields: {
      project: { key: project.key },
      issuetype: { name: "Story" },
      summary: "Client-created story",
      description: adf("From jira.js"),
      labels: ["client"],
    },
  });
  conforms("POST", "/rest/api/3/issue", 201, created);
  assert.match(created.key, new RegExp(`^${project.key}-\\d+$`));

  const issue = await jira.issues.getIssue({ issueIdOrKey: created.key });
  conforms("GET", "/rest/api/3/issue/{issueIdOrKey}", 200, issue);
  assert.equal(issue.fields.summary, "Client-created story");

  await jira.issues.editIssue({
    issueIdOrKey: created.key,
    update: { labels: [{ add: "triaged" }, { remove: "client" }], summary: [{ set: "Renamed by jira.js" }] },
  });
  const edited = await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["summary", "labels"] });
  assert.equal(edited.fields.summary, "Renamed by jira.js");
  assert.deepEqual(edited.fields.labels, ["triaged"]);

  const start = await jira.issues.getTransitions({ issueIdOrKey: created.key });
  conforms("GET", "/rest/api/3/issue/{issueIdOrKey}/transitions", 200, start);
  await jira.issues.doTransition({ issueIdOrKey: created.key, transition: { id: start.transitions![0]!.id! } });
  const withFields = await jira.issues.getTransitions({ issueIdOrKey: created.key, expand: "transitions.fields" });
  conforms("GET", "/rest/api/3/issue/{issueIdOrKey}/transitions", 200, withFields);
  const done = withFields.transitions!.find((t) => t.name === "Done")!;
  const screen = done.fields as Record<string, { required?: boolean }> | undefined;
  assert.equal(screen?.["resolution"]?.required, true);

  await assert.rejects(jira.issues.doTransition({ issueIdOrKey: created.key, transition: { id: done.id! } }), (error: unknown) => {
    assert.ok(error instanceof HttpException);
    assert.equal(error.status, 400);
    return true;
  });
  await jira.issues.doTransition({
    issueIdOrKey: created.key,
    transition: { id: done.id! },
    fields: { resolution: { name: "Done" } },
    update: { comment: [{ add: { body: adf("Shipped.") } }] },
  });
  const resolved = await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["status", "resolution", "comment"] });
  assert.equal(resolved.fields.status.name, "Done");
  assert.equal(resolved.fields.resolution?.name, "Done");
  assert.equal(resolved.fields.comment.comments.length, 1);
});

test("jira.js: add and list comments", async () => {
  const project = scrumProject(site);
  const created = await jira.issues.createIssue({
    fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "Comment thread" },
  });
  const comment = await jira.issueComments.addComment({ issueIdOrKey: created.key, comment: adf("First comment") });
  conforms("POST", "/rest/api/3/issue/{issueIdOrKey}/comment", 201, comment);
  await jira.issueComments.addComment({ issueIdOrKey: created.key, comment: adf("Second comment") });
  const page = await jira.issueComments.getComments({ issueIdOrKey: created.key, maxResults: 1 });
  conforms("GET", "/rest/api/3/issue/{issueIdOrKey}/comment", 200, page);
  assert.equal(page.total, 2);
  assert.equal(page.comments?.length, 1);
  const one = await jira.issueComments.getComment({ issueIdOrKey: created.key, id: comment.id! });
  conforms("GET", "/rest/api/3/issue/{issueIdOrKey}/comment/{id}", 200, one);
});

test("jira.js: JQL search pages with nextPageToken until the last page", async () => {
  const project = scrumProject(site);
  const jql = `project = ${project.key} ORDER BY created ASC`;
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql,
      maxResults: 10,
      fields: ["summary", "status"],
      nextPageToken,
    });
    conforms("GET", "/rest/api/3/search/jql", 200, result);
    for (const issue of result.issues ?? []) keys.push(issue.key!);
    nextPageToken = result.nextPageToken ?? undefined;
    // jira.js 5 does not type `isLast`; the last page is the one without a token.
    assert.equal((result as { isLast?: boolean }).isLast, nextPageToken === undefined);
    if (nextPageToken === undefined) break;
  }
  const count = await jira.issueSearch.countIssues({ jql: `project = ${project.key}` });
  conforms("POST", "/rest/api/3/search/approximate-count", 200, count);
  assert.equal(keys.length, count.count);
  assert.equal(new Set(keys).size, keys.length);
  await assert.rejects(jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: "order by created" }));
});

test("jira.js: user search and current user", async () => {
  const person = regularUser(site);
  const users = await jira.userSearch.findUsers({ query: person.emailAddress });
  conforms("GET", "/rest/api/3/user/search", 200, users);
  assert.deepEqual(
    users.map((u) => u.accountId),
    [person.accountId],
  );
  const me = await jira.myself.getCurrentUser();
  conforms("GET", "/rest/api/3/myself", 200, me);
  assert.equal(me.emailAddress, "admin@example.com");
});
