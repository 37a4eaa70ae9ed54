import { test } from "node:test";
import assert from "node:assert/strict";
import { baseSite, call, leafPage, ok, results, snapshot, teamSpace, v1Message, v2Error, type Json } from "./helpers.js";

function addLabels(site: ReturnType<typeof baseSite>, id: string, json: unknown) {
  return call(site, `/wiki/rest/api/content/${id}/label`, { method: "POST", json });
}

test("v1 label writes add labels (array or single object) and answer every label of the page", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const before = site.confluence.contentLabels.get(page.id)?.length ?? 0;
  const body = ok(addLabels(site, page.id, [{ prefix: "global", name: "Release-Ready" }, { name: "q3 audit" }]));
  const names = (body["results"] as Json[]).map((l) => l["name"]);
  assert.ok(names.includes("release-ready"), "names are lower-cased");
  assert.ok(names.includes("q3") && names.includes("audit"), "a space separates two labels");
  assert.equal(body["size"], before + 3);
  const label = (body["results"] as Json[]).find((l) => l["name"] === "release-ready")!;
  assert.equal(label["label"], "release-ready");
  assert.equal(label["prefix"], "global");
  ok(addLabels(site, page.id, { prefix: "global", name: "single" }));
  // Adding a label twice keeps one.
  const again = ok(addLabels(site, page.id, [{ prefix: "global", name: "single" }]));
  assert.equal((again["results"] as Json[]).filter((l) => l["name"] === "single").length, 1);
});

test("v2 reads see v1 label writes: page labels, all labels and pages by label", () => {
  const site = baseSite().fork();
  const space = teamSpace(site);
  const page = leafPage(site, space);
  ok(addLabels(site, page.id, [{ prefix: "global", name: "fresh-label" }]));
  const pageLabels = results(call(site, `/wiki/api/v2/pages/${page.id}/labels`, { query: { limit: "250" } }));
  const label = pageLabels.find((l) => l["name"] === "fresh-label")!;
  assert.deepEqual(Object.keys(label).sort(), ["id", "name", "prefix"]);
  const all = results(call(site, "/wiki/api/v2/labels", { query: { "label-id": label["id"] as string } }));
  assert.deepEqual(all, [label]);
  const pages = results(call(site, `/wiki/api/v2/labels/${String(label["id"])}/pages`, { query: { "body-format": "storage" } }));
  assert.deepEqual(
    pages.map((p) => p["id"]),
    [page.id],
  );
  assert.equal(results(call(site, `/wiki/api/v2/labels/${String(label["id"])}/pages`, { query: { "space-id": "1" } })).length, 0);
  v2Error(call(site, "/wiki/api/v2/labels/424242/pages"), 404);
  const sorted = results(call(site, "/wiki/api/v2/labels", { query: { sort: "name", limit: "250" } })).map((l) => l["name"] as string);
  assert.deepEqual(sorted, [...sorted].sort());
  const v1 = ok(call(site, `/wiki/rest/api/content/${page.id}/label`));
  assert.ok((v1["results"] as Json[]).some((l) => l["name"] === "fresh-label"));
});

test("labels are removed by name through either v1 delete form", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  ok(addLabels(site, page.id, [{ name: "one" }, { name: "two" }]));
  assert.equal(call(site, `/wiki/rest/api/content/${page.id}/label/one`, { method: "DELETE" }).status, 204);
  assert.equal(call(site, `/wiki/rest/api/content/${page.id}/label`, { method: "DELETE", query: { name: "two" } }).status, 204);
  const names = results(call(site, `/wiki/api/v2/pages/${page.id}/labels`, { query: { limit: "250" } })).map((l) => l["name"]);
  assert.ok(!names.includes("one") && !names.includes("two"));
  assert.match(v1Message(call(site, `/wiki/rest/api/content/${page.id}/label/one`, { method: "DELETE" }), 404), /NotFoundException/);
});

test("invalid labels and unknown content are refused in v1's shape, leaving the site unchanged", () => {
  const site = baseSite().fork();
  const page = leafPage(site, teamSpace(site));
  const before = snapshot(site);
  assert.match(v1Message(addLabels(site, page.id, [{ name: "bad:label" }]), 400), /BadRequestException/);
  assert.match(v1Message(addLabels(site, page.id, [{ name: "ok" }, { name: "also(bad)" }]), 400), /invalid character/);
  assert.match(v1Message(addLabels(site, page.id, [{ prefix: "system", name: "x" }]), 400), /BadRequestException/);
  v1Message(addLabels(site, page.id, [{ name: "x".repeat(300) }]), 400);
  v1Message(addLabels(site, page.id, []), 400);
  v1Message(addLabels(site, page.id, "release"), 400);
  assert.match(
    v1Message(addLabels(site, "99999999", [{ name: "x" }]), 404),
    /^com\.atlassian\.confluence\.api\.service\.exceptions\.NotFoundException/,
  );
  v1Message(addLabels(site, "abc", [{ name: "x" }]), 404);
  assert.equal(snapshot(site), before);
  v2Error(call(site, "/wiki/api/v2/pages/99999999/labels"), 404);
});
