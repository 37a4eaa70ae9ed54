import { test } from "node:test";
import assert from "node:assert/strict";
import { handle } from "../../../src/emulator/index.js";
import { hasPermission } from "../../../src/emulator/jira/permissions.js";
import {
  adf,
  at,
  client,
  confidentialProject,
  freshSite,
  issuesOf,
  list,
  outsiderOf,
  projectByKey,
  regularUser,
  snapshot,
} from "./helpers.js";

const HIDDEN = { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} };

test("issues of a confidential project are 404 to non-members, whatever the operation", () => {
  const site = freshSite();
  const call = client(site);
  const secret = confidentialProject(site);
  const outsider = outsiderOf(site, secret);
  const issue = issuesOf(site, secret)[0]!;
  const before = snapshot(site);
  for (const [method, path, json] of [
    ["GET", `/issue/${issue.key}`, undefined],
    ["PUT", `/issue/${issue.key}`, { fields: { summary: "x" } }],
    ["DELETE", `/issue/${issue.key}`, undefined],
    ["GET", `/issue/${issue.key}/transitions`, undefined],
    ["POST", `/issue/${issue.key}/transitions`, { transition: { id: "11" } }],
    ["GET", `/issue/${issue.key}/comment`, undefined],
    ["POST", `/issue/${issue.key}/comment`, { body: adf("hi") }],
  ] as const) {
    const r = call(method, path, { json, as: outsider });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.deepEqual(r.body, HIDDEN);
  }
  assert.equal(call("GET", `/project/${secret.key}`, { as: outsider }).status, 404);
  const create = call("POST", "/issue", {
    json: { fields: { project: { key: secret.key }, issuetype: { name: "Task" }, summary: "x" } },
    as: outsider,
  });
  assert.deepEqual(at(create.body, "errors"), { project: "Specify a valid project ID or key" });
  const projects = call("GET", "/project/search", { as: outsider });
  assert.ok(!JSON.stringify(projects.body).includes(`"key":"${secret.key}"`));
  assert.equal(snapshot(site), before);
  // Members see it.
  const member = regularUser(site, (u) => hasPermission(site, u, secret, "BROWSE_PROJECTS"));
  assert.equal(call("GET", `/issue/${issue.key}`, { as: member }).status, 200);
});

test("in the restricted-edit project everyone can browse, create and comment, but only developers edit and transition", () => {
  const site = freshSite();
  const call = client(site);
  const ops = projectByKey(site, "OPS");
  const reader = regularUser(site, (u) => !hasPermission(site, u, ops, "EDIT_ISSUES"));
  const developer = regularUser(site, (u) => hasPermission(site, u, ops, "EDIT_ISSUES"));
  const issue = issuesOf(site, ops).find((i) => site.jira.statuses.get(i.statusId)!.categoryKey !== "done")!;
  const before = snapshot(site);
  assert.equal(call("GET", `/issue/${issue.key}`, { as: reader }).status, 200);
  const edit = call("PUT", `/issue/${issue.key}`, { json: { fields: { summary: "changed" } }, as: reader });
  assert.equal(edit.status, 403);
  assert.deepEqual(edit.body, { errorMessages: ["You do not have permission to edit issues in this project."], errors: {} });
  assert.deepEqual(list(call("GET", `/issue/${issue.key}/transitions`, { as: reader }).body, "transitions"), []);
  const move = call("POST", `/issue/${issue.key}/transitions`, { json: { transition: { id: "41" } }, as: reader });
  assert.equal(move.status, 400);
  assert.equal(call("DELETE", `/issue/${issue.key}`, { as: reader }).status, 403);
  assert.equal(snapshot(site), before);
  assert.equal(call("POST", `/issue/${issue.key}/comment`, { json: { body: adf("+1") }, as: reader }).status, 201);
  assert.equal(call("PUT", `/issue/${issue.key}`, { json: { fields: { summary: "changed" } }, as: developer }).status, 204);
  // Readers cannot be assigned in a project where they are not assignable.
  const assign = call("PUT", `/issue/${issue.key}`, { json: { fields: { assignee: { accountId: reader.accountId } } }, as: developer });
  assert.equal(at(assign.body, "errors", "assignee"), `User '${reader.displayName}' cannot be assigned issues.`);
});

test("no or wrong credentials are 401 for every Jira operation", () => {
  const site = freshSite();
  for (const path of ["/rest/api/3/myself", "/rest/api/3/issue/X-1", "/rest/api/3/search/jql"]) {
    const r = handle(site, { method: "GET", path, headers: { authorization: "Bearer wrong" } });
    assert.equal(r.status, 401);
    assert.deepEqual(r.body, {
      errorMessages: ["You are not authenticated. Authentication required to perform this operation."],
      errors: {},
    });
  }
});
