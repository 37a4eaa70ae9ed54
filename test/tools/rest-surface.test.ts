import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import fc from "fast-check";
import { emulator } from "../../src/emulator/index.js";
import type { Operation } from "../../src/emulator/operation.js";
import { Router } from "../../src/emulator/router.js";
import { createRestSurface } from "../../src/tools/rest/surface.js";
import { toolNameOf } from "../../src/tools/names.js";
import { exampleOf } from "./schema-examples.js";

const ajv = new Ajv({ strict: false, allErrors: true });

/** The value at a path of keys in a JSON document (undefined when absent). */
function at(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path)
    node = typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function stub(partial: Partial<Operation> & Pick<Operation, "id" | "method" | "path">): Operation {
  return { product: "jira", summary: "Stub.", mutates: partial.method !== "GET", run: () => ({ status: 200, body: {} }), ...partial };
}

/** An ADF-like recursive body, the kind of schema the real createIssue declares. */
const adfNode = {
  type: "object",
  required: ["type"],
  properties: { type: { type: "string" }, text: { type: "string" }, content: { type: "array", items: { $ref: "#/$defs/node" } } },
};
const createIssue = stub({
  id: "jira.createIssue",
  method: "POST",
  path: "/rest/api/3/issue",
  summary: "Creates an issue.",
  description: "Fields follow the project's create screen.",
  query: {
    type: "object",
    properties: {
      updateHistory: {
        type: "boolean",
        description: `Whether to add the project to history. ${"Long detail that models do not need. ".repeat(8)}`,
      },
    },
  },
  body: {
    type: "object",
    $defs: { node: adfNode },
    properties: {
      fields: {
        type: "object",
        properties: {
          project: { type: "object", properties: { key: { type: "string", description: "Project key." }, id: { type: "string" } } },
          issuetype: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
          summary: { type: "string", examples: ["a"], "x-internal": true },
          description: { $ref: "#/$defs/node" },
          priority: { type: "object", properties: { name: { enum: ["Highest", "High", "Medium"] } } },
        },
        required: ["project", "summary", "issuetype"],
      },
      update: {
        type: "object",
        properties: {
          comment: {
            type: "array",
            items: { type: "object", properties: { add: { type: "object", properties: { body: { $ref: "#/$defs/node" } } } } },
          },
        },
      },
    },
    required: ["fields"],
    additionalProperties: false,
  },
});
const updatePage = stub({
  id: "confluence.updatePage",
  product: "confluence",
  method: "PUT",
  path: "/wiki/api/v2/pages/{id}",
  pathParams: { type: "object", properties: { id: { type: "string", description: "The ID of the page." } }, required: ["id"] },
  query: { type: "object", properties: { id: { type: "string" }, "body-format": { enum: ["storage", "atlas_doc_format"] } } },
  body: {
    type: "object",
    required: ["id", "status", "title", "body", "version"],
    properties: {
      id: { type: "string" },
      status: { enum: ["current", "draft"] },
      title: { type: "string" },
      body: { type: "object", properties: { representation: { enum: ["storage", "atlas_doc_format"] }, value: { type: "string" } } },
      version: { type: "object", properties: { number: { type: "integer" }, message: { type: "string" } } },
    },
  },
});
const getIssue = stub({
  id: "jira.getIssue",
  method: "GET",
  path: "/rest/api/3/issue/{issueIdOrKey}",
  query: { type: "object", properties: { fields: { type: "array", items: { type: "string" } }, expand: { type: "string" } } },
});

/** Operations the surface offers: every registered one except those removed from the real API. */
const offered = emulator.operations.filter((o) => !o.removed);

/** Every offered operation, plus stubs shaped like the operations still being written. */
const operations: readonly Operation[] = [
  ...offered,
  ...[createIssue, updatePage, getIssue].filter((s) => !emulator.operations.some((o) => o.id === s.id)),
];

test("one tool per registered operation, named from its id, with a spec that compiles", () => {
  const surface = createRestSurface(emulator.operations);
  assert.equal(surface.names.length, offered.length);
  assert.equal(new Set(surface.names).size, surface.names.length);
  for (const operation of emulator.operations.filter((o) => o.removed)) assert.equal(surface.has(toolNameOf(operation.id)), false);
  for (const operation of offered) {
    const name = toolNameOf(operation.id);
    assert.ok(surface.has(name), name);
    assert.match(name, /^[a-z0-9_]{1,64}$/);
    const [spec] = surface.tools([name]);
    assert.ok(spec!.description.startsWith(`${operation.method} ${operation.path}: `));
    ajv.compile(spec!.parameters);
  }
});

test("tool names follow the operation ids", () => {
  assert.equal(toolNameOf("jira.createIssue"), "jira_create_issue");
  assert.equal(toolNameOf("jira.getCreateIssueMetaIssueTypeId"), "jira_get_create_issue_meta_issue_type_id");
  assert.equal(toolNameOf("confluence.getPageByID"), "confluence_get_page_by_id");
  assert.equal(toolNameOf("jira.searchAndReconsileIssuesUsingJqlPost"), "jira_search_and_reconsile_issues_using_jql_post");
});

test("requests built from example arguments match each operation's method, path, query and body", () => {
  const surface = createRestSurface(operations);
  const router = new Router(operations);
  for (const operation of operations) {
    const name = toolNameOf(operation.id);
    const [spec] = surface.tools([name]);
    const args = exampleOf(spec!.parameters) as Record<string, unknown>;
    assert.ok(ajv.validate(spec!.parameters, args), `${name}: example must satisfy its own schema: ${ajv.errorsText()}`);
    const mapping = surface.toRequest(name, args);
    assert.ok(mapping.ok, `${name}: ${mapping.ok ? "" : mapping.reason}`);
    const { request } = mapping;
    assert.equal(request.method, operation.method);
    const route = router.match(request.method, request.path);
    assert.equal(route.kind, "match", `${name}: ${request.path}`);
    if (route.kind === "match") {
      assert.equal(route.operation, operation);
      for (const [param, value] of Object.entries(route.params)) assert.equal(value, String(args[param]));
    }
    const grouped = at(spec!.parameters, "properties", "query", "type") === "object";
    const queryArgs = grouped ? (args["query"] as Record<string, unknown>) : args;
    for (const [param, value] of Object.entries(request.query)) {
      const given = queryArgs[param];
      assert.deepEqual(value, Array.isArray(given) ? given.map(String) : String(given));
    }
    assert.deepEqual(request.body, operation.body ? args["body"] : undefined);
  }
});

test("the body keeps the API's nesting under `body`; path and query parameters sit at the top level", () => {
  const surface = createRestSurface([createIssue, getIssue]);
  const body = {
    fields: {
      project: { key: "OPS" },
      issuetype: { id: "10001" },
      summary: "Disk full",
      description: { type: "doc", version: 1, content: [] },
    },
    update: { comment: [{ add: { body: { type: "doc", version: 1, content: [] } } }] },
  };
  const created = surface.toRequest("jira_create_issue", { updateHistory: true, body });
  assert.deepEqual(created, { ok: true, request: { method: "POST", path: "/rest/api/3/issue", query: { updateHistory: "true" }, body } });
  const got = surface.toRequest("jira_get_issue", { issueIdOrKey: "OPS/1 x", fields: ["summary", "status"], expand: null });
  assert.deepEqual(got, {
    ok: true,
    request: { method: "GET", path: "/rest/api/3/issue/OPS%2F1%20x", query: { fields: ["summary", "status"] } },
  });
});

test("compact schemas keep types, required, enums and nesting, drop the rest, and cut recursion", () => {
  const [spec] = createRestSurface([createIssue]).tools(["jira_create_issue"]);
  const params = spec!.parameters;
  assert.deepEqual(params["required"], ["body"]);
  assert.equal(params["additionalProperties"], false);
  const fields = at(params, "properties", "body", "properties", "fields");
  assert.deepEqual(at(fields, "required"), ["project", "summary", "issuetype"]);
  assert.equal(at(fields, "properties", "project", "properties", "key", "type"), "string");
  assert.deepEqual(at(fields, "properties", "priority", "properties", "name", "enum"), ["Highest", "High", "Medium"]);
  assert.deepEqual(at(fields, "properties", "summary"), { type: "string" });
  const history = String(at(params, "properties", "updateHistory", "description"));
  assert.ok(history.startsWith("Whether to add the project to history.") && history.length <= 200 && history.endsWith("."), history);
  const comment = at(params, "properties", "body", "properties", "update", "properties", "comment", "items", "properties", "add");
  assert.equal(at(comment, "properties", "body", "properties", "type", "type"), "string");
  const text = JSON.stringify(params);
  assert.ok(!text.includes("$ref") && !text.includes("$defs") && !text.includes("examples") && !text.includes("x-internal"));
  assert.ok(text.length < 4000, `compact schema is ${text.length} chars`);
});

test("query parameters clashing with a path parameter move under `query`", () => {
  const surface = createRestSurface([updatePage]);
  const [spec] = surface.tools(["confluence_update_page"]);
  assert.deepEqual(Object.keys((spec!.parameters as { properties: object }).properties), ["id", "query", "body"]);
  const body = { id: "7", status: "current", title: "T", body: { representation: "storage", value: "<p/>" }, version: { number: 3 } };
  const mapping = surface.toRequest("confluence_update_page", { id: "7", query: { "body-format": "storage" }, body });
  assert.deepEqual(mapping, {
    ok: true,
    request: { method: "PUT", path: "/wiki/api/v2/pages/7", query: { "body-format": "storage" }, body },
  });
  const stray = surface.toRequest("confluence_update_page", { id: "7", query: { nope: 1 }, body });
  assert.equal(stray.ok, false);
});

test("envelope problems are schema violations with a readable reason; the API judges the rest", () => {
  const surface = createRestSurface([createIssue, getIssue]);
  const reject = (name: string, args: unknown) => {
    const m = surface.toRequest(name, args);
    assert.equal(m.ok, false, JSON.stringify(args));
    return m.ok ? "" : `${m.label}: ${m.reason}`;
  };
  assert.match(reject("jira_create_issue", [1]), /^schema_violation: Tool arguments must be a JSON object, got an array/);
  assert.match(reject("jira_create_issue", { fields: {} }), /Unknown argument 'fields'.*goes under 'body'/);
  assert.match(reject("jira_get_issue", {}), /Missing required argument 'issueIdOrKey'/);
  assert.match(reject("jira_get_issue", { issueIdOrKey: "A-1", expand: { a: 1 } }), /'expand' is a query parameter/);
  assert.match(reject("jira_nope", {}), /^unknown_tool: Unknown tool 'jira_nope'/);
  // A missing or malformed body is the API's to reject, in its own words.
  const noBody = surface.toRequest("jira_create_issue", {});
  assert.deepEqual(noBody, { ok: true, request: { method: "POST", path: "/rest/api/3/issue", query: {} } });
  assert.equal(surface.toRequest("jira_get_issue", { issueIdOrKey: 10001 }).ok, true);
});

test("hostile arguments never throw and never touch prototypes", () => {
  const surface = createRestSurface(operations);
  const hostile = JSON.parse(
    '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "issueIdOrKey": "A-1"}',
  ) as unknown;
  for (const name of surface.names) surface.toRequest(name, hostile);
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  fc.assert(
    fc.property(fc.constantFrom(...surface.names), fc.jsonValue(), (name, args) => {
      const mapping = surface.toRequest(name, args);
      assert.ok(mapping.ok || (typeof mapping.reason === "string" && mapping.label === "schema_violation"));
    }),
    { numRuns: 300 },
  );
});

test("asking for a tool the surface lacks is a configuration error", () => {
  assert.throws(() => createRestSurface(emulator.operations).tools(["jira_definitely_missing"]), /no tool 'jira_definitely_missing'/);
});
