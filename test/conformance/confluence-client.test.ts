import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { ConfluenceClient } from "confluence.js";
import { generateSite } from "../../src/emulator/index.js";
import { buildApp } from "../../src/server/app.js";

/**
 * Conformance: the real `confluence.js` client (2.1.0) against a served site. The package ships a
 * v1 client only; v2 calls go through the same client's request machinery with the v2 prefix.
 */

type Json = Record<string, unknown>;

let app: FastifyInstance;
let host: string;
let v1: ConfluenceClient;
let v2: ConfluenceClient;
const authentication = { basic: { email: "admin@example.com", apiToken: "atlasgym" } };

before(async () => {
  app = buildApp({ site: generateSite({ seed: 5 }).fork(), quiet: true });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  host = address;
  v1 = new ConfluenceClient({ host, authentication });
  v2 = new ConfluenceClient({ host, authentication, apiPrefix: "/wiki/api/v2" });
});

after(async () => {
  await app.close();
});

function request<T = Json>(method: string, url: string, options: { params?: Json; data?: unknown } = {}): Promise<T> {
  return v2.sendRequest<T>({ method, url, ...options }, undefined as never);
}

/** The client rethrows the response body of a failed call. */
async function failure(promise: Promise<unknown>): Promise<Json> {
  try {
    await promise;
  } catch (error) {
    return error as Json;
  }
  assert.fail("the call should have failed");
}

test("pages through the real client: create, read, update (version + 1), move, label, comment, search, delete", async () => {
  const spaces = await request<{ results: Json[] }>("GET", "/spaces", { params: { keys: "ENG" } });
  const space = spaces.results[0]!;
  const spaceId = space["id"] as string;
  const homepageId = space["homepageId"] as string;

  const created = await request("POST", "/pages", {
    data: { spaceId, status: "current", title: "Client Release Plan", body: { representation: "storage", value: "<p>Plan v1</p>" } },
  });
  const id = created["id"] as string;
  assert.equal(created["parentId"], homepageId);

  const read = await request("GET", `/pages/${id}`, { params: { "body-format": "storage" } });
  assert.equal(((read["body"] as Json)["storage"] as Json)["value"], "<p>Plan v1</p>");
  const version = (read["version"] as Json)["number"] as number;

  const updated = await request("PUT", `/pages/${id}`, {
    data: {
      id,
      status: "current",
      title: "Client Release Plan",
      body: { representation: "storage", value: "<p>Plan v2</p>" },
      version: { number: version + 1 },
    },
  });
  assert.equal((updated["version"] as Json)["number"], version + 1);

  const stale = await failure(
    request("PUT", `/pages/${id}`, {
      data: {
        id,
        status: "current",
        title: "Client Release Plan",
        body: { representation: "storage", value: "<p>stale</p>" },
        version: { number: version + 1 },
      },
    }),
  );
  assert.equal((stale["errors"] as Json[])[0]!["title"], `Version must be incremented on update. Current version is: ${version + 1}`);

  const children = await request<{ results: Json[] }>("GET", `/pages/${homepageId}/children`);
  const newParent = children.results.find((c) => c["id"] !== id)!["id"] as string;
  const moved = await request("PUT", `/pages/${id}`, {
    data: {
      id,
      status: "current",
      title: "Client Release Plan",
      parentId: newParent,
      body: { representation: "storage", value: "<p>Plan v3</p>" },
      version: { number: version + 2 },
    },
  });
  assert.equal(moved["parentId"], newParent);
  const ancestors = await request<{ results: Json[] }>("GET", `/pages/${id}/ancestors`);
  assert.deepEqual(
    ancestors.results.map((a) => a["id"]),
    [homepageId, newParent],
  );

  const labelled = (await v1.contentLabels.addLabelsToContent({
    id,
    body: [{ prefix: "global", name: "client-label" }],
  })) as unknown as Json;
  assert.ok((labelled["results"] as Json[]).some((l) => l["name"] === "client-label"));
  const v1Labels = (await v1.contentLabels.getLabelsForContent({ id })) as unknown as Json;
  assert.deepEqual(
    (v1Labels["results"] as Json[]).map((l) => l["name"]),
    ["client-label"],
  );
  const v2Labels = await request<{ results: Json[] }>("GET", `/pages/${id}/labels`);
  assert.deepEqual(
    v2Labels.results.map((l) => l["name"]),
    ["client-label"],
  );

  const comment = await request("POST", "/footer-comments", {
    data: { pageId: id, body: { representation: "storage", value: "<p>Ship it</p>" } },
  });
  const comments = await request<{ results: Json[] }>("GET", `/pages/${id}/footer-comments`);
  assert.deepEqual(
    comments.results.map((c) => c["id"]),
    [comment["id"]],
  );

  const found = (await v1.search.searchByCQL({ cql: 'label = "client-label" AND type = page' })) as unknown as Json;
  assert.deepEqual(
    (found["results"] as Json[]).map((r) => (r["content"] as Json)["id"]),
    [id],
  );
  assert.equal(found["totalSize"], 1);

  await request("DELETE", `/pages/${id}`);
  const gone = await failure(request("GET", `/pages/${id}`));
  assert.deepEqual(gone, { errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found", detail: null }] });
});

test("CQL search pages through the client with limit and cursor", async () => {
  const first = (await v1.search.searchByCQL({ cql: "type = page AND space = ENG", limit: 5 })) as unknown as Json;
  assert.equal((first["results"] as Json[]).length, 5);
  const next = new URLSearchParams(((first["_links"] as Json)["next"] as string).split("?")[1]);
  const second = (await v1.search.searchByCQL({
    cql: "type = page AND space = ENG",
    limit: 5,
    cursor: next.get("cursor")!,
  })) as unknown as Json;
  assert.equal(second["start"], 5);
  const firstIds = (first["results"] as Json[]).map((r) => (r["content"] as Json)["id"]);
  for (const r of second["results"] as Json[]) assert.ok(!firstIds.includes((r["content"] as Json)["id"]));
  const bad = await failure(v1.search.searchByCQL({ cql: "type = page AND" }));
  assert.equal(bad["statusCode"], 400);
});

test("the client without valid credentials gets 401", async () => {
  const anonymous = new ConfluenceClient({
    host,
    apiPrefix: "/wiki/api/v2",
    authentication: { basic: { email: "admin@example.com", apiToken: "wrong" } },
  });
  const denied = await failure(anonymous.sendRequest({ method: "GET", url: "/spaces" }, undefined as never));
  assert.equal((denied["errors"] as Json[])[0]!["status"], 401);
});
