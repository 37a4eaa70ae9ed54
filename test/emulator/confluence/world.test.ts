import { test } from "node:test";
import assert from "node:assert/strict";
import { generateSite } from "../../../src/emulator/index.js";
import { parseStorage, storageTaskItems } from "../../../src/emulator/confluence/storage/index.js";
import { versionKey } from "../../../src/emulator/confluence/state.js";
import { ancestorIds } from "../../../src/emulator/confluence/store/pages.js";
import { validateAdf } from "../../../src/emulator/adf/index.js";
import { adfOf, textOf } from "../../../src/emulator/confluence/render/body.js";
import { adfToStorage, storageToText } from "../../../src/emulator/confluence/storage/index.js";
import { SEED, baseSite, snapshot, spaces } from "./helpers.js";

test("the same seed gives a byte-identical Confluence world; another seed a different one", () => {
  const again = generateSite({ seed: SEED });
  assert.equal(snapshot(again), snapshot(baseSite()));
  assert.notEqual(snapshot(generateSite({ seed: SEED + 1 })), snapshot(baseSite()));
});

test("every seed has 4-6 spaces: team spaces, one restricted, one personal with a ~ key", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const site = generateSite({ seed });
    const all = spaces(site);
    assert.ok(all.length >= 4 && all.length <= 6, `${all.length} spaces`);
    assert.ok(all.some((s) => s.key === "ENG"));
    const personal = all.filter((s) => s.type === "personal");
    assert.equal(personal.length, 1);
    assert.match(personal[0]!.key, /^~[A-Za-z0-9]+$/);
    assert.equal(all.filter((s) => s.type === "global" && s.grants.every((g) => g.principal.type === "user")).length, 1);
    for (const s of all) {
      assert.match(s.id, /^[0-9]+$/);
      assert.equal(site.confluence.spaceKeys.get(s.key), s.id);
    }
  }
});

test("each space has a published homepage at the root and a tree 3+ levels deep of 20-200 pages", () => {
  const site = baseSite();
  const t = site.confluence;
  for (const space of spaces(site)) {
    const ids = t.spacePages.get(space.id) ?? [];
    assert.ok(ids.length >= 20 && ids.length <= 200, `${space.key} has ${ids.length} pages`);
    const home = t.pages.get(space.homepageId)!;
    assert.equal(home.status, "current");
    assert.equal(home.parentId, null);
    assert.ok(t.rootPages.get(space.id)!.includes(home.id));
    const depth = Math.max(...ids.map((id) => ancestorIds(t, t.pages.get(id)!).length));
    assert.ok(depth >= 3, `${space.key} depth ${depth}`);
  }
});

test("page records are consistent: unique titles, parents older than children, versions stored, ids ascending", () => {
  const site = baseSite();
  const t = site.confluence;
  let previous = 0n;
  for (const page of t.pages.values()) {
    const id = BigInt(page.id);
    assert.ok(id > previous, "pages iterate in ascending id order");
    previous = id;
    if (page.parentId !== null) {
      const parent = t.pages.get(page.parentId)!;
      assert.equal(parent.spaceId, page.spaceId);
      assert.ok(parent.createdAt < page.createdAt, `${parent.title} is older than ${page.title}`);
    }
    for (let n = 1; n <= page.version.number; n++) assert.ok(t.pageVersions.get(versionKey(page.id, n)), `version ${n} of ${page.id}`);
    assert.ok(page.version.createdAt >= page.createdAt);
    if (page.status === "current" || page.status === "archived") {
      assert.equal(t.titles.get(`${page.spaceId}:${page.title.toLowerCase()}`), page.id);
    }
  }
  assert.ok(
    [...t.pages.values()].some((p) => p.status === "trashed"),
    "some pages are in the trash",
  );
  assert.ok(
    [...t.pages.values()].some((p) => p.version.number > 1),
    "some pages have a history",
  );
});

test("every body, current or historical, is well-formed storage with the elements scenarios rely on", () => {
  const site = baseSite();
  const t = site.confluence;
  const seen = new Set<string>();
  let checked = 0;
  let unchecked = 0;
  for (const v of t.pageVersions.values()) {
    const parsed = parseStorage(v.body.storage);
    assert.ok(parsed.ok, `page ${v.pageId} v${v.version.number}: ${parsed.ok ? "" : parsed.message}`);
    for (const tag of ["<h1>", "<h2>", "<ul>", "<ol>", "<table>", "<a href", 'ac:name="code"', "<ac:task-list>", "ri:user", "ri:page"]) {
      if (v.body.storage.includes(tag)) seen.add(tag);
    }
  }
  for (const page of t.pages.values()) {
    for (const task of storageTaskItems(page.body.storage)) {
      if (task.status === "complete") checked++;
      else unchecked++;
    }
  }
  assert.equal(seen.size, 10, `missing: ${[...seen].join(",")}`);
  assert.ok(checked > 10 && unchecked > 10, `${checked} checked and ${unchecked} unchecked tasks`);
});

test("labels and footer comments are indexed both ways", () => {
  const site = baseSite();
  const t = site.confluence;
  assert.ok(t.labels.size >= 10);
  for (const [contentId, labelIds] of t.contentLabels.entries()) {
    for (const labelId of labelIds) assert.ok(t.labelContent.get(labelId)!.includes(contentId));
  }
  let replies = 0;
  for (const comment of t.comments.values()) {
    assert.ok(t.pageComments.get(comment.pageId)!.includes(comment.id));
    assert.ok(comment.createdAt > t.pages.get(comment.pageId)!.createdAt);
    assert.ok(parseStorage(comment.body.storage).ok);
    if (comment.parentCommentId !== null) {
      replies++;
      assert.equal(t.comments.get(comment.parentCommentId)!.pageId, comment.pageId);
    }
  }
  assert.ok(t.comments.size >= 20 && replies > 0);
});

test("scale multiplies the number of pages", () => {
  const small = baseSite();
  const big = generateSite({ seed: SEED, scale: 3 });
  assert.ok(big.confluence.pages.size > 2.5 * small.confluence.pages.size);
});

test("every generated body converts to valid ADF that converts back to the same text", () => {
  const site = baseSite();
  const flat = (s: string) => s.replace(/\s+/g, " ").trim();
  for (const page of site.confluence.pages.values()) {
    const checked = validateAdf(JSON.parse(adfOf(page.body)));
    assert.ok(checked.ok, `${page.title}: ${checked.ok ? "" : checked.message}`);
    const back = adfToStorage(checked.doc);
    assert.ok(parseStorage(back).ok);
    assert.equal(flat(storageToText(back)), flat(textOf(page.body)), page.title);
  }
});
