/**
 * CQL search scans a corpus of views cached per state of the content tables, shared across requests and forks, whose
 * labels and ancestors are read lazily. These tests pin that no cache is ever observable: writes show in the next
 * search, forks stay isolated, and any sequence of writes and searches answers what a cold, fresh world answers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { generateSite, type Site } from "../../../src/emulator/index.js";
import type { EmuResponse } from "../../../src/emulator/http.js";
import { attachLabel, detachLabel, findLabel } from "../../../src/emulator/confluence/store/labels.js";
import { baseSite, call, livePages, ok, pageWithChildren, SEED, storage, teamSpace, type Json } from "./helpers.js";

function search(site: Site, cql: string): EmuResponse {
  return call(site, "/wiki/rest/api/search", { query: { cql, limit: "200" } });
}

function ids(site: Site, cql: string): string[] {
  return (ok(search(site, cql))["results"] as Json[]).map((r) => (r["content"] as Json)["id"] as string);
}

function addLabel(site: Site, id: string, name: string): EmuResponse {
  return call(site, `/wiki/rest/api/content/${id}/label`, { method: "POST", json: [{ prefix: "global", name }] });
}

function update(site: Site, id: string, changes: Json): EmuResponse {
  const page = site.confluence.pages.get(id)!;
  const json = {
    id,
    status: "current",
    title: page.title,
    body: storage(page.body.storage),
    version: { number: page.version.number + 1 },
    ...changes,
  };
  return call(site, `/wiki/api/v2/pages/${id}`, { method: "PUT", json });
}

test("labels added and removed show in the next search", () => {
  const site = baseSite().fork();
  const page = livePages(site, teamSpace(site))[3]!;
  assert.deepEqual(ids(site, "label = cacheprobe"), []);
  assert.deepEqual(ids(site, 'text ~ "cacheprobe"'), []);
  ok(addLabel(site, page.id, "cacheprobe"));
  assert.deepEqual(ids(site, "label = cacheprobe"), [page.id]);
  assert.deepEqual(ids(site, 'text ~ "cacheprobe"'), [page.id]);
  assert.equal(call(site, `/wiki/rest/api/content/${page.id}/label/cacheprobe`, { method: "DELETE" }).status, 204);
  assert.deepEqual(ids(site, "label = cacheprobe"), []);
  assert.deepEqual(ids(site, 'text ~ "cacheprobe"'), []);
});

test("a moved page takes its subtree along: ancestor searches follow at once", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const moved = pageWithChildren(site, space);
  const grandchildren = (site.confluence.children.get(moved.id) ?? []).filter((id) => site.confluence.pages.get(id)!.status === "current");
  // A target outside the moved page's line: neither above it nor below it.
  const line = new Set([...ids(site, `ancestor = ${moved.id}`), ...ancestorsOf(site, moved.id), moved.id]);
  const target = livePages(site, space).find((p) => !line.has(p.id))!;
  const before = ids(site, `ancestor = ${target.id}`);
  for (const id of grandchildren) assert.ok(!before.includes(id));
  ok(update(site, moved.id, { parentId: target.id }));
  const after = ids(site, `ancestor = ${target.id}`);
  assert.ok(after.includes(moved.id));
  // The children's own records did not change; their ancestors did.
  for (const id of grandchildren) assert.ok(after.includes(id), `${id} under ${target.id}`);
});

test("titles, bodies, new pages, comments and trashing show in the next search", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const page = livePages(site, space)[5]!;
  ok(update(site, page.id, { title: "Wombat handbook", body: storage("<p>All about the wombat burrow.</p>") }));
  assert.deepEqual(ids(site, 'title ~ "wombat"'), [page.id]);
  assert.deepEqual(ids(site, 'type = page AND text ~ "burrow"'), [page.id]);
  const created = ok(
    call(site, "/wiki/api/v2/pages", {
      method: "POST",
      json: { spaceId: space.id, parentId: page.id, title: "Wombat care", body: storage("<p>x</p>") },
    }),
  );
  assert.deepEqual(ids(site, `type = page AND parent = ${page.id} AND title ~ "wombat"`), [created["id"]]);
  ok(
    call(site, "/wiki/api/v2/footer-comments", { method: "POST", json: { pageId: page.id, body: storage("<p>wombat comment</p>") } }),
    201,
  );
  assert.equal(ids(site, 'type = comment AND text ~ "wombat"').length, 1);
  assert.equal(call(site, `/wiki/api/v2/pages/${String(created["id"])}`, { method: "DELETE" }).status, 204);
  assert.deepEqual(ids(site, `type = page AND parent = ${page.id} AND title ~ "wombat"`), []);
});

test("queries with date functions follow the site clock", () => {
  const site = baseSite().fork();
  const page = livePages(site, teamSpace(site))[6]!;
  ok(update(site, page.id, { title: `${page.title} (touched)` }));
  const recent = `space = ${teamSpace(site).key} AND lastmodified >= now("-1h")`;
  assert.deepEqual(ids(site, recent), [page.id]);
  site.advanceClock(2 * 3_600_000);
  assert.deepEqual(ids(site, recent), []);
});

test("forks never see each other's writes through the caches", () => {
  const template = baseSite();
  const page = livePages(template, teamSpace(template))[2]!;
  const a = template.fork();
  const b = template.fork();
  assert.deepEqual(ids(a, "label = forkprobe"), []);
  assert.deepEqual(ids(b, "label = forkprobe"), []);
  ok(addLabel(a, page.id, "forkprobe"));
  assert.deepEqual(ids(a, "label = forkprobe"), [page.id]);
  assert.deepEqual(ids(b, "label = forkprobe"), []);
  assert.deepEqual(ids(template.fork(), "label = forkprobe"), []);
  const c = a.fork();
  ok(addLabel(c, livePages(template, teamSpace(template))[4]!.id, "forkprobe"));
  assert.equal(ids(c, "label = forkprobe").length, 2);
  assert.deepEqual(ids(a, "label = forkprobe"), [page.id]);
});

function ancestorsOf(site: Site, id: string): string[] {
  const out: string[] = [];
  for (let p = site.confluence.pages.get(id)?.parentId ?? null; p !== null; p = site.confluence.pages.get(p)?.parentId ?? null) out.push(p);
  return out;
}

test("a view follows every record it reads, even when the content's own record is unchanged", () => {
  // The API may rewrite the page along with its labels; the label tables alone must be enough for search.
  const site = baseSite().fork();
  const runbook = findLabel(site.confluence, "global", "runbook")!;
  const labelled = ids(site, "label = runbook");
  const page = livePages(site, teamSpace(site)).find((p) => !labelled.includes(p.id));
  assert.ok(page);
  const everything = ids(site, `space = ${teamSpace(site).key}`);
  attachLabel(site.confluence, page.id, runbook.id);
  assert.ok(ids(site, "label = runbook").includes(page.id));
  assert.deepEqual(ids(site, `space = ${teamSpace(site).key}`), everything);
  detachLabel(site.confluence, page.id, runbook.id);
  assert.deepEqual(ids(site, "label = runbook"), labelled);
});

// ---- Differential property: cached answers equal a cold world's -------------------------------------------------------

interface Write {
  path: string;
  method: string;
  json?: unknown;
}

const WORDS = ["wombat", "quokka", "burrow", "runbook"];

type Action =
  | { kind: "label" | "unlabel" | "title" | "move" | "trash" | "comment" | "create"; page: number; word: number; other: number }
  | { kind: "fork" }
  | { kind: "search"; query: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      "label" as const,
      "unlabel" as const,
      "title" as const,
      "move" as const,
      "trash" as const,
      "comment" as const,
      "create" as const,
    ),
    page: fc.nat(),
    word: fc.nat(),
    other: fc.nat(),
  }),
  fc.record({ kind: fc.constant("fork" as const) }),
  fc.record({ kind: fc.constant("search" as const), query: fc.nat() }),
);

function pageAt(site: Site, n: number): string | undefined {
  const ids = livePages(site, teamSpace(site)).map((p) => p.id);
  return ids.length === 0 ? undefined : ids[n % ids.length];
}

function writeFor(site: Site, a: Exclude<Action, { kind: "fork" | "search" }>): Write | undefined {
  const id = pageAt(site, a.page);
  const word = WORDS[a.word % WORDS.length]!;
  if (!id) return undefined;
  const page = site.confluence.pages.get(id)!;
  const put = (changes: Json): Write => ({
    method: "PUT",
    path: `/wiki/api/v2/pages/${id}`,
    json: {
      id,
      status: "current",
      title: page.title,
      body: storage(page.body.storage),
      version: { number: page.version.number + 1 },
      ...changes,
    },
  });
  switch (a.kind) {
    case "label":
      return { method: "POST", path: `/wiki/rest/api/content/${id}/label`, json: [{ prefix: "global", name: word }] };
    case "unlabel":
      return { method: "DELETE", path: `/wiki/rest/api/content/${id}/label/${word}` };
    case "title":
      return put({ title: `${page.title} ${word}`, body: storage(`<p>The ${word} section.</p>`) });
    case "move":
      // Moves into its own subtree are refused (400), which must change nothing.
      return put({ parentId: pageAt(site, a.other) });
    case "trash":
      return { method: "DELETE", path: `/wiki/api/v2/pages/${id}` };
    case "comment":
      return { method: "POST", path: "/wiki/api/v2/footer-comments", json: { pageId: id, body: storage(`<p>A ${word} note</p>`) } };
    case "create":
      return {
        method: "POST",
        path: "/wiki/api/v2/pages",
        json: { spaceId: page.spaceId, parentId: id, title: `${word} ${a.other}`, body: storage(`<p>${word}</p>`) },
      };
  }
}

function queries(site: Site): string[] {
  const space = teamSpace(site);
  const tree = pageWithChildren(site, space);
  return [
    `type = page AND space = ${space.key}`,
    `text ~ "${WORDS[0]!}" ORDER BY title`,
    `title ~ "${WORDS[1]!}" OR label = ${WORDS[2]!}`,
    `label in (${WORDS.join(", ")}) ORDER BY created DESC`,
    `ancestor = ${tree.id}`,
    `ancestor = ${space.homepageId} AND text ~ "${WORDS[2]!}"`,
    `parent = ${tree.id} ORDER BY title DESC`,
    `type = comment ORDER BY lastmodified DESC`,
    `space = ${space.key} AND lastmodified >= now("-1h")`,
  ];
}

/** What a cold world answers after the same writes: a newly generated world shares no object with any cache. */
function coldAnswer(writes: readonly Write[], cql: string): EmuResponse {
  const written = generateSite({ seed: SEED }).fork();
  for (const w of writes) call(written, w.path, { method: w.method, json: w.json });
  // A fork of the frozen result has written nothing itself: its corpus is built from scratch, never patched.
  return search(written.freeze().fork(), cql);
}

test("property: any writes and searches answer exactly what a cold world answers", () => {
  fc.assert(
    fc.property(fc.array(action, { minLength: 1, maxLength: 12 }), (actions) => {
      let site = baseSite().fork();
      const list = queries(site);
      const writes: Write[] = [];
      let compared = 0;
      for (const a of actions) {
        if (a.kind === "fork") {
          site = site.fork();
        } else if (a.kind === "search") {
          const cql = list[a.query % list.length]!;
          const warm = search(site, cql);
          assert.deepEqual(search(site, cql), warm);
          if (compared++ < 4) assert.deepEqual(warm, coldAnswer(writes, cql), cql);
        } else {
          const write = writeFor(site, a);
          if (!write) continue;
          call(site, write.path, { method: write.method, json: write.json });
          writes.push(write);
        }
      }
      const cql = list[list.length - 1]!;
      assert.deepEqual(search(baseSite().fork(), cql), coldAnswer([], cql));
    }),
    { numRuns: 12, seed: 5, endOnFailure: true },
  );
});
