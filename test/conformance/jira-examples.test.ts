import { test } from "node:test";
import assert from "node:assert/strict";
import { jiraOperations } from "../../src/emulator/jira/product.js";
import { at, client, freshSite, issuesOf, list, scrumProject, snapshot } from "../emulator/jira/helpers.js";
import { loadJiraSpec } from "../emulator/jira/spec.js";

/**
 * The spec's example request bodies for covered operations are accepted or rejected as Jira
 * would: the examples name ids, custom fields and issues of Atlassian's example site, so on our
 * site most are rejected with Jira's field-level messages (and change nothing); once their ids
 * are mapped to ours they are accepted.
 */

const spec = loadJiraSpec();

function example(operationId: string): Record<string, unknown> {
  const op = jiraOperations.find((o) => o.id === `jira.${operationId}`);
  assert.ok(op, operationId);
  const content = spec.operation(op.method, op.path).requestBody?.content?.["application/json"];
  assert.ok(content?.example, `${operationId} has an example`);
  return structuredClone(content.example) as Record<string, unknown>;
}

const CANNOT_BE_SET = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

test("createIssue example: unknown fields and ids are rejected field by field; mapped to this site it is accepted", () => {
  const site = freshSite(41);
  const call = client(site);
  const body = example("createIssue");
  const before = snapshot(site);
  const r = call("POST", "/issue", { json: body });
  assert.equal(r.status, 400);
  assert.deepEqual(at(r.body, "errorMessages"), []);
  const errors = at(r.body, "errors") as Record<string, string>;
  for (const field of ["components", "customfield_10000", "customfield_20000", "fixVersions", "security", "timetracking", "versions"]) {
    assert.equal(errors[field], CANNOT_BE_SET(field), field);
  }
  assert.equal(snapshot(site), before);

  const project = scrumProject(site);
  const fields = body["fields"] as Record<string, unknown>;
  const mapped = {
    fields: {
      project: { id: project.id },
      issuetype: { id: "10004" },
      summary: fields["summary"],
      description: fields["description"],
      duedate: fields["duedate"],
      labels: fields["labels"],
      priority: { id: "2" },
      environment: fields["environment"],
      assignee: { id: project.leadAccountId },
    },
    update: body["update"],
  };
  const accepted = call("POST", "/issue", { json: mapped });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  const issue = call("GET", `/issue/${at(accepted.body, "key") as string}`);
  assert.equal(at(issue.body, "fields", "summary"), "Main order flow broken");
  assert.deepEqual(at(issue.body, "fields", "labels"), ["bugfix", "blitz_test"]);
});

test("createIssues example: both elements fail as on a site without those projects and fields", () => {
  const site = freshSite(41);
  const before = snapshot(site);
  const r = client(site)("POST", "/issue/bulk", { json: example("createIssues") });
  assert.equal(r.status, 400);
  assert.deepEqual(at(r.body, "issues"), []);
  assert.deepEqual(
    list(r.body, "errors").map((e) => at(e, "failedElementNumber")),
    [0, 1],
  );
  assert.equal(snapshot(site), before);
});

test("editIssue example: custom fields and components are not on the edit screen; summary and labels alone are accepted", () => {
  const site = freshSite(41);
  const call = client(site);
  const issue = issuesOf(site, scrumProject(site))[0]!;
  const body = example("editIssue");
  const before = snapshot(site);
  const r = call("PUT", `/issue/${issue.key}`, { json: body });
  assert.equal(r.status, 400);
  const errors = at(r.body, "errors") as Record<string, string>;
  for (const field of ["customfield_10000", "customfield_10010", "components", "timetracking"])
    assert.equal(errors[field], CANNOT_BE_SET(field), field);
  assert.equal(snapshot(site), before);
  const update = body["update"] as Record<string, unknown>;
  const accepted = call("PUT", `/issue/${issue.key}`, {
    json: {
      historyMetadata: body["historyMetadata"],
      properties: body["properties"],
      update: { labels: update["labels"], summary: update["summary"] },
    },
  });
  assert.equal(accepted.status, 204);
  const after = call("GET", `/issue/${issue.key}`, { query: { fields: "summary,labels" } });
  assert.equal(at(after.body, "fields", "summary"), "Bug in business logic");
  assert.ok(list(after.body, "fields", "labels").includes("triaged"));
});

test("doTransition example: transition 5 does not exist here; with a real transition the resolution and comment apply", () => {
  const site = freshSite(41);
  const call = client(site);
  const project = scrumProject(site);
  const created = call("POST", "/issue", {
    json: { fields: { project: { key: project.key }, issuetype: { name: "Story" }, summary: "Transition me" } },
  });
  const key = at(created.body, "key") as string;
  const body = example("doTransition");
  const before = snapshot(site);
  const r = call("POST", `/issue/${key}/transitions`, { json: body });
  assert.deepEqual(r.body, { errorMessages: ["Transition id '5' is not valid for this issue."], errors: {} });
  assert.equal(snapshot(site), before);
  call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "11" } } });
  // The example names its assignee with the pre-GDPR "name" form, which Jira Cloud refuses.
  const gdpr = call("POST", `/issue/${key}/transitions`, { json: { ...body, transition: { id: "51" } } });
  assert.equal(at(gdpr.body, "errors", "assignee"), "'accountId' must be the only user identifying field in GDPR strict mode.");
  const fields = body["fields"] as Record<string, unknown>;
  const ok = call("POST", `/issue/${key}/transitions`, {
    json: { ...body, transition: { id: "51" }, fields: { resolution: fields["resolution"] } },
  });
  assert.equal(ok.status, 204);
  const issue = call("GET", `/issue/${key}`, { query: { fields: "status,resolution,comment" } });
  assert.equal(at(issue.body, "fields", "resolution", "name"), "Fixed");
  assert.equal(at(list(issue.body, "fields", "comment", "comments")[0], "body", "content", 0, "content", 0, "text"), "Bug has been fixed");
});

test("addComment example (role visibility) is accepted", () => {
  const site = freshSite(41);
  const issue = issuesOf(site, scrumProject(site))[0]!;
  const r = client(site)("POST", `/issue/${issue.key}/comment`, { json: example("addComment") });
  assert.equal(r.status, 201);
  assert.deepEqual(at(r.body, "visibility"), { identifier: "Administrators", type: "role", value: "Administrators" });
});

test("linkIssues example: HSP-1 and MKY-1 do not exist here; with this site's issues it links", () => {
  const site = freshSite(41);
  const call = client(site);
  const body = example("linkIssues");
  const before = snapshot(site);
  assert.deepEqual(call("POST", "/issueLink", { json: body }).body, { errorMessages: ["Issue Does Not Exist"], errors: {} });
  assert.equal(snapshot(site), before);
  const [a, b] = issuesOf(site, scrumProject(site));
  const linked = call("POST", "/issueLink", { json: { ...body, inwardIssue: { key: a!.key }, outwardIssue: { key: b!.key } } });
  assert.equal(linked.status, 201);
  const links = list(call("GET", `/issue/${a!.key}`, { query: { fields: "issuelinks" } }).body, "fields", "issuelinks");
  assert.ok(links.some((l) => at(l, "type", "name") === "Duplicate" && at(l, "outwardIssue", "key") === b!.key));
});

test("countIssues example: project HSP does not exist here (400); for a real project it counts", () => {
  const site = freshSite(41);
  const call = client(site);
  const r = call("POST", "/search/approximate-count", { json: example("countIssues") });
  assert.equal(r.status, 400);
  assert.ok(list(r.body, "errorMessages").some((m) => String(m).includes("HSP")));
  const project = scrumProject(site);
  assert.deepEqual(call("POST", "/search/approximate-count", { json: { jql: `project = ${project.key}` } }).body, {
    count: issuesOf(site, project).length,
  });
});
