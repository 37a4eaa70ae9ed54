import { test } from "node:test";
import assert from "node:assert/strict";
import { parseStorage } from "../../../src/emulator/confluence/storage/index.js";
import {
  baseSite,
  call,
  leafPage,
  livePages,
  ok,
  pageWithChildren,
  results,
  snapshot,
  storage,
  teamSpace,
  v2Error,
  type Json,
} from "./helpers.js";

const DUPLICATE = "A page with this title already exists: A page already exists with the same TITLE in this space";

function create(site: ReturnType<typeof baseSite>, json: Json, query?: Record<string, string>) {
  return call(site, "/wiki/api/v2/pages", { method: "POST", json, query });
}

test("creating a page answers 200 with the page, placed under the homepage by default", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const body = ok(create(site, { spaceId: space.id, title: "Q3 Planning", body: storage("<p>Hello <strong>team</strong></p>") }));
  assert.match(body["id"] as string, /^[0-9]+$/);
  assert.equal(body["status"], "current");
  assert.equal(body["parentId"], space.homepageId);
  assert.equal(body["parentType"], "page");
  assert.equal(body["spaceId"], space.id);
  assert.equal((body["version"] as Json)["number"], 1);
  assert.equal(((body["body"] as Json)["storage"] as Json)["value"], "<p>Hello <strong>team</strong></p>");
  const links = body["_links"] as Json;
  assert.equal(links["base"], `${site.meta.baseUrl}/wiki`);
  assert.equal(links["webui"], `/spaces/ENG/pages/${String(body["id"])}/Q3+Planning`);
  const children = results(call(site, `/wiki/api/v2/pages/${space.homepageId}/children`, { query: { limit: "250" } }));
  assert.equal(children[children.length - 1]!["id"], body["id"]);
});

test("a duplicate title in the same space is Confluence's exact 400, case-insensitively; another space is fine", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const other = [...site.confluence.spaces.values()].find(
    (s) => s.id !== space.id && s.type === "global" && s.grants.some((g) => g.principal.type === "group"),
  )!;
  const existing = livePages(site, space).find((p) => !site.confluence.titles.has(`${other.id}:${p.title.toLowerCase()}`))!;
  const before = snapshot(site);
  for (const title of [existing.title, existing.title.toUpperCase()]) {
    const r = create(site, { spaceId: space.id, title, body: storage("<p>x</p>") });
    assert.deepEqual(r.body, { errors: [{ status: 400, code: "BAD_REQUEST", title: DUPLICATE, detail: null }] });
  }
  assert.equal(snapshot(site), before);
  ok(create(site, { spaceId: other.id, title: existing.title }));
});

test("create validates its input with Confluence's errors and changes nothing when it fails", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const before = snapshot(site);
  assert.match(v2Error(create(site, { title: "No space" }), 400).title, /spaceId/);
  assert.equal(
    v2Error(create(site, { spaceId: "ENG", title: "Key not id" }), 400).title,
    "Provided value {ENG} for 'spaceId' is not the correct type. Expected type is Long.",
  );
  v2Error(create(site, { spaceId: "999999999", title: "Nowhere" }), 404);
  assert.match(v2Error(create(site, { spaceId: space.id }), 400).title, /title/i);
  assert.match(v2Error(create(site, { spaceId: space.id, title: "   " }), 400).title, /title/i);
  const xhtml = v2Error(create(site, { spaceId: space.id, title: "Broken", body: storage("<p>unclosed <b>bold</p>") }), 400);
  assert.match(xhtml.title, /^Error parsing xhtml: /);
  const adf = v2Error(
    create(site, { spaceId: space.id, title: "Bad ADF", body: { representation: "atlas_doc_format", value: "{not json" } }),
    400,
  );
  assert.match(adf.title, /atlas_doc_format/);
  v2Error(create(site, { spaceId: space.id, title: "Wiki", body: { representation: "wiki", value: "h1. Hi" } }), 400);
  v2Error(create(site, { spaceId: space.id, title: "Both", parentId: space.homepageId }, { "root-level": "true" }), 400);
  assert.equal(snapshot(site), before);
});

test("drafts need no title and stay out of listings until published with version 1", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const draft = ok(create(site, { spaceId: space.id, status: "draft", body: storage("<p>wip</p>") }));
  assert.equal(draft["status"], "draft");
  const id = draft["id"] as string;
  const listed = results(call(site, "/wiki/api/v2/pages", { query: { "space-id": space.id, limit: "250" } })).map((p) => p["id"]);
  assert.ok(!listed.includes(id));
  ok(call(site, `/wiki/api/v2/pages/${id}`));
  const conflict = v2Error(
    call(site, `/wiki/api/v2/pages/${id}`, {
      method: "PUT",
      json: { id, status: "current", title: "Published now", body: storage("<p>done</p>"), version: { number: 2 } },
    }),
    409,
  );
  assert.equal(conflict.title, "Version must be incremented on update. Current version is: 0");
  const published = ok(
    call(site, `/wiki/api/v2/pages/${id}`, {
      method: "PUT",
      json: { id, status: "current", title: "Published now", body: storage("<p>done</p>"), version: { number: 1 } },
    }),
  );
  assert.equal(published["status"], "current");
  assert.equal((published["version"] as Json)["number"], 1);
});

test("root-level pages sit outside the homepage tree", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const page = ok(create(site, { spaceId: space.id, title: "Top Level" }, { "root-level": "true" }));
  assert.equal(page["parentId"], undefined);
  const roots = results(call(site, `/wiki/api/v2/spaces/${space.id}/pages`, { query: { depth: "root", limit: "250" } })).map(
    (p) => p["id"],
  );
  assert.ok(roots.includes(page["id"]) && roots.includes(space.homepageId));
});

test("ADF bodies are validated, stored and served back in both representations", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const adf = {
    type: "doc",
    version: 1,
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Plan" }] },
      { type: "paragraph", content: [{ type: "text", text: "Ship it", marks: [{ type: "strong" }] }] },
    ],
  };
  const created = ok(
    create(site, {
      spaceId: space.id,
      title: "ADF page",
      body: { atlas_doc_format: { representation: "atlas_doc_format", value: JSON.stringify(adf) } },
    }),
  );
  const returned = ((created["body"] as Json)["atlas_doc_format"] as Json)["value"] as string;
  assert.deepEqual(JSON.parse(returned), adf);
  const asStorage = ok(call(site, `/wiki/api/v2/pages/${String(created["id"])}`, { query: { "body-format": "storage" } }));
  const xhtml = ((asStorage["body"] as Json)["storage"] as Json)["value"] as string;
  assert.ok(parseStorage(xhtml).ok);
  assert.match(xhtml, /<h2>Plan<\/h2>/);
  assert.match(xhtml, /<strong>Ship it<\/strong>/);
  const invalid = v2Error(
    create(site, {
      spaceId: space.id,
      title: "Bad",
      body: { representation: "atlas_doc_format", value: JSON.stringify({ type: "doc", version: 2, content: [] }) },
    }),
    400,
  );
  assert.match(invalid.title, /version/);
});

test("reading a page: empty body by default, formats on request, older versions, 404 and 400 for bad ids", () => {
  const site = baseSite().fork();
  const page = livePages(site, teamSpace(site)).find((p) => p.version.number >= 3)!;
  const plain = ok(call(site, `/wiki/api/v2/pages/${page.id}`));
  assert.deepEqual(plain["body"], {});
  assert.equal((plain["version"] as Json)["number"], page.version.number);
  const withStorage = ok(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { "body-format": "storage" } }));
  assert.equal(((withStorage["body"] as Json)["storage"] as Json)["value"], page.body.storage);
  const adf = ok(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { "body-format": "atlas_doc_format" } }));
  assert.equal(JSON.parse(((adf["body"] as Json)["atlas_doc_format"] as Json)["value"] as string).type, "doc");
  const view = ok(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { "body-format": "view" } }));
  assert.doesNotMatch(((view["body"] as Json)["view"] as Json)["value"] as string, /ac:|ri:/);
  const first = ok(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { version: "1", "body-format": "storage" } }));
  assert.equal((first["version"] as Json)["number"], 1);
  assert.equal(first["status"], "historical");
  assert.ok((((first["body"] as Json)["storage"] as Json)["value"] as string).length <= page.body.storage.length);
  const noVersion = ok(
    call(site, `/wiki/api/v2/pages/${page.id}`, {
      query: { "include-version": "false", "include-labels": "true", "include-versions": "true" },
    }),
  );
  assert.equal(noVersion["version"], undefined);
  assert.ok(Array.isArray((noVersion["labels"] as Json)["results"]));
  assert.equal(((noVersion["versions"] as Json)["results"] as Json[]).length, page.version.number);
  v2Error(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { version: "99" } }), 404);
  assert.deepEqual(call(site, "/wiki/api/v2/pages/123456789").body, {
    errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found", detail: null }],
  });
  const bad = v2Error(call(site, "/wiki/api/v2/pages/ENG-1"), 400);
  assert.equal(bad.code, "INVALID_REQUEST_PARAMETER");
  assert.equal(bad.title, "Provided value {ENG-1} for 'id' is not the correct type. Expected type is long.");
});

function update(site: ReturnType<typeof baseSite>, id: string, json: Json) {
  return call(site, `/wiki/api/v2/pages/${id}`, { method: "PUT", json });
}

test("updating needs version current + 1: 409 with the current version otherwise, and keeps a history", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const n = page.version.number;
  const before = snapshot(site);
  for (const wrong of [n, n + 2, 1]) {
    if (wrong === n + 1) continue;
    const r = update(site, page.id, {
      id: page.id,
      status: "current",
      title: page.title,
      body: storage("<p>new</p>"),
      version: { number: wrong },
    });
    assert.deepEqual(r.body, {
      errors: [{ status: 409, code: "CONFLICT", title: `Version must be incremented on update. Current version is: ${n}`, detail: null }],
    });
  }
  assert.equal(snapshot(site), before);
  const updated = ok(
    update(site, page.id, {
      id: page.id,
      status: "current",
      title: `${page.title} (rev)`,
      body: storage("<p>new</p>"),
      version: { number: n + 1, message: "Rewrote" },
    }),
  );
  assert.equal((updated["version"] as Json)["number"], n + 1);
  assert.equal((updated["version"] as Json)["message"], "Rewrote");
  const versions = results(call(site, `/wiki/api/v2/pages/${page.id}/versions`));
  assert.deepEqual(
    versions.map((v) => v["number"]),
    Array.from({ length: n + 1 }, (_, i) => n + 1 - i),
  );
  const old = ok(call(site, `/wiki/api/v2/pages/${page.id}`, { query: { version: String(n), "body-format": "storage" } }));
  assert.equal(old["title"], page.title);
  assert.equal(((old["body"] as Json)["storage"] as Json)["value"], page.body.storage);
  const detail = ok(call(site, `/wiki/api/v2/pages/${page.id}/versions/${n + 1}`));
  assert.equal(detail["prevVersion"], n);
  // The old title is free again and the new one is taken.
  ok(create(site, { spaceId: page.spaceId, title: page.title }));
  assert.equal(v2Error(create(site, { spaceId: page.spaceId, title: `${page.title} (rev)` }), 400).title, DUPLICATE);
});

test("update refuses a missing field, a mismatched id, a space change and a duplicate title", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const page = leafPage(site, space);
  const other = livePages(site, space).find((p) => p.id !== page.id && p.parentId !== null)!;
  const next = page.version.number + 1;
  const before = snapshot(site);
  assert.match(v2Error(update(site, page.id, { id: page.id, status: "current", title: "x", body: storage("") }), 400).title, /version/);
  v2Error(update(site, page.id, { id: other.id, status: "current", title: "x", body: storage(""), version: { number: next } }), 400);
  const otherSpace = [...site.confluence.spaces.values()].find((s) => s.id !== space.id)!;
  v2Error(
    update(site, page.id, {
      id: page.id,
      spaceId: otherSpace.id,
      status: "current",
      title: "x",
      body: storage(""),
      version: { number: next },
    }),
    400,
  );
  const dup = v2Error(
    update(site, page.id, { id: page.id, status: "current", title: other.title, body: storage(""), version: { number: next } }),
    400,
  );
  assert.equal(dup.title, DUPLICATE);
  v2Error(update(site, "99999999", { id: "99999999", status: "current", title: "x", body: storage(""), version: { number: 2 } }), 404);
  assert.equal(snapshot(site), before);
});

test("moving a page with parentId re-parents it and refuses cycles", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const parent = pageWithChildren(site, space);
  const child = site.confluence.pages.get(site.confluence.children.get(parent.id)![0]!)!;
  const target = leafPage(site, space);
  const moved = ok(
    update(site, parent.id, {
      id: parent.id,
      status: "current",
      title: parent.title,
      parentId: target.id,
      body: storage(parent.body.storage),
      version: { number: parent.version.number + 1 },
    }),
  );
  assert.equal(moved["parentId"], target.id);
  const ancestors = results(call(site, `/wiki/api/v2/pages/${child.id}/ancestors`)).map((a) => a["id"]);
  assert.deepEqual(ancestors.slice(-2), [target.id, parent.id]);
  assert.equal(ancestors[0], space.homepageId);
  const cycle = v2Error(
    update(site, target.id, {
      id: target.id,
      status: "current",
      title: target.title,
      parentId: child.id,
      body: storage(""),
      version: { number: target.version.number + 1 },
    }),
    400,
  );
  assert.match(cycle.title, /descendants/);
});

test("delete trashes (children move up), purge removes for good, and each step has its own errors", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const parent = pageWithChildren(site, space);
  const childIds = [...site.confluence.children.get(parent.id)!];
  v2Error(call(site, `/wiki/api/v2/pages/${parent.id}`, { method: "DELETE", query: { purge: "true" } }), 400);
  assert.equal(call(site, `/wiki/api/v2/pages/${parent.id}`, { method: "DELETE" }).status, 204);
  v2Error(call(site, `/wiki/api/v2/pages/${parent.id}`), 404);
  assert.equal(ok(call(site, `/wiki/api/v2/pages/${parent.id}`, { query: { status: "trashed" } }))["status"], "trashed");
  for (const id of childIds) assert.equal(site.confluence.pages.get(id)!.parentId, parent.parentId);
  const trashed = results(call(site, "/wiki/api/v2/pages", { query: { "space-id": space.id, status: "trashed", limit: "250" } })).map(
    (p) => p["id"],
  );
  assert.ok(trashed.includes(parent.id));
  // Its title is free once it is in the trash.
  ok(create(site, { spaceId: space.id, title: parent.title }));
  v2Error(call(site, `/wiki/api/v2/pages/${parent.id}`, { method: "DELETE" }), 404);
  assert.equal(call(site, `/wiki/api/v2/pages/${parent.id}`, { method: "DELETE", query: { purge: "true" } }).status, 204);
  v2Error(call(site, `/wiki/api/v2/pages/${parent.id}`, { query: { status: "trashed" } }), 404);
  assert.equal(site.confluence.contentLabels.get(parent.id), undefined);
});

test("a trashed page is restored by an update with status current", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  assert.equal(call(site, `/wiki/api/v2/pages/${page.id}`, { method: "DELETE" }).status, 204);
  const restored = ok(
    update(site, page.id, {
      id: page.id,
      status: "current",
      title: page.title,
      body: storage(page.body.storage),
      version: { number: page.version.number + 1 },
    }),
  );
  assert.equal(restored["status"], "current");
  assert.equal(restored["parentId"], page.parentId);
});

test("listing pages pages with a cursor through Link and _links.next and covers each page exactly once", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const expected = livePages(site, space).map((p) => p.id);
  const seen: string[] = [];
  let path: string | undefined = `/wiki/api/v2/spaces/${space.id}/pages?limit=7`;
  let guard = 0;
  while (path && guard++ < 100) {
    const [p, q] = path.split("?");
    const r = call(site, p!, { query: Object.fromEntries(new URLSearchParams(q)) });
    const body = ok(r);
    for (const page of body["results"] as Json[]) seen.push(page["id"] as string);
    const next = (body["_links"] as Json)["next"] as string | undefined;
    if (next) assert.equal(r.headers?.["link"], `<${next}>; rel="next", <${site.meta.baseUrl}/wiki>; rel="base"`);
    else assert.equal(r.headers?.["link"], undefined);
    path = next;
  }
  const archived = (site.confluence.spacePages.get(space.id) ?? []).filter((id) => site.confluence.pages.get(id)!.status === "archived");
  assert.deepEqual(
    seen,
    [...expected, ...archived].sort((a, b) => Number(a) - Number(b)),
  );
});

test("listing filters and sorts: ids, title, status, sort orders, body-format", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const unique = livePages(site, space).filter((p) => [...site.confluence.pages.values()].filter((q) => q.title === p.title).length === 1);
  const [a, b] = unique;
  const byId = results(call(site, "/wiki/api/v2/pages", { query: { id: `${b!.id},${a!.id}` } }));
  assert.deepEqual(
    byId.map((p) => p["id"]),
    [a!.id, b!.id],
  );
  const byTitle = results(call(site, "/wiki/api/v2/pages", { query: { title: b!.title, "body-format": "storage" } }));
  assert.equal(byTitle.length, 1);
  assert.equal(((byTitle[0]!["body"] as Json)["storage"] as Json)["value"], b!.body.storage);
  const titles = results(call(site, "/wiki/api/v2/pages", { query: { "space-id": space.id, sort: "title", limit: "250" } })).map((p) =>
    (p["title"] as string).toLowerCase(),
  );
  assert.deepEqual(titles, [...titles].sort());
  const modified = results(call(site, "/wiki/api/v2/pages", { query: { "space-id": space.id, sort: "-modified-date", limit: "250" } }));
  const times = modified.map((p) => Date.parse((p["version"] as Json)["createdAt"] as string));
  assert.deepEqual(
    times,
    [...times].sort((x, y) => y - x),
  );
  assert.equal(results(call(site, "/wiki/api/v2/pages", { query: { subtype: "live" } })).length, 0);
  // Multi-valued filters come repeated or comma-separated, as clients send them.
  const statuses = (query: Record<string, string | string[]>) =>
    new Set(results(call(site, "/wiki/api/v2/pages", { query: { "space-id": space.id, limit: "250", ...query } })).map((p) => p["status"]));
  assert.deepEqual(statuses({ status: "current,trashed" }), new Set(["current", "trashed"]));
  assert.deepEqual(statuses({ status: ["trashed", "archived"] }), new Set(["trashed", "archived"]));
  assert.match(v2Error(call(site, "/wiki/api/v2/pages", { query: { status: "current,bogus" } }), 400).title, /'status'/);
});

test("limit bounds, bad cursors and bad filter values answer v2's 400s", () => {
  const site = baseSite().fork();
  for (const limit of ["0", "251", "abc"]) {
    const e = v2Error(call(site, "/wiki/api/v2/pages", { query: { limit } }), 400);
    assert.equal(e.code, "INVALID_REQUEST_PARAMETER");
    assert.match(e.title, /'limit'/);
  }
  const cursor = v2Error(call(site, "/wiki/api/v2/pages", { query: { cursor: "not-a-cursor" } }), 400);
  assert.equal(cursor.title, "Provided value for 'cursor' is not the correct type. Expected type is Cursor.");
  const page2 = ok(call(site, "/wiki/api/v2/pages", { query: { limit: "2" } }));
  const next = new URLSearchParams(((page2["_links"] as Json)["next"] as string).split("?")[1]);
  v2Error(call(site, "/wiki/api/v2/pages", { query: { cursor: next.get("cursor")!, sort: "title" } }), 400);
  assert.match(v2Error(call(site, "/wiki/api/v2/pages", { query: { "space-id": "ENG" } }), 400).title, /'space-id'/);
  assert.match(v2Error(call(site, "/wiki/api/v2/pages", { query: { sort: "size" } }), 400).title, /'sort'/);
  v2Error(call(site, "/wiki/api/v2/spaces/999999/pages"), 404);
});

test("children, descendants and ancestors walk the tree", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const home = space.homepageId;
  const children = results(call(site, `/wiki/api/v2/pages/${home}/children`, { query: { limit: "250" } }));
  assert.ok(children.length > 0);
  const positions = children.map((c) => c["childPosition"] as number);
  assert.deepEqual(
    positions,
    [...positions].sort((x, y) => x - y),
  );
  for (const c of children) assert.equal(site.confluence.pages.get(c["id"] as string)!.parentId, home);
  const descendants = results(call(site, `/wiki/api/v2/pages/${home}/descendants`, { query: { depth: "3", limit: "250" } }));
  const depths = descendants.map((d) => d["depth"] as number);
  assert.deepEqual(
    depths,
    [...depths].sort((x, y) => x - y),
  );
  assert.equal(Math.max(...depths), 3);
  const deep = descendants.find((d) => d["depth"] === 3)!;
  const ancestors = results(call(site, `/wiki/api/v2/pages/${String(deep["id"])}/ancestors`));
  assert.equal(ancestors.length, 3);
  assert.deepEqual(ancestors[0], { id: home, type: "page" });
  assert.equal(
    results(call(site, `/wiki/api/v2/pages/${String(deep["id"])}/ancestors`, { query: { limit: "1" } }))[0]!["id"],
    deep["parentId"],
  );
});
