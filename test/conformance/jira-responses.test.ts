import { test } from "node:test";
import assert from "node:assert/strict";
import { handle } from "../../src/emulator/index.js";
import type { EmuResponse } from "../../src/emulator/http.js";
import { jiraOperations } from "../../src/emulator/jira/product.js";
import { Router } from "../../src/emulator/router.js";
import { REMOVED_OPERATIONS } from "../../src/emulator/jira/search/removed.js";
import type { User } from "../../src/emulator/core/users.js";
import {
  ADMIN_AUTH,
  adf,
  at,
  authOf,
  confidentialProject,
  freshSite,
  issuesOf,
  list,
  outsiderOf,
  projectByKey,
  regularUser,
  scrumProject,
} from "../emulator/jira/helpers.js";
import { loadJiraSpec } from "../emulator/jira/spec.js";

/**
 * Every response of every covered operation, in success and error cases, validates against the
 * operation's response schema in the official spec; errors without a documented schema must be
 * Jira's `ErrorCollection`.
 */

const spec = loadJiraSpec();
const router = new Router(jiraOperations);

interface Checked {
  operation: string;
  status: number;
}

test("responses of all covered operations validate against the spec", () => {
  const site = freshSite(31);
  const checked: Checked[] = [];
  const call = (method: string, path: string, options: { query?: Record<string, string>; json?: unknown; as?: User } = {}): EmuResponse => {
    const fullPath = `/rest/api/3${path}`;
    const response = handle(site, {
      method,
      path: fullPath,
      query: options.query,
      json: options.json,
      headers: options.as ? authOf(options.as) : ADMIN_AUTH,
    });
    const route = router.match(method, fullPath);
    assert.equal(route.kind, "match", `${method} ${fullPath}`);
    if (route.kind !== "match") return response;
    const op = route.operation;
    const schema = spec.responseSchema(op.method, op.path, response.status);
    const where = `${method} ${fullPath} -> ${response.status}`;
    if (schema) assert.deepEqual(spec.validate(schema, response.body), [], where);
    else if (response.status >= 400) assert.deepEqual(spec.validateComponent("ErrorCollection", response.body), [], where);
    else assert.equal(response.body, undefined, `${where}: the spec documents no body`);
    checked.push({ operation: op.id, status: response.status });
    return response;
  };

  const project = scrumProject(site);
  const ops = projectByKey(site, "OPS");
  const secret = confidentialProject(site);
  const outsider = outsiderOf(site, secret);
  const person = regularUser(site);
  const issue = issuesOf(site, project).find((i) => i.commentIds.length > 0 && i.linkIds.length > 0) ?? issuesOf(site, project)[0]!;

  // Users.
  call("GET", "/myself", { query: { expand: "groups,applicationRoles" } });
  call("GET", "/user", { query: { accountId: person.accountId } });
  call("GET", "/user", { query: { accountId: "missing" } });
  call("GET", "/user/search", { query: { query: person.displayName.slice(0, 2) } });
  call("GET", "/user/search");
  // Projects and configuration.
  call("GET", "/project/search", { query: { expand: "description,lead,issueTypes,insight", maxResults: "2" } });
  call("GET", `/project/${project.key}`, { query: { expand: "insight" } });
  call("GET", "/project/NOPE");
  call("GET", "/issuetype");
  call("GET", "/priority/search", { query: { maxResults: "2" } });
  call("GET", "/resolution/search");
  call("GET", "/status");
  call("GET", "/field");
  call("GET", "/issueLinkType");
  call("GET", `/issue/createmeta/${project.key}/issuetypes`);
  for (const config of project.issueTypes) call("GET", `/issue/createmeta/${project.key}/issuetypes/${config.issueTypeId}`);
  call("GET", `/issue/createmeta/${project.key}/issuetypes/1`);
  call("GET", "/issue/createmeta/NOPE/issuetypes");
  // Issues.
  for (const i of issuesOf(site, project).slice(0, 15)) call("GET", `/issue/${i.key}`, { query: { expand: "names,schema,transitions" } });
  call("GET", `/issue/${issue.key}`, { query: { fields: "summary,comment,issuelinks,subtasks,parent" } });
  call("GET", `/issue/${issuesOf(site, secret)[0]!.key}`, { as: outsider });
  const created = call("POST", "/issue", {
    json: {
      fields: {
        project: { key: project.key },
        issuetype: { name: "Story" },
        summary: "Conformance story",
        description: adf("Body"),
        labels: ["x"],
      },
    },
  });
  const key = at(created.body, "key") as string;
  call("POST", "/issue", { json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, description: "plain" } } });
  call("POST", "/issue", { json: { fields: { project: { key: secret.key }, issuetype: { name: "Task" }, summary: "x" } }, as: outsider });
  call("POST", "/issue", {
    json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "with transition" }, transition: { id: "11" } },
  });
  call("POST", "/issue/bulk", {
    json: { issueUpdates: [{ fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "Bulk" } }, { fields: {} }] },
  });
  call("POST", "/issue/bulk", { json: { issueUpdates: [{ fields: {} }] } });
  call("PUT", `/issue/${key}`, { json: { update: { labels: [{ add: "y" }] } } });
  call("PUT", `/issue/${key}`, { query: { returnIssue: "true" }, json: { fields: { summary: "Edited" } } });
  call("PUT", `/issue/${key}`, { json: { fields: { nope: 1 } } });
  const opsIssue = issuesOf(site, ops)[0]!;
  const reader = regularUser(site, (u) => !site.jira.projects.get(ops.id)!.roles.some((r) => r.accountIds.includes(u.accountId)));
  call("PUT", `/issue/${opsIssue.key}`, { json: { fields: { summary: "x" } }, as: reader });
  // Transitions and comments.
  call("GET", `/issue/${key}/transitions`, { query: { expand: "transitions.fields" } });
  call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "11" } } });
  call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "51" } } });
  call("POST", `/issue/${key}/transitions`, {
    json: { transition: { id: "51" }, fields: { resolution: { name: "Done" } }, update: { comment: [{ add: { body: adf("Done") } }] } },
  });
  call("GET", `/issue/${key}/transitions`, { query: { expand: "transitions.fields" } });
  const comment = call("POST", `/issue/${key}/comment`, { query: { expand: "renderedBody" }, json: { body: adf("A comment") } });
  call("POST", `/issue/${key}/comment`, { json: { body: "plain" } });
  call("GET", `/issue/${key}/comment`, { query: { expand: "renderedBody" } });
  call("GET", `/issue/${key}/comment/${at(comment.body, "id") as string}`);
  call("GET", `/issue/${key}/comment/1`);
  // Links.
  call("POST", "/issueLink", { json: { type: { name: "Relates" }, inwardIssue: { key }, outwardIssue: { key: issue.key } } });
  call("POST", "/issueLink", { json: { type: { name: "Nope" }, inwardIssue: { key }, outwardIssue: { key: issue.key } } });
  call("GET", `/issue/${key}`);
  // Search.
  const first = call("GET", "/search/jql", {
    query: { jql: `project = ${project.key} ORDER BY key ASC`, maxResults: "5", fields: "*all", expand: "names,schema" },
  });
  call("GET", "/search/jql", {
    query: { jql: `project = ${project.key} ORDER BY key ASC`, nextPageToken: at(first.body, "nextPageToken") as string },
  });
  call("POST", "/search/jql", { json: { jql: `project = ${project.key}`, fields: ["summary", "status"], maxResults: 3 } });
  call("GET", "/search/jql", { query: { jql: "" } });
  call("POST", "/search/jql", { json: { jql: "project = " } });
  call("POST", "/search/approximate-count", { json: { jql: `project = ${project.key}` } });
  call("POST", "/search/approximate-count", { json: { jql: "" } });
  assert.equal(call("GET", "/search", { query: { jql: `project = ${project.key}` } }).status, 410);
  assert.equal(call("POST", "/search", { json: { jql: `project = ${project.key}` } }).status, 410);
  // Delete last (it removes data the calls above use).
  call("DELETE", `/issue/${key}`);
  call("DELETE", `/issue/${key}`);

  const covered = new Set(checked.filter((c) => c.status < 300).map((c) => c.operation));
  for (const op of jiraOperations) {
    if (REMOVED_OPERATIONS.includes(op)) continue;
    assert.ok(covered.has(op.id), `no successful response checked for ${op.id}`);
  }
  assert.ok(checked.some((c) => c.status >= 400));
  assert.ok(list({ checked }, "checked").length > 60);
});
