import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { confluenceOperations } from "../../src/emulator/confluence/product.js";
import type { EmuResponse } from "../../src/emulator/http.js";
import { generateSite, handle, type Site } from "../../src/emulator/index.js";
import type { Query } from "../../src/emulator/http.js";

/**
 * Conformance: every success response of every covered v2 operation validates against the
 * official Confluence v2 OpenAPI document (read from ../shared/specs next to the repository).
 */

const SPEC_PATH = fileURLToPath(new URL("../../../shared/specs/confluence-v2.json", import.meta.url));
const SPEC_ID = "confluence-v2.json";
const V2 = "/wiki/api/v2";
const ADMIN = { authorization: `Basic ${Buffer.from("admin@example.com:atlasgym").toString("base64")}` };

type JsonObject = { [key: string]: unknown };

/** The spec with every local `$ref` made absolute, so schemas cut out of it still resolve. */
function loadSpec(): JsonObject {
  const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as JsonObject;
  const stack: unknown[] = [spec];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const obj = node as JsonObject;
    if (typeof obj["$ref"] === "string" && obj["$ref"].startsWith("#/")) obj["$ref"] = `${SPEC_ID}${obj["$ref"]}`;
    stack.push(...Object.values(obj));
  }
  return spec;
}

const spec = loadSpec();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
for (const name of ["int32", "int64", "uri", "string"]) ajv.addFormat(name, true);
ajv.addSchema(spec, SPEC_ID);

const validators = new Map<string, ValidateFunction>();

function responseValidator(method: string, path: string, status: number): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const paths = spec["paths"] as Record<string, Record<string, JsonObject>>;
    const operation = paths[path.slice(V2.length)]?.[method.toLowerCase()];
    assert.ok(operation, `the spec has ${method} ${path}`);
    const response = (operation["responses"] as Record<string, JsonObject>)[String(status)];
    assert.ok(response, `the spec documents ${status} for ${method} ${path}`);
    const schema = ((response["content"] as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)?.["schema"];
    validate = ajv.compile(schema === undefined ? {} : (schema as JsonObject));
    validators.set(key, validate);
  }
  return validate;
}

interface Probe {
  name: string;
  method?: string;
  path: string;
  query?: Query;
  json?: unknown;
}

/** Requests per operation id, built against one fork so ids exist when they are needed. */
function probes(site: Site): Map<string, Probe[]> {
  const t = site.confluence;
  const eng = t.spaces.get(t.spaceKeys.get("ENG")!)!;
  const pages = (t.spacePages.get(eng.id) ?? []).map((id) => t.pages.get(id)!).filter((p) => p.status === "current");
  const page = pages.find((p) => p.version.number > 1 && (t.contentLabels.get(p.id)?.length ?? 0) > 0)!;
  const parent = pages.find((p) => (t.children.get(p.id)?.length ?? 0) > 0 && p.parentId !== null)!;
  const label = t.labels.get(t.contentLabels.get(page.id)![0]!)!;
  const commented = pages.find((p) => (t.pageComments.get(p.id)?.length ?? 0) > 0)!;
  const comment = t.pageComments.get(commented.id)![0]!;
  const storage = (value: string) => ({ representation: "storage", value });
  const m = new Map<string, Probe[]>();
  m.set("confluence.getSpaces", [
    { name: "default", path: `${V2}/spaces` },
    { name: "described, iconed, paged", path: `${V2}/spaces`, query: { limit: "2", "description-format": "view", "include-icon": "true" } },
    { name: "by key", path: `${V2}/spaces`, query: { keys: "ENG", "description-format": "plain" } },
  ]);
  m.set("confluence.getSpaceById", [
    { name: "plain", path: `${V2}/spaces/${eng.id}` },
    {
      name: "everything included",
      path: `${V2}/spaces/${eng.id}`,
      query: {
        "include-operations": "true",
        "include-permissions": "true",
        "include-labels": "true",
        "include-properties": "true",
        "include-icon": "true",
        "description-format": "plain",
      },
    },
  ]);
  m.set("confluence.getPages", [
    { name: "default", path: `${V2}/pages` },
    {
      name: "storage, sorted, paged",
      path: `${V2}/pages`,
      query: { "space-id": eng.id, "body-format": "storage", sort: "-title", limit: "5" },
    },
    { name: "adf", path: `${V2}/pages`, query: { id: page.id, "body-format": "atlas_doc_format" } },
    { name: "trashed", path: `${V2}/pages`, query: { status: "trashed" } },
  ]);
  m.set("confluence.getPagesInSpace", [
    { name: "all", path: `${V2}/spaces/${eng.id}/pages`, query: { "body-format": "storage" } },
    { name: "root", path: `${V2}/spaces/${eng.id}/pages`, query: { depth: "root" } },
  ]);
  m.set("confluence.createPage", [
    { name: "storage", method: "POST", path: `${V2}/pages`, json: { spaceId: eng.id, title: "Spec page", body: storage("<p>spec</p>") } },
    { name: "draft", method: "POST", path: `${V2}/pages`, json: { spaceId: eng.id, status: "draft" } },
    {
      name: "adf at root",
      method: "POST",
      path: `${V2}/pages`,
      query: { "root-level": "true" },
      json: {
        spaceId: eng.id,
        title: "Spec ADF",
        body: { representation: "atlas_doc_format", value: '{"type":"doc","version":1,"content":[]}' },
      },
    },
  ]);
  m.set("confluence.getPageById", [
    { name: "plain", path: `${V2}/pages/${page.id}` },
    { name: "storage", path: `${V2}/pages/${page.id}`, query: { "body-format": "storage" } },
    { name: "adf", path: `${V2}/pages/${page.id}`, query: { "body-format": "atlas_doc_format" } },
    { name: "view", path: `${V2}/pages/${page.id}`, query: { "body-format": "view" } },
    { name: "old version", path: `${V2}/pages/${page.id}`, query: { version: "1", "body-format": "storage" } },
    {
      name: "includes",
      path: `${V2}/pages/${page.id}`,
      query: {
        "include-labels": "true",
        "include-versions": "true",
        "include-operations": "true",
        "include-likes": "true",
        "include-properties": "true",
        "include-favorited-by-current-user-status": "true",
      },
    },
  ]);
  m.set("confluence.updatePage", [
    {
      name: "edit and move",
      method: "PUT",
      path: `${V2}/pages/${page.id}`,
      json: {
        id: page.id,
        status: "current",
        title: `${page.title} v2`,
        parentId: eng.homepageId,
        body: storage("<p>new</p>"),
        version: { number: page.version.number + 1, message: "spec" },
      },
    },
  ]);
  m.set("confluence.deletePage", [{ name: "trash", method: "DELETE", path: `${V2}/pages/${pages[pages.length - 1]!.id}` }]);
  m.set("confluence.getChildPages", [
    { name: "default", path: `${V2}/pages/${parent.id}/children` },
    { name: "sorted, paged", path: `${V2}/pages/${eng.homepageId}/children`, query: { sort: "-modified-date", limit: "2" } },
  ]);
  m.set("confluence.getPageAncestors", [{ name: "default", path: `${V2}/pages/${page.id}/ancestors` }]);
  m.set("confluence.getPageDescendants", [
    { name: "default", path: `${V2}/pages/${eng.homepageId}/descendants`, query: { depth: "3", limit: "10" } },
  ]);
  m.set("confluence.getPageVersions", [
    { name: "default", path: `${V2}/pages/${page.id}/versions` },
    {
      name: "with bodies",
      path: `${V2}/pages/${page.id}/versions`,
      query: { "body-format": "storage", sort: "modified-date", limit: "1" },
    },
  ]);
  m.set("confluence.getPageVersionDetails", [{ name: "first", path: `${V2}/pages/${page.id}/versions/1` }]);
  m.set("confluence.getPageLabels", [{ name: "default", path: `${V2}/pages/${page.id}/labels`, query: { sort: "name" } }]);
  m.set("confluence.getLabels", [
    { name: "default", path: `${V2}/labels` },
    { name: "paged", path: `${V2}/labels`, query: { limit: "3", prefix: "global" } },
  ]);
  m.set("confluence.getLabelPages", [{ name: "default", path: `${V2}/labels/${label.id}/pages`, query: { "body-format": "storage" } }]);
  m.set("confluence.getFooterComments", [
    { name: "default", path: `${V2}/footer-comments`, query: { "body-format": "storage", limit: "5" } },
    { name: "sorted", path: `${V2}/footer-comments`, query: { sort: "-created-date" } },
  ]);
  m.set("confluence.getPageFooterComments", [
    { name: "default", path: `${V2}/pages/${commented.id}/footer-comments`, query: { "body-format": "storage" } },
  ]);
  m.set("confluence.getFooterCommentById", [
    { name: "default", path: `${V2}/footer-comments/${comment}`, query: { "body-format": "atlas_doc_format" } },
  ]);
  m.set("confluence.createFooterComment", [
    {
      name: "on a page",
      method: "POST",
      path: `${V2}/footer-comments`,
      json: { pageId: commented.id, body: storage("<p>spec comment</p>") },
    },
    {
      name: "reply",
      method: "POST",
      path: `${V2}/footer-comments`,
      json: { parentCommentId: comment, body: { storage: storage("<p>reply</p>") } },
    },
  ]);
  return m;
}

function send(site: Site, probe: Probe): EmuResponse {
  return handle(site, { method: probe.method ?? "GET", path: probe.path, query: probe.query, json: probe.json, headers: ADMIN });
}

test("the spec validators are not vacuous: wrong shapes fail", () => {
  const pages = responseValidator("GET", `${V2}/pages`, 200);
  assert.equal(pages({ results: [{ id: 5 }] }), false);
  assert.equal(pages({ results: [{ id: "5", status: "published" }] }), false);
  const page = responseValidator("GET", `${V2}/pages/{id}`, 200);
  assert.equal(page({ id: "1", version: { number: "2" } }), false);
  assert.equal(page({ id: "1", createdAt: "yesterday" }), false);
});

test("every success response of every covered v2 operation validates against the official spec", () => {
  const site = generateSite({ seed: 11 }).fork();
  const table = probes(site);
  const v2Operations = confluenceOperations.filter((op) => op.path.startsWith(V2));
  for (const operation of v2Operations) {
    const list = table.get(operation.id);
    assert.ok(list && list.length > 0, `no conformance probe for ${operation.id}`);
    for (const probe of list) {
      const response = send(site, probe);
      assert.ok(
        response.status >= 200 && response.status < 300,
        `${operation.id} (${probe.name}): ${response.status} ${JSON.stringify(response.body)}`,
      );
      const validate = responseValidator(operation.method, operation.path, response.status);
      const body = response.body === undefined ? undefined : JSON.parse(JSON.stringify(response.body));
      if (body !== undefined) assert.ok(validate(body), `${operation.id} (${probe.name}): ${ajv.errorsText(validate.errors)}`);
    }
  }
});

test("v2 list responses carry _links.base and, when there is more, a matching Link header", () => {
  const site = generateSite({ seed: 11 }).fork();
  const response = send(site, { name: "paged", path: `${V2}/pages`, query: { limit: "3" } });
  const links = (response.body as { _links: { next: string; base: string } })._links;
  assert.equal(links.base, `${site.meta.baseUrl}/wiki`);
  assert.match(links.next, /^\/wiki\/api\/v2\/pages\?limit=3&cursor=/);
  assert.equal(response.headers?.["link"], `<${links.next}>; rel="next", <${links.base}>; rel="base"`);
});

test("v2 error responses all have the documented {errors:[{status,code,title,detail}]} shape", () => {
  const site = generateSite({ seed: 11 }).fork();
  const errorShape = ajv.compile({
    type: "object",
    required: ["errors"],
    additionalProperties: false,
    properties: {
      errors: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["status", "code", "title", "detail"],
          additionalProperties: false,
          properties: {
            status: { type: "integer" },
            code: { type: "string" },
            title: { type: "string" },
            detail: { type: ["string", "null"] },
          },
        },
      },
    },
  });
  const failing: Probe[] = [
    { name: "404", path: `${V2}/pages/1` },
    { name: "bad id", path: `${V2}/pages/abc` },
    { name: "bad limit", path: `${V2}/spaces`, query: { limit: "1000" } },
    { name: "bad cursor", path: `${V2}/labels`, query: { cursor: "zzz" } },
    { name: "no body", method: "POST", path: `${V2}/pages` },
    { name: "no space", method: "POST", path: `${V2}/pages`, json: { title: "x" } },
    { name: "405", method: "PATCH", path: `${V2}/pages` },
  ];
  for (const probe of failing) {
    const response = send(site, probe);
    assert.ok(response.status >= 400, probe.name);
    assert.ok(errorShape(response.body), `${probe.name}: ${ajv.errorsText(errorShape.errors)}`);
  }
});
