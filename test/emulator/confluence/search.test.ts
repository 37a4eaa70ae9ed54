import { test } from "node:test";
import assert from "node:assert/strict";
import {
  baseSite,
  call,
  headersFor,
  livePages,
  ok,
  restrictedSpace,
  storage,
  teamSpace,
  userFor,
  v1Message,
  type Json,
} from "./helpers.js";

function search(site: ReturnType<typeof baseSite>, cql: string, extra: Record<string, string> = {}, headers?: Record<string, string>) {
  return call(site, "/wiki/rest/api/search", { query: { cql, ...extra }, headers });
}

function ids(body: Json): string[] {
  return (body["results"] as Json[]).map((r) => (r["content"] as Json)["id"] as string);
}

test("CQL search answers v1's result shape and counts every match", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const body = ok(search(site, `type = page AND space = ${space.key}`, { limit: "500" }));
  const expected = livePages(site, space)
    .map((p) => p.id)
    .sort();
  assert.deepEqual([...ids(body)].sort(), expected);
  assert.equal(body["totalSize"], expected.length);
  assert.equal(body["size"], expected.length);
  assert.equal(body["start"], 0);
  assert.equal(body["cqlQuery"], `type = page AND space = ${space.key}`);
  const first = (body["results"] as Json[])[0]!;
  const content = first["content"] as Json;
  assert.equal(content["type"], "page");
  assert.match((content["_links"] as Json)["webui"] as string, new RegExp(`^/spaces/${space.key}/pages/`));
  assert.equal(first["entityType"], "content");
  assert.deepEqual(first["resultGlobalContainer"], { title: space.name, displayUrl: `/spaces/${space.key}` });
  assert.equal((body["_links"] as Json)["base"], `${site.meta.baseUrl}/wiki`);
});

test("search pages through _links.next until every result was seen once", () => {
  const site = baseSite().fork();
  const all = ok(search(site, "type = page", { limit: "1000" }));
  const seen: string[] = [];
  let query: Record<string, string> | undefined = { cql: "type = page", limit: "13" };
  let guard = 0;
  while (query && guard++ < 100) {
    const body = ok(call(site, "/wiki/rest/api/search", { query }));
    seen.push(...ids(body));
    const next = (body["_links"] as Json)["next"] as string | undefined;
    query = next ? Object.fromEntries(new URLSearchParams(next.split("?")[1])) : undefined;
  }
  assert.deepEqual(seen, ids(all));
});

test("labels, ancestors, parents, titles, text and ORDER BY reach the CQL engine", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const home = space.homepageId;
  const runbooks = ids(ok(search(site, "label = runbook", { limit: "500" })));
  const labelled = [...site.confluence.labelContent.get(site.confluence.labelNames.get("global:runbook")!)!].filter(
    (id) => site.confluence.pages.get(id)!.status === "current",
  );
  assert.deepEqual([...runbooks].sort(), [...labelled].sort());
  const under = ids(ok(search(site, `ancestor = ${home} AND type = page`, { limit: "500" })));
  assert.equal(
    under.length,
    livePages(site, space).length - 1 - livePages(site, space).filter((p) => p.parentId === null && p.id !== home).length,
  );
  const children = ids(ok(search(site, `parent = ${home} AND type = page`, { limit: "500" })));
  assert.deepEqual(
    [...children].sort(),
    [...site.confluence.children.get(home)!].filter((id) => site.confluence.pages.get(id)!.status === "current").sort(),
  );
  const titled = ok(search(site, `space = ${space.key} AND title ~ "runbooks" ORDER BY title ASC`, { limit: "100" }));
  const titles = (titled["results"] as Json[]).map((r) => r["title"] as string);
  assert.ok(titles.length > 0);
  assert.deepEqual(
    titles,
    [...titles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
  );
});

test("new content is searchable at once: a created page, its label, and a comment", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const page = ok(
    call(site, "/wiki/api/v2/pages", {
      method: "POST",
      json: { spaceId: space.id, title: "Zebra Migration Plan", body: storage("<p>We move the zebra cluster.</p>") },
    }),
  );
  const id = page["id"] as string;
  ok(call(site, `/wiki/rest/api/content/${id}/label`, { method: "POST", json: [{ prefix: "global", name: "zebra" }] }));
  ok(call(site, "/wiki/api/v2/footer-comments", { method: "POST", json: { pageId: id, body: storage("<p>Zebra comment</p>") } }), 201);
  assert.deepEqual(ids(ok(search(site, 'title ~ "zebra" AND type = page'))), [id]);
  assert.deepEqual(ids(ok(search(site, "label = zebra"))), [id]);
  assert.deepEqual(ids(ok(search(site, 'text ~ "zebra cluster"'))), [id]);
  const comments = ok(search(site, `type = comment AND text ~ "zebra"`));
  assert.equal((comments["results"] as Json[]).length, 1);
  assert.equal(((comments["results"] as Json[])[0]!["content"] as Json)["type"], "comment");
});

test("search only returns what the caller may read", () => {
  const site = baseSite().fork();
  const secret = restrictedSpace(site);
  const outsider = userFor(site, secret, false);
  const insider = userFor(site, secret, true);
  assert.equal(ids(ok(search(site, `space = ${secret.key}`, { limit: "500" }, headersFor(outsider)))).length, 0);
  assert.ok(ids(ok(search(site, `space = ${secret.key}`, { limit: "500" }, headersFor(insider)))).length > 0);
});

test("bad CQL, a missing cql and a bad cursor are v1 400s", () => {
  const site = baseSite().fork();
  assert.match(
    v1Message(search(site, "type = page AND"), 400),
    /^com\.atlassian\.confluence\.api\.service\.exceptions\.BadRequestException: Could not parse cql/,
  );
  v1Message(search(site, "nosuchfield = 1"), 400);
  v1Message(call(site, "/wiki/rest/api/search"), 400);
  v1Message(search(site, "type = page", { cursor: "garbage" }), 400);
  v1Message(search(site, "type = page", { limit: "-1" }), 400);
});
