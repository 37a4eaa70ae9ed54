/**
 * JQL search caches views, context lists, compiled queries and the scanned corpus per table state, shared across
 * requests and forks. These tests pin that no cache is ever observable: writes show in the next search, forks stay
 * isolated, and any sequence of writes and searches answers exactly what a cold, freshly generated world answers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { generateSite, type Site } from "../../../src/emulator/index.js";
import { issueCorpus } from "../../../src/emulator/jira/search/corpus.js";
import { issueView } from "../../../src/emulator/jira/search/view.js";
import type { EmuResponse } from "../../../src/emulator/http.js";
import {
  adf,
  at,
  client,
  confidentialProject,
  freshSite,
  issuesOf,
  list,
  outsiderOf,
  scrumProject,
  templateSite,
  type CallOptions,
} from "./helpers.js";

const SEED = 11;

function keysOf(response: EmuResponse): string[] {
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return list(response.body, "issues").map((i) => at(i, "key") as string);
}

function search(site: Site, jql: string, options: Omit<CallOptions, "query"> = {}): EmuResponse {
  return client(site)("GET", "/search/jql", { ...options, query: { jql, fields: "key,summary,status,labels", maxResults: "100" } });
}

test("an edit shows in the next search of the same site, and its undoing too", () => {
  const site = freshSite(SEED);
  const call = client(site);
  const project = scrumProject(site);
  const issue = issuesOf(site, project)[0]!;
  const jql = `project = ${project.key} AND summary ~ quokka`;
  assert.deepEqual(keysOf(search(site, jql)), []);
  assert.equal(call("PUT", `/issue/${issue.key}`, { json: { fields: { summary: "A quokka in the build" } } }).status, 204);
  assert.deepEqual(keysOf(search(site, jql)), [issue.key]);
  assert.equal(call("PUT", `/issue/${issue.key}`, { json: { fields: { summary: issue.summary } } }).status, 204);
  assert.deepEqual(keysOf(search(site, jql)), []);
});

test("comments, labels and transitions show in searches made after them", () => {
  const site = freshSite(SEED);
  const call = client(site);
  const project = scrumProject(site);
  const issue = issuesOf(site, project)[1]!;
  assert.deepEqual(keysOf(search(site, `project = ${project.key} AND comment ~ marmalade`)), []);
  assert.equal(call("POST", `/issue/${issue.key}/comment`, { json: { body: adf("Needs more marmalade") } }).status, 201);
  assert.deepEqual(keysOf(search(site, `project = ${project.key} AND comment ~ marmalade`)), [issue.key]);
  assert.deepEqual(keysOf(search(site, `text ~ marmalade`)), [issue.key]);

  assert.equal(call("PUT", `/issue/${issue.key}`, { json: { update: { labels: [{ add: "cache-probe" }] } } }).status, 204);
  assert.deepEqual(keysOf(search(site, "labels = cache-probe")), [issue.key]);

  const before = at(list(search(site, `key = ${issue.key}`).body, "issues")[0], "fields", "status", "name");
  const transitions = list(call("GET", `/issue/${issue.key}/transitions`).body, "transitions");
  const move = transitions.find((t) => at(t, "to", "name") !== before && at(t, "to", "statusCategory", "key") !== "done");
  assert.ok(move, "a transition to another open status");
  assert.equal(call("POST", `/issue/${issue.key}/transitions`, { json: { transition: { id: at(move, "id") } } }).status, 204);
  const after = list(search(site, `key = ${issue.key}`).body, "issues")[0];
  assert.equal(at(after, "fields", "status", "name"), at(move, "to", "name"));
  assert.deepEqual(
    keysOf(search(site, `project = ${project.key} AND status = "${String(at(move, "to", "name"))}" AND key = ${issue.key}`)),
    [issue.key],
  );
});

test("a deleted issue leaves the corpus, and JQL naming it answers that it does not exist", () => {
  const site = freshSite(SEED);
  const call = client(site);
  const project = scrumProject(site);
  const issue = issuesOf(site, project).find((i) => i.childIds.length === 0)!;
  assert.deepEqual(keysOf(search(site, `key = ${issue.key}`)), [issue.key]);
  assert.ok(keysOf(search(site, `project = ${project.key}`)).includes(issue.key));
  assert.equal(call("DELETE", `/issue/${issue.key}`).status, 204);
  assert.equal(search(site, `key = ${issue.key}`).status, 400);
  assert.ok(!keysOf(search(site, `project = ${project.key}`)).includes(issue.key));
});

test("queries with relative dates follow the site clock; others are reused across it", () => {
  const site = freshSite(SEED);
  const project = scrumProject(site);
  const issue = issuesOf(site, project)[3]!;
  assert.equal(client(site)("PUT", `/issue/${issue.key}`, { json: { fields: { summary: "Touched just now" } } }).status, 204);
  const recent = `project = ${project.key} AND updated >= -1h`;
  assert.ok(keysOf(search(site, recent)).includes(issue.key));
  site.advanceClock(2 * 3_600_000);
  assert.ok(!keysOf(search(site, recent)).includes(issue.key), "an hour later by the site clock, the edit is older than -1h");
  assert.ok(keysOf(search(site, `project = ${project.key} AND summary ~ touched`)).includes(issue.key));
});

test("forks never see each other's writes through the caches", () => {
  const template = templateSite(SEED);
  const project = scrumProject(template);
  const issue = issuesOf(template, project)[2]!;
  const a = template.fork();
  const b = template.fork();
  const jql = `project = ${project.key} AND summary ~ zephyrine ORDER BY key`;
  // Warm every shared cache from both forks first.
  assert.deepEqual(keysOf(search(a, jql)), []);
  assert.deepEqual(keysOf(search(b, jql)), []);
  assert.equal(client(a)("PUT", `/issue/${issue.key}`, { json: { fields: { summary: "zephyrine" } } }).status, 204);
  assert.deepEqual(keysOf(search(a, jql)), [issue.key]);
  assert.deepEqual(keysOf(search(b, jql)), []);
  assert.deepEqual(keysOf(search(template.fork(), jql)), []);
  // A fork of the changed fork starts from its changes; its own writes stay its own.
  const c = a.fork();
  assert.equal(client(c)("PUT", `/issue/${issue.key}`, { json: { fields: { summary: issue.summary } } }).status, 204);
  assert.deepEqual(keysOf(search(c, jql)), []);
  assert.deepEqual(keysOf(search(a, jql)), [issue.key]);
});

test("each caller sees only the projects they can browse, whatever was cached for another caller", () => {
  const site = freshSite(SEED);
  const project = confidentialProject(site);
  const outsider = outsiderOf(site, project);
  const jql = `project = ${project.key}`;
  assert.ok(keysOf(search(site, jql)).length > 0);
  const denied = search(site, jql, { as: outsider });
  assert.equal(denied.status, 400);
  assert.ok(keysOf(search(site, jql)).length > 0);
});

test("a view follows every record it reads, even when the issue record itself is unchanged", () => {
  // The API always writes a new issue record along with its comments; tables allow more, and views must not rely on it.
  const template = templateSite(SEED);
  const withComment = [...template.jira.issues.values()].find((i) => i.commentIds.length > 0)!;
  const child = [...template.jira.issues.values()].find((i) => i.parentId !== null)!;
  const site = template.fork();
  assert.deepEqual(keysOf(search(site, "comment ~ wombat")), []);
  assert.ok(keysOf(search(site, "parent is not EMPTY ORDER BY parent")).includes(child.key));
  const comment = site.jira.comments.get(withComment.commentIds[0]!)!;
  site.jira.comments.set(comment.id, { ...comment, body: adf("a wombat appears") as unknown as typeof comment.body });
  assert.deepEqual(keysOf(search(site, "comment ~ wombat")), [withComment.key]);
  const parent = site.jira.issues.get(child.parentId!)!;
  site.jira.issues.set(parent.id, { ...parent, key: "RENAMED-1" });
  assert.ok(keysOf(search(site, "parent is not EMPTY ORDER BY parent")).includes(child.key));
  // The parent's new key is what JQL reads for the child now, in the scanned corpus and per record.
  assert.equal(issueCorpus(site).all.find((c) => c.issue.id === child.id)?.view.parentKey, "RENAMED-1");
  assert.equal(issueView(site, site.jira.issues.get(child.id)!).parentKey, "RENAMED-1");
});

// ---- Differential property: cached answers equal a cold world's -------------------------------------------------------

interface Write {
  method: string;
  path: string;
  json?: unknown;
}

const WORDS = ["quokka", "marmalade", "zephyrine", "export"];

type Action =
  | { kind: "summary"; issue: number; word: number }
  | { kind: "label"; issue: number; word: number }
  | { kind: "comment"; issue: number; word: number }
  | { kind: "transition"; issue: number; pick: number }
  | { kind: "create"; word: number }
  | { kind: "delete"; issue: number }
  | { kind: "fork" }
  | { kind: "search"; query: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("summary" as const), issue: fc.nat(), word: fc.nat() }),
  fc.record({ kind: fc.constant("label" as const), issue: fc.nat(), word: fc.nat() }),
  fc.record({ kind: fc.constant("comment" as const), issue: fc.nat(), word: fc.nat() }),
  fc.record({ kind: fc.constant("transition" as const), issue: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant("create" as const), word: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), issue: fc.nat() }),
  fc.record({ kind: fc.constant("fork" as const) }),
  fc.record({ kind: fc.constant("search" as const), query: fc.nat() }),
  fc.record({ kind: fc.constant("search" as const), query: fc.nat() }),
);

function queries(site: Site): string[] {
  const project = scrumProject(site);
  const keys = issuesOf(site, project)
    .slice(0, 3)
    .map((i) => i.key);
  return [
    `project = ${project.key} ORDER BY key`,
    `project in (${project.key}) AND text ~ "${WORDS[0]!}"`,
    `summary ~ ${WORDS[1]!} OR labels in (${WORDS.join(", ")}) ORDER BY updated DESC`,
    `comment ~ ${WORDS[2]!}`,
    `statusCategory = Done AND project = ${project.key} ORDER BY created DESC`,
    `key in (${keys.join(", ")}) AND project = ${project.key}`,
    `parent is not EMPTY ORDER BY parent, key`,
    `updated >= -10m ORDER BY updated DESC, key`,
    `assignee = currentUser() OR reporter = currentUser() OR labels = ${WORDS[3]!}`,
    `issuetype = Epic ORDER BY summary`,
  ];
}

/** Issues by position in a sorted list of the site's issues (stable whatever the writes). */
function issueAt(site: Site, n: number): string | undefined {
  const keys = [...site.jira.issues.values()].map((i) => i.key).sort();
  return keys.length === 0 ? undefined : keys[n % keys.length];
}

function writeFor(site: Site, a: Action): Write | undefined {
  const project = scrumProject(site);
  switch (a.kind) {
    case "summary": {
      const key = issueAt(site, a.issue);
      return key === undefined
        ? undefined
        : { method: "PUT", path: `/issue/${key}`, json: { fields: { summary: `About the ${WORDS[a.word % WORDS.length]!}` } } };
    }
    case "label": {
      const key = issueAt(site, a.issue);
      return key === undefined
        ? undefined
        : { method: "PUT", path: `/issue/${key}`, json: { update: { labels: [{ add: WORDS[a.word % WORDS.length]! }] } } };
    }
    case "comment": {
      const key = issueAt(site, a.issue);
      return key === undefined
        ? undefined
        : { method: "POST", path: `/issue/${key}/comment`, json: { body: adf(`Seen a ${WORDS[a.word % WORDS.length]!}`) } };
    }
    case "transition": {
      const key = issueAt(site, a.issue);
      if (!key) return undefined;
      const transitions = list(client(site)("GET", `/issue/${key}/transitions`).body, "transitions");
      if (transitions.length === 0) return undefined;
      const id = at(transitions[a.pick % transitions.length], "id");
      // Some transitions need a resolution: without one the request fails, which must change nothing either.
      return { method: "POST", path: `/issue/${key}/transitions`, json: { transition: { id } } };
    }
    case "create":
      return {
        method: "POST",
        path: "/issue",
        json: { fields: { project: { key: project.key }, issuetype: { name: "Task" }, summary: `New ${WORDS[a.word % WORDS.length]!}` } },
      };
    case "delete": {
      const key = issueAt(site, a.issue);
      return key === undefined ? undefined : { method: "DELETE", path: `/issue/${key}` };
    }
    default:
      return undefined;
  }
}

/** What a cold world answers after the same writes: a newly generated world shares no object with any cache. */
function coldAnswer(writes: readonly Write[], jql: string): EmuResponse {
  const written = generateSite({ seed: SEED }).fork();
  const call = client(written);
  for (const w of writes) call(w.method, w.path, w.json === undefined ? {} : { json: w.json });
  // A fork of the frozen result has written nothing itself: its corpus is built from scratch, never patched.
  return search(written.freeze().fork(), jql);
}

test("property: any writes and searches answer exactly what a cold world answers", () => {
  fc.assert(
    fc.property(fc.array(action, { minLength: 1, maxLength: 12 }), (actions) => {
      let site = templateSite(SEED).fork();
      const list = queries(site);
      const writes: Write[] = [];
      let compared = 0;
      for (const a of actions) {
        if (a.kind === "fork") {
          site = site.fork();
          continue;
        }
        if (a.kind === "search") {
          const jql = list[a.query % list.length]!;
          const warm = search(site, jql);
          // Ask twice: the second answer comes from caches filled by the first.
          assert.deepEqual(search(site, jql), warm);
          if (compared++ < 4) assert.deepEqual(warm, coldAnswer(writes, jql), jql);
          continue;
        }
        const write = writeFor(site, a);
        if (!write) continue;
        client(site)(write.method, write.path, write.json === undefined ? {} : { json: write.json });
        writes.push(write);
      }
      // The template and a fresh fork of it never see any of it.
      const jql = list[0]!;
      assert.deepEqual(search(templateSite(SEED).fork(), jql), coldAnswer([], jql));
    }),
    { numRuns: 12, seed: 8, endOnFailure: true },
  );
});
