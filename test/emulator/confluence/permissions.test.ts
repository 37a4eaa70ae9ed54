import { test } from "node:test";
import assert from "node:assert/strict";
import {
  baseSite,
  basic,
  call,
  headersFor,
  leafPage,
  livePages,
  ok,
  personalSpace,
  restrictedSpace,
  results,
  snapshot,
  storage,
  teamSpace,
  userFor,
  v1Message,
  v2Error,
  type Json,
} from "./helpers.js";

test("no or wrong credentials are 401 in the v2 shape on v2 paths and the v1 shape on v1 paths", () => {
  const site = baseSite().fork();
  for (const authorization of ["", basic("admin@example.com", "nope"), "Bearer nope"]) {
    const headers = { authorization };
    const v2 = v2Error(call(site, "/wiki/api/v2/spaces", { headers }), 401);
    assert.equal(v2.code, "UNAUTHORIZED");
    v1Message(call(site, "/wiki/rest/api/search", { query: { cql: "type = page" }, headers }), 401);
  }
});

test("a restricted space is invisible to outsiders: 404s, and absent from every listing", () => {
  const site = baseSite().fork();
  const secret = restrictedSpace(site);
  const outsider = headersFor(userFor(site, secret, false));
  const page = livePages(site, secret)[1]!;
  v2Error(call(site, `/wiki/api/v2/spaces/${secret.id}`, { headers: outsider }), 404);
  v2Error(call(site, `/wiki/api/v2/spaces/${secret.id}/pages`, { headers: outsider }), 404);
  v2Error(call(site, `/wiki/api/v2/pages/${page.id}`, { headers: outsider }), 404);
  v2Error(call(site, `/wiki/api/v2/pages/${page.id}/children`, { headers: outsider }), 404);
  v2Error(call(site, `/wiki/api/v2/pages/${page.id}/footer-comments`, { headers: outsider }), 404);
  const spaceIds = results(call(site, "/wiki/api/v2/spaces", { headers: outsider, query: { limit: "250" } })).map((s) => s["id"]);
  assert.ok(!spaceIds.includes(secret.id));
  const pages = results(call(site, "/wiki/api/v2/pages", { headers: outsider, query: { "space-id": secret.id } }));
  assert.equal(pages.length, 0);
  const before = snapshot(site);
  v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", headers: outsider, json: { spaceId: secret.id, title: "Sneaky" } }), 404);
  v1Message(call(site, `/wiki/rest/api/content/${page.id}/label`, { method: "POST", headers: outsider, json: [{ name: "x" }] }), 404);
  // Naming a hidden page as the parent of a page elsewhere does not reveal that it exists.
  const team = teamSpace(site);
  v2Error(
    call(site, "/wiki/api/v2/pages", { method: "POST", headers: outsider, json: { spaceId: team.id, title: "Child", parentId: page.id } }),
    404,
  );
  assert.equal(snapshot(site), before);
  assert.match(
    v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", json: { spaceId: team.id, title: "Child", parentId: page.id } }), 400).title,
    /same space/,
  );
});

test("members of the restricted space read and write it", () => {
  const site = baseSite().fork();
  const secret = restrictedSpace(site);
  const insider = headersFor(userFor(site, secret, true, true));
  ok(call(site, `/wiki/api/v2/spaces/${secret.id}`, { headers: insider }));
  const created = ok(
    call(site, "/wiki/api/v2/pages", {
      method: "POST",
      headers: insider,
      json: { spaceId: secret.id, title: "Insider note", body: storage("<p>ok</p>") },
    }),
  );
  assert.equal(created["spaceId"], secret.id);
});

test("a personal space is readable by others but only its owner writes: 403 for updates, 404 for creation", () => {
  const site = baseSite().fork();
  const personal = personalSpace(site);
  const reader = headersFor(userFor(site, personal, true, false));
  const page = leafPage(site, personal);
  ok(call(site, `/wiki/api/v2/pages/${page.id}`, { headers: reader }));
  const before = snapshot(site);
  const update = call(site, `/wiki/api/v2/pages/${page.id}`, {
    method: "PUT",
    headers: reader,
    json: {
      id: page.id,
      status: "current",
      title: page.title,
      body: storage("<p>mine now</p>"),
      version: { number: page.version.number + 1 },
    },
  });
  v2Error(update, 403);
  v2Error(call(site, `/wiki/api/v2/pages/${page.id}`, { method: "DELETE", headers: reader }), 403);
  v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", headers: reader, json: { spaceId: personal.id, title: "Not mine" } }), 404);
  v2Error(
    call(site, "/wiki/api/v2/footer-comments", { method: "POST", headers: reader, json: { pageId: page.id, body: storage("<p>hi</p>") } }),
    403,
  );
  assert.match(
    v1Message(call(site, `/wiki/rest/api/content/${page.id}/label`, { method: "POST", headers: reader, json: [{ name: "x" }] }), 403),
    /PermissionException/,
  );
  assert.equal(snapshot(site), before);
  const owner = [...site.core.users.values()].find((u) => u.accountId === personal.authorId)!;
  ok(call(site, "/wiki/api/v2/pages", { method: "POST", headers: headersFor(owner), json: { spaceId: personal.id, title: "Mine" } }));
});

test("space reads: filters by key, type and id; include-* fields; numeric ids only", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const byKey = results(
    call(site, "/wiki/api/v2/spaces", { query: { keys: "ENG", "description-format": "plain", "include-icon": "true" } }),
  );
  assert.equal(byKey.length, 1);
  assert.equal(byKey[0]!["id"], space.id);
  assert.equal(((byKey[0]!["description"] as Json)["plain"] as Json)["value"], space.description);
  assert.ok(byKey[0]!["icon"]);
  const personal = results(call(site, "/wiki/api/v2/spaces", { query: { type: "personal" } }));
  assert.equal(personal.length, 1);
  assert.deepEqual(
    results(call(site, "/wiki/api/v2/spaces", { query: { ids: space.id } })).map((s) => s["key"]),
    ["ENG"],
  );
  const names = results(call(site, "/wiki/api/v2/spaces", { query: { sort: "-name" } })).map((s) => s["name"] as string);
  assert.deepEqual(
    names,
    [...names].sort((a, b) => b.localeCompare(a, "en")),
  );
  const single = ok(
    call(site, `/wiki/api/v2/spaces/${space.id}`, { query: { "include-operations": "true", "include-permissions": "true" } }),
  );
  assert.ok(((single["operations"] as Json)["results"] as Json[]).length > 0);
  assert.ok(((single["permissions"] as Json)["results"] as Json[]).length > 0);
  assert.equal((single["_links"] as Json)["base"], `${site.meta.baseUrl}/wiki`);
  assert.equal(
    v2Error(call(site, "/wiki/api/v2/spaces/ENG"), 400).title,
    "Provided value {ENG} for 'id' is not the correct type. Expected type is long.",
  );
});

test("unknown routes, wrong methods and bad bodies keep their product's shapes", () => {
  const site = baseSite().fork();
  v2Error(call(site, "/wiki/api/v2/nothing"), 404);
  v2Error(call(site, "/wiki/api/v2/spaces", { method: "DELETE" }), 405);
  v1Message(call(site, "/wiki/rest/api/nothing"), 404);
  const space = teamSpace(site);
  assert.match(v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", rawBody: '{"spaceId": ' }), 400).title, /^JSON parse error/);
  v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", rawBody: "spaceId=1", headers: { "content-type": "text/plain" } }), 415);
  v2Error(call(site, "/wiki/api/v2/pages", { method: "POST", json: { spaceId: space.id, title: 5 } }), 400);
});
