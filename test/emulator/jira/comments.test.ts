import { test } from "node:test";
import assert from "node:assert/strict";
import { adf, at, client, freshSite, list, regularUser, scrumProject, snapshot } from "./helpers.js";

function issueKey(site: ReturnType<typeof freshSite>): string {
  const project = scrumProject(site);
  const r = client(site)("POST", "/issue", {
    json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "Comment target" } },
  });
  return at(r.body, "key") as string;
}

test("add, list and get comments in Jira's shape", () => {
  const site = freshSite();
  const call = client(site);
  const key = issueKey(site);
  const added = call("POST", `/issue/${key}/comment`, { json: { body: adf("First!") } });
  assert.equal(added.status, 201);
  assert.deepEqual(at(added.body, "body"), adf("First!"));
  assert.equal(at(added.body, "author", "emailAddress"), "admin@example.com");
  assert.match(at(added.body, "self") as string, /\/rest\/api\/3\/issue\/\d+\/comment\/\d+$/);
  call("POST", `/issue/${key}/comment`, { json: { body: adf("Second") } });
  call("POST", `/issue/${key}/comment`, { json: { body: adf("Third") } });

  const page = call("GET", `/issue/${key}/comment`, { query: { maxResults: "2" } });
  assert.equal(at(page.body, "total"), 3);
  assert.equal(at(page.body, "maxResults"), 2);
  assert.deepEqual(
    list(page.body, "comments").map((c) => at(c, "body", "content", 0, "content", 0, "text")),
    ["First!", "Second"],
  );
  const newest = call("GET", `/issue/${key}/comment`, { query: { orderBy: "-created", startAt: "0", maxResults: "1" } });
  assert.equal(at(list(newest.body, "comments")[0], "body", "content", 0, "content", 0, "text"), "Third");
  const one = call("GET", `/issue/${key}/comment/${at(added.body, "id") as string}`, { query: { expand: "renderedBody" } });
  assert.equal(one.status, 200);
  assert.equal(at(one.body, "renderedBody"), "<p>First!</p>");
  assert.equal(call("GET", `/issue/${key}/comment/1`).status, 404);
  assert.equal(call("GET", `/issue/${key}/comment`, { query: { orderBy: "author" } }).status, 400);
});

test("comment bodies must be ADF; failures change nothing", () => {
  const site = freshSite();
  const call = client(site);
  const key = issueKey(site);
  const before = snapshot(site);
  const plain = call("POST", `/issue/${key}/comment`, { json: { body: "plain text" } });
  assert.equal(plain.status, 400);
  assert.deepEqual(plain.body, {
    errorMessages: [],
    errors: { comment: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" },
  });
  const empty = call("POST", `/issue/${key}/comment`, { json: { body: { type: "doc", version: 1, content: [] } } });
  assert.deepEqual(at(empty.body, "errors"), { comment: "Comment body can not be empty!" });
  const broken = call("POST", `/issue/${key}/comment`, { json: { body: { type: "doc", version: 1, content: [{ type: "nonsense" }] } } });
  assert.equal(broken.status, 400);
  assert.equal(call("POST", "/issue/NOPE-1/comment", { json: { body: adf("x") } }).status, 404);
  assert.equal(snapshot(site), before);
});

test("restricted comments are visible only to the group or role they are restricted to", () => {
  const site = freshSite();
  const call = client(site);
  const key = issueKey(site);
  const restricted = call("POST", `/issue/${key}/comment`, {
    json: { body: adf("Admins only"), visibility: { type: "group", value: "jira-administrators" } },
  });
  assert.equal(restricted.status, 201);
  assert.deepEqual(at(restricted.body, "visibility"), { type: "group", value: "jira-administrators", identifier: null });
  const outsider = regularUser(site);
  assert.equal(at(call("GET", `/issue/${key}/comment`, { as: outsider }).body, "total"), 0);
  assert.equal(call("GET", `/issue/${key}/comment/${at(restricted.body, "id") as string}`, { as: outsider }).status, 404);
  assert.equal(at(call("GET", `/issue/${key}/comment`).body, "total"), 1);
  const notMember = call("POST", `/issue/${key}/comment`, {
    json: { body: adf("x"), visibility: { type: "group", value: "jira-administrators" } },
    as: outsider,
  });
  assert.equal(at(notMember.body, "errors", "commentLevel"), "You are currently not a member of the group: jira-administrators.");
});
