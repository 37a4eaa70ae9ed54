import { test } from "node:test";
import assert from "node:assert/strict";
import type { Site } from "../../../src/emulator/index.js";
import { adf, at, client, freshSite, list, projectByKey, scrumProject, snapshot } from "./helpers.js";

/** A new Story in the scrum project (software workflow: To Do -> In Progress -> In Review -> Done). */
function newStory(site: Site): string {
  const call = client(site);
  const created = call("POST", "/issue", {
    json: { fields: { project: { key: scrumProject(site).key }, issuetype: { name: "Story" }, summary: "Export reports as CSV" } },
  });
  assert.equal(created.status, 201);
  return at(created.body, "key") as string;
}

function transitionNames(site: Site, key: string): string[] {
  return list(client(site)("GET", `/issue/${key}/transitions`).body, "transitions").map((t) => at(t, "name") as string);
}

test("only transitions from the current status are offered, with their target status", () => {
  const site = freshSite();
  const key = newStory(site);
  assert.deepEqual(transitionNames(site, key), ["Start progress"]);
  const call = client(site);
  const offered = list(call("GET", `/issue/${key}/transitions`).body, "transitions")[0];
  assert.equal(at(offered, "id"), "11");
  assert.equal(at(offered, "to", "name"), "In Progress");
  assert.equal(at(offered, "to", "statusCategory", "key"), "indeterminate");
  assert.equal(at(offered, "hasScreen"), false);
  assert.equal(call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "11" } } }).status, 204);
  assert.deepEqual(transitionNames(site, key), ["Stop progress", "Submit for review", "Done"]);
});

test("expand=transitions.fields shows the required resolution with its allowed values", () => {
  const site = freshSite();
  const call = client(site);
  const key = newStory(site);
  call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "11" } } });
  const done = list(call("GET", `/issue/${key}/transitions`, { query: { expand: "transitions.fields" } }).body, "transitions").find(
    (t) => at(t, "name") === "Done",
  );
  assert.equal(at(done, "hasScreen"), true);
  assert.equal(at(done, "fields", "resolution", "required"), true);
  assert.equal(at(done, "fields", "resolution", "schema", "type"), "resolution");
  const names = list(done, "fields", "resolution", "allowedValues").map((v) => at(v, "name"));
  assert.ok(names.includes("Done") && names.includes("Won't Do"));
  const plain = list(call("GET", `/issue/${key}/transitions`).body, "transitions");
  assert.equal(at(plain[0], "fields"), undefined);
});

test("a transition not available from the current status is refused and changes nothing", () => {
  const site = freshSite();
  const call = client(site);
  const key = newStory(site);
  const before = snapshot(site);
  const r = call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "51" } } });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body, { errorMessages: ["Transition id '51' is not valid for this issue."], errors: {} });
  assert.deepEqual(call("POST", `/issue/${key}/transitions`, { json: {} }).body, {
    errorMessages: ["Missing 'transition' identifier"],
    errors: {},
  });
  assert.deepEqual(call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "done" } } }).body, {
    errorMessages: ["'transition' identifier must be an integer"],
    errors: {},
  });
  assert.equal(snapshot(site), before);
});

test("Done needs a resolution; with it (and a comment) the issue is resolved", () => {
  const site = freshSite();
  const call = client(site);
  const key = newStory(site);
  call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "11" } } });
  const before = snapshot(site);
  const missing = call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "51" } } });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body, { errorMessages: ["Field Resolution is required."], errors: {} });
  const offScreen = call("POST", `/issue/${key}/transitions`, {
    json: { transition: { id: "51" }, fields: { resolution: { name: "Done" }, summary: "x" } },
  });
  assert.equal(at(offScreen.body, "errors", "summary"), "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown.");
  const badResolution = call("POST", `/issue/${key}/transitions`, {
    json: { transition: { id: "51" }, fields: { resolution: { name: "Nope" } } },
  });
  assert.equal(at(badResolution.body, "errors", "resolution"), "The resolution selected is invalid.");
  assert.equal(snapshot(site), before);

  const ok = call("POST", `/issue/${key}/transitions`, {
    json: {
      transition: { id: "51" },
      fields: { resolution: { name: "Won't Do" } },
      update: { comment: [{ add: { body: adf("Out of scope.") } }] },
    },
  });
  assert.equal(ok.status, 204);
  const issue = call("GET", `/issue/${key}`, { query: { fields: "status,resolution,resolutiondate,comment" } });
  assert.equal(at(issue.body, "fields", "status", "name"), "Done");
  assert.equal(at(issue.body, "fields", "resolution", "name"), "Won't Do");
  assert.match(at(issue.body, "fields", "resolutiondate") as string, /\+0000$/);
  const comments = list(issue.body, "fields", "comment", "comments");
  assert.deepEqual(at(comments[comments.length - 1], "body"), adf("Out of scope."));

  // Reopening leaves the done category and clears the resolution.
  assert.equal(call("POST", `/issue/${key}/transitions`, { json: { transition: { id: "61" } } }).status, 204);
  const reopened = call("GET", `/issue/${key}`, { query: { fields: "status,resolution,resolutiondate" } });
  assert.equal(at(reopened.body, "fields", "status", "name"), "To Do");
  assert.equal(at(reopened.body, "fields", "resolution"), null);
  assert.equal(at(reopened.body, "fields", "resolutiondate"), null);
});

test("global transitions without a screen resolve with the workflow's default resolution", () => {
  const site = freshSite();
  const call = client(site);
  const ops = projectByKey(site, "OPS");
  const created = call("POST", "/issue", {
    json: { fields: { project: { key: ops.key }, issuetype: { name: "Epic" }, summary: "Laptop refresh 2026" } },
  });
  const key = at(created.body, "key") as string;
  assert.deepEqual(transitionNames(site, key), ["Selected for Development", "In Progress", "Done"]);
  assert.equal(call("POST", `/issue/${key}/transitions`, { json: { transition: { id: 41 } } }).status, 204);
  const done = call("GET", `/issue/${key}`, { query: { fields: "status,resolution" } });
  assert.equal(at(done.body, "fields", "resolution", "name"), "Done");
  assert.ok(!transitionNames(site, key).includes("Done"));
});

test("transitioning a hidden issue is a 404", () => {
  const site = freshSite();
  const call = client(site);
  assert.equal(call("POST", "/issue/NOPE-9/transitions", { json: { transition: { id: "11" } } }).status, 404);
  assert.equal(call("GET", "/issue/NOPE-9/transitions").status, 404);
});
