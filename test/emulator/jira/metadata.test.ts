import { test } from "node:test";
import assert from "node:assert/strict";
import { adf, at, client, freshSite, list, regularUser, scrumProject, snapshot } from "./helpers.js";

test("users: myself, user by account id, user search by name or e-mail prefix", () => {
  const site = freshSite();
  const call = client(site);
  const person = regularUser(site);
  const me = call("GET", "/myself", { as: person, query: { expand: "groups" } });
  assert.equal(at(me.body, "accountId"), person.accountId);
  assert.ok(list(me.body, "groups", "items").some((g) => at(g, "name") === "jira-software-users"));
  assert.equal(at(call("GET", "/user", { query: { accountId: person.accountId } }).body, "displayName"), person.displayName);
  assert.equal(call("GET", "/user", { query: { accountId: "nobody" } }).status, 404);
  assert.equal(call("GET", "/user").status, 404);

  const family = person.displayName.split(" ")[1]!;
  const byName = call("GET", "/user/search", { query: { query: family.slice(0, 3) } });
  assert.ok(list(byName.body).some((u) => at(u, "accountId") === person.accountId));
  const byEmail = call("GET", "/user/search", { query: { query: person.emailAddress } });
  assert.deepEqual(
    list(byEmail.body).map((u) => at(u, "accountId")),
    [person.accountId],
  );
  const inactive = [...site.core.users.values()].find((u) => !u.active);
  if (inactive) assert.deepEqual(list(call("GET", "/user/search", { query: { query: inactive.emailAddress } }).body), []);
  assert.equal(call("GET", "/user/search").status, 400);
});

test("projects: search with filters and paging, get by key or id, 404 for unknown", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const all = call("GET", "/project/search");
  const keys = list(all.body, "values").map((p) => at(p, "key") as string);
  assert.deepEqual(keys, [...keys].sort());
  assert.equal(at(all.body, "total"), site.jira.projects.size);
  const filtered = call("GET", "/project/search", { query: { query: project.name.slice(0, 5).toLowerCase(), expand: "lead,issueTypes" } });
  const match = list(filtered.body, "values").find((p) => at(p, "key") === project.key);
  assert.ok(match);
  assert.equal(at(match, "lead", "accountId"), project.leadAccountId);
  assert.ok(list(match, "issueTypes").length >= 3);
  const paged = call("GET", "/project/search", { query: { maxResults: "2", startAt: "1" } });
  assert.deepEqual(
    list(paged.body, "values").map((p) => at(p, "key")),
    keys.slice(1, 3),
  );
  for (const ref of [project.key, project.id]) {
    const one = call("GET", `/project/${ref}`);
    assert.equal(at(one.body, "key"), project.key);
    assert.ok(at(one.body, "roles", "Administrators"));
  }
  assert.deepEqual(call("GET", "/project/NOPE").body, { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
});

test("configuration: issue types, priorities, resolutions, statuses, fields and link types", () => {
  const site = freshSite();
  const call = client(site);
  const types = list(call("GET", "/issuetype").body);
  assert.ok(types.some((t) => at(t, "subtask") === true));
  const priorities = call("GET", "/priority/search", { query: { maxResults: "2" } });
  assert.equal(at(priorities.body, "total"), 5);
  assert.equal(at(priorities.body, "isLast"), false);
  assert.ok(at(priorities.body, "nextPage"));
  assert.deepEqual(
    list(call("GET", "/priority/search", { query: { onlyDefault: "true" } }).body, "values").map((p) => at(p, "name")),
    ["Medium"],
  );
  const resolutions = list(call("GET", "/resolution/search").body, "values").map((r) => at(r, "name"));
  assert.ok(resolutions.includes("Done") && resolutions.includes("Won't Do"));
  const statuses = list(call("GET", "/status").body);
  assert.ok(statuses.every((s) => ["new", "indeterminate", "done"].includes(at(s, "statusCategory", "key") as string)));
  const fields = list(call("GET", "/field").body);
  assert.ok(fields.some((f) => at(f, "id") === "customfield_10016" && at(f, "custom") === true));
  const linkTypes = list(call("GET", "/issueLinkType").body, "issueLinkTypes").map((t) => at(t, "name"));
  assert.deepEqual(linkTypes, ["Blocks", "Cloners", "Duplicate", "Relates"]);
  assert.equal(call("GET", "/issue/createmeta/NOPE/issuetypes").status, 404);
  assert.equal(call("GET", `/issue/createmeta/${scrumProject(site).key}/issuetypes/99999`).status, 400);
});

test("issue links read in both directions; bad links change nothing", () => {
  const site = freshSite();
  const call = client(site);
  const project = scrumProject(site);
  const make = (summary: string) =>
    at(
      call("POST", "/issue", { json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary } } }).body,
      "key",
    ) as string;
  const a = make("Database migration");
  const b = make("Release 2.0");
  const before = snapshot(site);
  assert.equal(
    call("POST", "/issueLink", { json: { type: { name: "Nope" }, inwardIssue: { key: a }, outwardIssue: { key: b } } }).status,
    404,
  );
  assert.equal(
    call("POST", "/issueLink", { json: { type: { name: "Blocks" }, inwardIssue: { key: a }, outwardIssue: { key: "NOPE-1" } } }).status,
    404,
  );
  assert.equal(
    call("POST", "/issueLink", { json: { type: { name: "Blocks" }, inwardIssue: { key: a }, outwardIssue: { key: a } } }).status,
    400,
  );
  assert.equal(call("POST", "/issueLink", { json: { type: { name: "Blocks" }, inwardIssue: { key: a } } }).status, 400);
  assert.equal(snapshot(site), before);

  const linked = call("POST", "/issueLink", {
    json: { type: { name: "Blocks" }, inwardIssue: { key: a }, outwardIssue: { key: b }, comment: { body: adf("Linked!") } },
  });
  assert.equal(linked.status, 201);
  const fromA = list(call("GET", `/issue/${a}`, { query: { fields: "issuelinks" } }).body, "fields", "issuelinks");
  assert.equal(at(fromA[0], "type", "outward"), "blocks");
  assert.equal(at(fromA[0], "outwardIssue", "key"), b);
  const fromB = list(call("GET", `/issue/${b}`, { query: { fields: "issuelinks,comment" } }).body, "fields", "issuelinks");
  assert.equal(at(fromB[0], "inwardIssue", "key"), a);
  assert.equal(at(call("GET", `/issue/${b}/comment`).body, "total"), 1);
  // Linking again is accepted without a duplicate link.
  assert.equal(
    call("POST", "/issueLink", { json: { type: { id: "10000" }, inwardIssue: { key: a }, outwardIssue: { key: b } } }).status,
    201,
  );
  assert.equal(list(call("GET", `/issue/${a}`, { query: { fields: "issuelinks" } }).body, "fields", "issuelinks").length, 1);
});
