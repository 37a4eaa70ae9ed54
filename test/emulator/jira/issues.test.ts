import { test } from "node:test";
import assert from "node:assert/strict";
import { adf, at, client, freshSite, list, scrumProject, snapshot } from "./helpers.js";
import type { Site } from "../../../src/emulator/index.js";

function createTask(site: Site, fields: Record<string, unknown> = {}) {
  const call = client(site);
  const project = scrumProject(site);
  return call("POST", "/issue", {
    json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "Rotate the staging certificates", ...fields } },
  });
}

test("create returns id, key and self; the issue reads back in Jira's shape", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const created = createTask(site, {
    description: adf("Certificates expire on Friday."),
    labels: ["infra", "security"],
    duedate: "2026-06-20",
  });
  assert.equal(created.status, 201);
  const key = at(created.body, "key") as string;
  assert.match(key, new RegExp(`^${project.key}-\\d+$`));
  assert.equal(at(created.body, "self"), `${site.meta.baseUrl}/rest/api/3/issue/${at(created.body, "id")}`);

  const got = call("GET", `/issue/${key}`);
  assert.equal(got.status, 200);
  assert.equal(at(got.body, "key"), key);
  assert.equal(at(got.body, "fields", "summary"), "Rotate the staging certificates");
  assert.deepEqual(at(got.body, "fields", "labels"), ["infra", "security"]);
  assert.equal(at(got.body, "fields", "duedate"), "2026-06-20");
  assert.equal(at(got.body, "fields", "issuetype", "name"), "Task");
  assert.equal(at(got.body, "fields", "project", "key"), project.key);
  assert.equal(at(got.body, "fields", "status", "name"), "To Do");
  assert.equal(at(got.body, "fields", "status", "statusCategory", "key"), "new");
  assert.equal(at(got.body, "fields", "reporter", "emailAddress"), "admin@example.com");
  assert.equal(at(got.body, "fields", "priority", "name"), "Medium");
  assert.equal(at(got.body, "fields", "resolution"), null);
  assert.match(at(got.body, "fields", "created") as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  assert.deepEqual(at(got.body, "fields", "description"), adf("Certificates expire on Friday."));
  // By id as well as by key, and keys case-insensitively.
  assert.equal(call("GET", `/issue/${at(created.body, "id")}`).status, 200);
  assert.equal(call("GET", `/issue/${key.toLowerCase()}`).status, 200);
});

test("create validates fields with Jira's messages and changes nothing on failure", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const before = snapshot(site);
  const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
    [{ description: "plain text" }, { description: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" }],
    [{ summary: "" }, { summary: "You must specify a summary of the issue." }],
    [{ summary: 42 }, { summary: "Operation value must be a string" }],
    [{ foo: "bar" }, { foo: "Field 'foo' cannot be set. It is not on the appropriate screen, or unknown." }],
    [{ labels: ["needs review"] }, { labels: "The label 'needs review' contains spaces which is invalid." }],
    [{ priority: { name: "Urgent" } }, { priority: "The priority selected is invalid." }],
    [{ duedate: "next friday" }, { duedate: "Error parsing date string: next friday" }],
    [{ assignee: { accountId: "nobody" } }, { assignee: "Specified user does not exist or you do not have required permissions" }],
    [{ project: { key: "NOPE" } }, { project: "Specify a valid project ID or key" }],
    [{ issuetype: { name: "Saga" } }, { issuetype: "valid issue type is required" }],
    [{ issuetype: undefined }, { issuetype: "Specify an issue type" }],
  ];
  for (const [fields, errors] of cases) {
    const r = createTask(site, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.deepEqual(r.body, { errorMessages: [], errors }, JSON.stringify(fields));
  }
  const noSummary = call("POST", "/issue", { json: { fields: { project: { id: project.id }, issuetype: { id: "10001" } } } });
  assert.deepEqual(at(noSummary.body, "errors"), { summary: "You must specify a summary of the issue." });
  assert.equal(snapshot(site), before);
});

test("sub-tasks need a parent from the same project; standard issues take an epic as parent", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const fields = { project: { key: project.key }, summary: "Write unit tests" };
  const orphan = call("POST", "/issue", { json: { fields: { ...fields, issuetype: { name: "Sub-task" } } } });
  assert.equal(orphan.status, 400);
  assert.equal(at(orphan.body, "errors", "parent"), "Issue type is a sub-task but parent issue key or id not specified.");

  const make = (type: string) => call("POST", "/issue", { json: { fields: { ...fields, issuetype: { name: type } } } }).body;
  const story = { key: at(make("Story"), "key") as string };
  const epicCreated = make("Epic");
  const epic = { key: at(epicCreated, "key") as string, id: at(epicCreated, "id") as string };
  const sub = call("POST", "/issue", { json: { fields: { ...fields, issuetype: { name: "Sub-task" }, parent: { key: story.key } } } });
  assert.equal(sub.status, 201);
  const parentView = call("GET", `/issue/${story.key}`, { query: { fields: "subtasks" } });
  assert.ok(list(parentView.body, "fields", "subtasks").some((s) => at(s, "key") === at(sub.body, "key")));

  const wrongLevel = call("POST", "/issue", {
    json: { fields: { ...fields, issuetype: { name: "Sub-task" }, parent: { key: epic.key } } },
  });
  assert.equal(at(wrongLevel.body, "errors", "parent"), "Given parent work item does not belong to appropriate hierarchy.");
  const child = call("POST", "/issue", { json: { fields: { ...fields, issuetype: { name: "Story" }, parent: { id: epic.id } } } });
  assert.equal(child.status, 201);
  assert.equal(at(call("GET", `/issue/${at(child.body, "key")}`).body, "fields", "parent", "key"), epic.key);
});

test("bulk create keeps the valid elements and reports the failed ones by index", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const good = { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: "One" } };
  const bad = { fields: { project: { key: project.key }, issuetype: { name: "Task" } } };
  const mixed = call("POST", "/issue/bulk", { json: { issueUpdates: [good, bad, good] } });
  assert.equal(mixed.status, 201);
  assert.equal(list(mixed.body, "issues").length, 2);
  assert.deepEqual(at(mixed.body, "errors"), [
    {
      status: 400,
      elementErrors: { errorMessages: [], errors: { summary: "You must specify a summary of the issue." } },
      failedElementNumber: 1,
    },
  ]);
  const before = snapshot(site);
  const allBad = call("POST", "/issue/bulk", { json: { issueUpdates: [bad, bad] } });
  assert.equal(allBad.status, 400);
  assert.equal(list(allBad.body, "errors").length, 2);
  assert.equal(snapshot(site), before);
});

test("get selects fields and expands names, schema and transitions; unknown issues are Jira's 404", () => {
  const site = freshSite();
  const call = client(site);
  const issue = [...site.jira.issues.values()][3]!;
  const some = call("GET", `/issue/${issue.key}`, { query: { fields: "summary,status", expand: "names,schema" } });
  assert.deepEqual(Object.keys(at(some.body, "fields") as object).sort(), ["status", "summary"]);
  assert.deepEqual(at(some.body, "names"), { summary: "Summary", status: "Status" });
  assert.equal(at(some.body, "schema", "status", "type"), "status");
  const minus = call("GET", `/issue/${issue.key}`, { query: { fields: "*all,-comment" } });
  assert.equal(at(minus.body, "fields", "comment"), undefined);
  assert.notEqual(at(minus.body, "fields", "summary"), undefined);
  const withTransitions = call("GET", `/issue/${issue.key}`, { query: { expand: "transitions" } });
  assert.ok(list(withTransitions.body, "transitions").length > 0);
  for (const path of ["/issue/NOPE-1", "/issue/99999999"]) {
    const missing = call("GET", path);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} });
  }
});

test("edit applies fields and update operations (labels add/remove/set, summary set)", () => {
  const site = freshSite();
  const call = client(site);
  const key = at(createTask(site, { labels: ["blocker", "infra"] }).body, "key") as string;
  const edited = call("PUT", `/issue/${key}`, {
    json: {
      fields: { description: adf("Updated description") },
      update: { labels: [{ add: "triaged" }, { remove: "blocker" }], summary: [{ set: "Rotate all certificates" }] },
    },
  });
  assert.equal(edited.status, 204);
  const got = call("GET", `/issue/${key}`, { query: { fields: "summary,labels,description,updated,created" } });
  assert.equal(at(got.body, "fields", "summary"), "Rotate all certificates");
  assert.deepEqual(at(got.body, "fields", "labels"), ["infra", "triaged"]);
  assert.deepEqual(at(got.body, "fields", "description"), adf("Updated description"));
  assert.ok((at(got.body, "fields", "updated") as string) > (at(got.body, "fields", "created") as string));

  assert.equal(call("PUT", `/issue/${key}`, { json: { update: { labels: [{ set: ["a", "b"] }] } } }).status, 204);
  assert.deepEqual(at(call("GET", `/issue/${key}`, { query: { fields: "labels" } }).body, "fields", "labels"), ["a", "b"]);

  const returned = call("PUT", `/issue/${key}`, { query: { returnIssue: "true" }, json: { fields: { summary: "Back" } } });
  assert.equal(returned.status, 200);
  assert.equal(at(returned.body, "fields", "summary"), "Back");
});

test("edit rejects unsupported operations, fields off the edit screen and status changes, changing nothing", () => {
  const site = freshSite();
  const call = client(site);
  const key = at(createTask(site).body, "key") as string;
  const before = snapshot(site);
  const addSummary = call("PUT", `/issue/${key}`, { json: { update: { summary: [{ add: "x" }] } } });
  assert.equal(addSummary.status, 400);
  assert.equal(
    at(addSummary.body, "errors", "summary"),
    "Field 'summary' does not support operation 'add' Supported operation(s) are: 'set'",
  );
  const status = call("PUT", `/issue/${key}`, { json: { fields: { status: { name: "Done" }, summary: "ok" } } });
  assert.equal(at(status.body, "errors", "status"), "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.");
  const plain = call("PUT", `/issue/${key}`, { json: { fields: { description: "text" } } });
  assert.equal(
    at(plain.body, "errors", "description"),
    "Operation value must be an Atlassian Document (see the Atlassian Document Format)",
  );
  const unknownVerb = call("PUT", `/issue/${key}`, { json: { update: { labels: [{ append: "x" }] } } });
  assert.equal(unknownVerb.status, 400);
  assert.equal(call("PUT", `/issue/${key}`, {}).status, 400);
  assert.equal(snapshot(site), before);
});

test("delete removes the issue with its comments; issues with sub-tasks need deleteSubtasks=true", () => {
  const site = freshSite();
  const call = client(site);
  const withSubtasks = [...site.jira.issues.values()].find((i) =>
    i.childIds.some((id) => site.jira.issueTypes.get(site.jira.issues.get(id)!.issueTypeId)!.subtask),
  )!;
  const refused = call("DELETE", `/issue/${withSubtasks.key}`);
  assert.equal(refused.status, 400);
  const subtaskIds = withSubtasks.childIds.filter((id) => site.jira.issueTypes.get(site.jira.issues.get(id)!.issueTypeId)!.subtask);
  assert.equal(call("DELETE", `/issue/${withSubtasks.key}`, { query: { deleteSubtasks: "true" } }).status, 204);
  assert.equal(call("GET", `/issue/${withSubtasks.key}`).status, 404);
  for (const id of subtaskIds) assert.equal(site.jira.issues.get(id), undefined);
  for (const id of withSubtasks.commentIds) assert.equal(site.jira.comments.get(id), undefined);
  assert.equal(call("DELETE", `/issue/${withSubtasks.key}`).status, 404);
});

test("create metadata tells the truth: omitting each required field gives its error, supplying them all succeeds", () => {
  const site = freshSite();
  const call = client(site);
  const values: Record<string, unknown> = {
    summary: "Checked against create metadata",
    description: adf("text"),
    environment: adf("Production"),
    priority: { name: "High" },
    labels: ["checked"],
    duedate: "2026-07-01",
    customfield_10016: 3,
    customfield_10015: "2026-06-15",
  };
  for (const project of site.jira.projects.values()) {
    const types = list(call("GET", `/issue/createmeta/${project.key}/issuetypes`).body, "issueTypes");
    for (const type of types) {
      if (at(type, "subtask") === true) continue;
      const meta = list(call("GET", `/issue/createmeta/${project.key}/issuetypes/${at(type, "id")}`).body, "fields");
      const required = meta.filter((f) => at(f, "required") === true && !at(f, "hasDefaultValue")).map((f) => at(f, "fieldId") as string);
      const base = { project: { key: project.key }, issuetype: { id: at(type, "id") } };
      const full: Record<string, unknown> = { ...base };
      for (const id of required) if (id in values) full[id] = values[id];
      assert.equal(call("POST", "/issue", { json: { fields: full } }).status, 201, `${project.key} ${String(at(type, "name"))}`);
      for (const id of required.filter((f) => f in values)) {
        const without = { ...full };
        delete without[id];
        const r = call("POST", "/issue", { json: { fields: without } });
        assert.equal(r.status, 400, `${project.key} without ${id}`);
        assert.ok(at(r.body, "errors", id), `${project.key} error for ${id}: ${JSON.stringify(r.body)}`);
      }
    }
  }
});
