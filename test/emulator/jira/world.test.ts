import { test } from "node:test";
import assert from "node:assert/strict";
import { generateSite } from "../../../src/emulator/index.js";
import { validateAdf } from "../../../src/emulator/adf/index.js";
import { snapshot, templateSite } from "./helpers.js";

test("the same seed gives a byte-identical Jira world; another seed gives another", () => {
  const a = snapshot(generateSite({ seed: 5 }));
  const b = snapshot(generateSite({ seed: 5 }));
  const c = snapshot(generateSite({ seed: 6 }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test("a site has 20+ users, 4-6 projects and 50-300 issues at scale 1", () => {
  for (const seed of [1, 2, 3, 4]) {
    const site = templateSite(seed);
    assert.ok(site.core.users.size >= 20, "users");
    for (const user of site.core.users.values()) {
      assert.ok(user.accountId && user.displayName && user.emailAddress && user.timeZone);
    }
    assert.ok(site.jira.projects.size >= 4 && site.jira.projects.size <= 6, `projects: ${site.jira.projects.size}`);
    assert.ok(site.jira.issues.size >= 50 && site.jira.issues.size <= 300, `issues: ${site.jira.issues.size}`);
  }
});

test("scale multiplies the number of issues", () => {
  const small = generateSite({ seed: 9, scale: 1 }).jira.issues.size;
  const large = generateSite({ seed: 9, scale: 3 }).jira.issues.size;
  assert.ok(large > 2 * small, `${small} -> ${large}`);
});

test("issues are realistic: ADF descriptions, labels, comments, sub-tasks with parents, epics with children, links", () => {
  const site = templateSite(3);
  const issues = [...site.jira.issues.values()];
  const byId = new Map(issues.map((i) => [i.id, i]));
  let described = 0;
  for (const issue of issues) {
    assert.match(issue.key, /^[A-Z]+-\d+$/);
    assert.match(issue.id, /^\d{5,}$/);
    if (issue.description) {
      described++;
      assert.ok(validateAdf(issue.description).ok, `description of ${issue.key} is valid ADF`);
    }
    const type = site.jira.issueTypes.get(issue.issueTypeId)!;
    if (type.subtask) {
      const parent = byId.get(issue.parentId!);
      assert.ok(parent, `${issue.key} has a parent`);
      assert.equal(parent.projectId, issue.projectId);
      assert.ok(parent.childIds.includes(issue.id));
    }
    const status = site.jira.statuses.get(issue.statusId)!;
    assert.equal(status.categoryKey === "done", issue.resolutionId !== null, `${issue.key}: resolution iff done`);
    for (const id of issue.commentIds) assert.equal(site.jira.comments.get(id)?.issueId, issue.id);
  }
  assert.ok(described > issues.length / 2);
  assert.ok(issues.some((i) => i.labels.length > 0));
  assert.ok(issues.some((i) => i.commentIds.length > 0));
  const epics = issues.filter((i) => i.issueTypeId === "10000");
  assert.ok(
    epics.some((e) => e.childIds.length > 0),
    "an epic has children",
  );
  assert.ok(site.jira.links.size > 0);
  const texts = JSON.stringify(issues.map((i) => i.description));
  for (const node of ["heading", "bulletList", "codeBlock", "mention"]) assert.ok(texts.includes(`"${node}"`), node);
});

test("every site has a resolution-required transition, a confidential project and a restricted-edit project", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const site = templateSite(seed);
    const used = new Set([...site.jira.projects.values()].flatMap((p) => p.issueTypes.map((t) => t.workflowId)));
    const requiresResolution = [...site.jira.workflows.values()]
      .filter((w) => used.has(w.id))
      .some((w) => w.transitions.some((t) => t.screen.some((f) => f.fieldId === "resolution" && f.required)));
    assert.ok(requiresResolution, `seed ${seed}`);
    const schemes = new Set([...site.jira.projects.values()].map((p) => p.permissionSchemeId));
    assert.ok(schemes.has("10001") && schemes.has("10002"), `seed ${seed}`);
  }
});

// How cheap forking is, is measured by `npm run bench` (sessions.createMicros), not here.
test("forks share the base and isolate writes", () => {
  const site = templateSite(1);
  const forks = Array.from({ length: 3 }, () => site.fork());
  const fork = forks[0]!;
  const issue = [...fork.jira.issues.values()][0]!;
  fork.jira.issues.set(issue.id, { ...issue, summary: "changed in the fork" });
  assert.notEqual(site.jira.issues.get(issue.id)?.summary, "changed in the fork");
  assert.notEqual(forks[1]!.jira.issues.get(issue.id)?.summary, "changed in the fork");
});
