import { test } from "node:test";
import assert from "node:assert/strict";
import { baseSite, call, leafPage, ok, results, snapshot, storage, teamSpace, v2Error, type Json } from "./helpers.js";

function comment(site: ReturnType<typeof baseSite>, json: Json) {
  return call(site, "/wiki/api/v2/footer-comments", { method: "POST", json });
}

test("a footer comment is created with 201 and a location, and listed under its page", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const r = comment(site, { pageId: page.id, body: storage("<p>Reviewed, looks good.</p>") });
  const body = ok(r, 201);
  assert.equal(r.headers?.["location"], `${site.meta.baseUrl}/wiki/api/v2/footer-comments/${String(body["id"])}`);
  assert.equal(body["pageId"], page.id);
  assert.equal(body["title"], `Re: ${page.title}`);
  assert.equal(((body["body"] as Json)["storage"] as Json)["value"], "<p>Reviewed, looks good.</p>");
  const listed = results(
    call(site, `/wiki/api/v2/pages/${page.id}/footer-comments`, { query: { "body-format": "storage", limit: "250" } }),
  );
  assert.equal(listed[listed.length - 1]!["id"], body["id"]);
  const one = ok(call(site, `/wiki/api/v2/footer-comments/${String(body["id"])}`, { query: { "body-format": "storage" } }));
  assert.equal(one["id"], body["id"]);
  const all = results(call(site, "/wiki/api/v2/footer-comments", { query: { sort: "-created-date", limit: "1" } }));
  assert.equal(all[0]!["id"], body["id"]);
});

test("a reply names its parent comment and stays off the page's top-level list", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const root = ok(comment(site, { pageId: page.id, body: storage("<p>Question?</p>") }), 201);
  const reply = ok(
    comment(site, { parentCommentId: root["id"], body: { storage: { representation: "storage", value: "<p>Answer.</p>" } } }),
    201,
  );
  assert.equal(reply["parentCommentId"], root["id"]);
  assert.equal(reply["pageId"], page.id);
  const top = results(call(site, `/wiki/api/v2/pages/${page.id}/footer-comments`, { query: { limit: "250" } })).map((c) => c["id"]);
  assert.ok(top.includes(root["id"]) && !top.includes(reply["id"]));
});

test("comment errors: no container, two containers, unknown page, bad body; nothing changes", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const before = snapshot(site);
  v2Error(comment(site, { body: storage("<p>x</p>") }), 400);
  v2Error(comment(site, { pageId: page.id, parentCommentId: "1", body: storage("<p>x</p>") }), 400);
  v2Error(comment(site, { pageId: "99999999", body: storage("<p>x</p>") }), 404);
  v2Error(comment(site, { blogPostId: "5", body: storage("<p>x</p>") }), 404);
  assert.match(v2Error(comment(site, { pageId: page.id, body: storage("<p>x") }), 400).title, /^Error parsing xhtml/);
  v2Error(comment(site, { pageId: page.id, body: storage("") }), 400);
  v2Error(comment(site, { pageId: page.id }), 400);
  v2Error(call(site, "/wiki/api/v2/footer-comments/99999999"), 404);
  assert.equal(snapshot(site), before);
});
