import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import fc from "fast-check";
import { emulator, generateSite, handle } from "../../src/emulator/index.js";
import type { EmuResponse } from "../../src/emulator/http.js";
import type { Operation } from "../../src/emulator/operation.js";
import { Router } from "../../src/emulator/router.js";
import { validateAdf } from "../../src/emulator/adf/index.js";
import { executeMapping } from "../../src/tools/execute.js";
import { ALL_MCP_TOOLS, createMcpSurface, isEnabled } from "../../src/tools/mcp/surface.js";
import { markdownToAdf, markdownToStorage } from "../../src/tools/mcp/markdown.js";
import { createRestSurface } from "../../src/tools/rest/surface.js";
import { toolNameOf } from "../../src/tools/names.js";
import type { HttpCall } from "../../src/tools/types.js";

/** Query parameters (spec names) of every route the MCP tools use; stubs stand in for operations not registered yet. */
const ROUTES: ReadonlyArray<readonly [Operation["method"], string, readonly string[], boolean]> = [
  ["GET", "/rest/api/3/user", ["accountId"], false],
  ["GET", "/rest/api/3/user/search", ["query"], false],
  ["GET", "/rest/api/3/issue/{issueIdOrKey}", ["fields", "expand"], false],
  ["GET", "/rest/api/3/search/jql", ["jql", "fields", "maxResults", "nextPageToken", "expand"], false],
  ["GET", "/rest/api/3/issue/{issueIdOrKey}/transitions", [], false],
  ["POST", "/rest/api/3/issue/{issueIdOrKey}/transitions", [], true],
  ["POST", "/rest/api/3/issue", [], true],
  ["POST", "/rest/api/3/issue/bulk", [], true],
  ["PUT", "/rest/api/3/issue/{issueIdOrKey}", [], true],
  ["DELETE", "/rest/api/3/issue/{issueIdOrKey}", [], false],
  ["POST", "/rest/api/3/issue/{issueIdOrKey}/comment", [], true],
  ["POST", "/rest/api/3/issueLink", [], true],
  ["GET", "/rest/api/3/issueLinkType", [], false],
  ["GET", "/rest/api/3/project/search", ["status"], false],
  ["GET", "/rest/api/3/field", [], false],
  ["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes", [], false],
  ["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", [], false],
  ["GET", "/wiki/rest/api/search", ["cql", "limit"], false],
  ["GET", "/wiki/api/v2/pages/{id}", ["body-format"], false],
  ["GET", "/wiki/api/v2/pages", ["space-id", "title", "body-format"], false],
  ["GET", "/wiki/api/v2/spaces", ["keys"], false],
  ["GET", "/wiki/api/v2/pages/{id}/children", ["limit"], false],
  ["GET", "/wiki/api/v2/pages/{id}/footer-comments", ["body-format"], false],
  ["GET", "/wiki/api/v2/pages/{id}/labels", [], false],
  ["POST", "/wiki/rest/api/content/{id}/label", [], true],
  ["POST", "/wiki/api/v2/pages", [], true],
  ["PUT", "/wiki/api/v2/pages/{id}", [], true],
  ["DELETE", "/wiki/api/v2/pages/{id}", [], false],
  ["POST", "/wiki/api/v2/footer-comments", [], true],
];

const key = (method: string, path: string) => `${method} ${path}`;
const registered = new Map(emulator.operations.map((o) => [key(o.method, o.path), o]));
const stubs: Operation[] = ROUTES.filter(([m, p]) => !registered.has(key(m, p))).map(([method, path, query, hasBody]) => ({
  id: `stub.${method.toLowerCase()}${path.replace(/[^A-Za-z]+/g, " ").replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`,
  product: path.startsWith("/wiki") ? "confluence" : "jira",
  method,
  path,
  summary: "Stub.",
  query: { type: "object", properties: Object.fromEntries(query.map((q) => [q, {}])) },
  ...(hasBody ? { body: {} } : {}),
  mutates: method !== "GET",
  run: () => ({ status: 200, body: {} }),
}));
/** Registered operations where they exist, stubs elsewhere: every MCP tool maps, and real schemas win. */
const operations: readonly Operation[] = [...emulator.operations, ...stubs];
const mcp = createMcpSurface(operations);
const rest = createRestSurface(operations);
const restName = (method: string, path: string) => toolNameOf(operations.find((o) => o.method === method && o.path === path)!.id);

const ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
const ESSENTIAL = "summary,status,issuetype,priority,assignee,reporter,labels,created,updated";
const adf = (...content: unknown[]) => ({ type: "doc", version: 1, content });
const para = (...content: unknown[]) => ({ type: "paragraph", content });

/** Canned answers to the lookups MCP tools make; everything else succeeds with `{}`. */
function fakeSend(call: HttpCall): EmuResponse {
  if (call.path === "/rest/api/3/user/search")
    return { status: 200, body: [{ accountId: ACCOUNT, emailAddress: "dana@example.com", displayName: "Dana Scully" }] };
  if (call.path === "/wiki/api/v2/spaces") return { status: 200, body: { results: [{ id: "98765", key: "DEV" }] } };
  if (call.method === "GET" && call.path === "/wiki/api/v2/pages/123") return { status: 200, body: { id: "123", version: { number: 4 } } };
  return { status: 200, body: {} };
}

interface Case {
  tool: string;
  args: Record<string, unknown>;
  /** The same requests through the rest surface: route and rest-style arguments. */
  rest: Array<[string, string, Record<string, unknown>]>;
}

const CASES: Case[] = [
  { tool: "jira_get_user_profile", args: { user_identifier: ACCOUNT }, rest: [["GET", "/rest/api/3/user", { accountId: ACCOUNT }]] },
  {
    tool: "jira_get_user_profile",
    args: { user_identifier: "dana@example.com" },
    rest: [["GET", "/rest/api/3/user/search", { query: "dana@example.com" }]],
  },
  {
    tool: "jira_get_issue",
    args: { issue_key: "OPS-1", fields: "summary,status", expand: "transitions" },
    rest: [["GET", "/rest/api/3/issue/{issueIdOrKey}", { issueIdOrKey: "OPS-1", fields: "summary,status", expand: "transitions" }]],
  },
  {
    tool: "jira_search",
    args: { jql: "project = OPS", limit: 5 },
    rest: [["GET", "/rest/api/3/search/jql", { jql: "project = OPS", fields: ESSENTIAL, maxResults: 5 }]],
  },
  {
    tool: "jira_search",
    args: { jql: "labels = infra", fields: "summary", page_token: "tok", expand: "names" },
    rest: [
      [
        "GET",
        "/rest/api/3/search/jql",
        { jql: "labels = infra", fields: "summary", maxResults: 10, nextPageToken: "tok", expand: "names" },
      ],
    ],
  },
  {
    tool: "jira_get_project_issues",
    args: { project_key: "OPS", limit: 3 },
    rest: [["GET", "/rest/api/3/search/jql", { jql: 'project = "OPS" ORDER BY created DESC', fields: ESSENTIAL, maxResults: 3 }]],
  },
  {
    tool: "jira_get_transitions",
    args: { issue_key: "OPS-1" },
    rest: [["GET", "/rest/api/3/issue/{issueIdOrKey}/transitions", { issueIdOrKey: "OPS-1" }]],
  },
  {
    tool: "jira_transition_issue",
    args: { issue_key: "OPS-1", transition_id: 31, fields: '{"resolution": {"name": "Done"}}', comment: "Fixed in **v2**" },
    rest: [
      [
        "POST",
        "/rest/api/3/issue/{issueIdOrKey}/transitions",
        {
          issueIdOrKey: "OPS-1",
          body: {
            transition: { id: "31" },
            fields: { resolution: { name: "Done" } },
            update: {
              comment: [
                {
                  add: { body: adf(para({ type: "text", text: "Fixed in " }, { type: "text", text: "v2", marks: [{ type: "strong" }] })) },
                },
              ],
            },
          },
        },
      ],
    ],
  },
  {
    tool: "jira_create_issue",
    args: {
      project_key: "OPS",
      summary: "Disk full",
      issue_type: "Bug",
      assignee: "Dana Scully",
      description: "Disk at 95%",
      additional_fields: { priority: { name: "High" }, labels: ["infra"], parent: "OPS-1" },
    },
    rest: [
      ["GET", "/rest/api/3/user/search", { query: "Dana Scully" }],
      [
        "POST",
        "/rest/api/3/issue",
        {
          body: {
            fields: {
              project: { key: "OPS" },
              summary: "Disk full",
              issuetype: { name: "Bug" },
              description: adf(para({ type: "text", text: "Disk at 95%" })),
              assignee: { accountId: ACCOUNT },
              priority: { name: "High" },
              labels: ["infra"],
              parent: { key: "OPS-1" },
            },
          },
        },
      ],
    ],
  },
  {
    tool: "jira_create_issue",
    args: { project_key: "OPS", summary: "Sub", issue_type: "10003", assignee: `accountid:${ACCOUNT}`, components: "API, Web" },
    rest: [
      [
        "POST",
        "/rest/api/3/issue",
        {
          body: {
            fields: {
              project: { key: "OPS" },
              summary: "Sub",
              issuetype: { id: "10003" },
              assignee: { accountId: ACCOUNT },
              components: [{ name: "API" }, { name: "Web" }],
            },
          },
        },
      ],
    ],
  },
  {
    tool: "jira_batch_create_issues",
    args: {
      issues: JSON.stringify([
        { project_key: "OPS", summary: "A", issue_type: "Task" },
        { project_key: "OPS", summary: "B", issue_type: "Bug", assignee: ACCOUNT },
      ]),
    },
    rest: [
      [
        "POST",
        "/rest/api/3/issue/bulk",
        {
          body: {
            issueUpdates: [
              { fields: { project: { key: "OPS" }, summary: "A", issuetype: { name: "Task" } } },
              { fields: { project: { key: "OPS" }, summary: "B", issuetype: { name: "Bug" }, assignee: { accountId: ACCOUNT } } },
            ],
          },
        },
      ],
    ],
  },
  {
    tool: "jira_update_issue",
    args: { issue_key: "OPS-2", fields: `{"summary": "New title", "assignee": "${ACCOUNT}"}`, additional_fields: { labels: ["ui"] } },
    rest: [
      [
        "PUT",
        "/rest/api/3/issue/{issueIdOrKey}",
        { issueIdOrKey: "OPS-2", body: { fields: { summary: "New title", assignee: { accountId: ACCOUNT }, labels: ["ui"] } } },
      ],
    ],
  },
  {
    tool: "jira_delete_issue",
    args: { issue_key: "OPS-3" },
    rest: [["DELETE", "/rest/api/3/issue/{issueIdOrKey}", { issueIdOrKey: "OPS-3" }]],
  },
  {
    tool: "jira_add_comment",
    args: { issue_key: "OPS-1", body: "Looks good" },
    rest: [
      [
        "POST",
        "/rest/api/3/issue/{issueIdOrKey}/comment",
        { issueIdOrKey: "OPS-1", body: { body: adf(para({ type: "text", text: "Looks good" })) } },
      ],
    ],
  },
  {
    tool: "jira_create_issue_link",
    args: { link_type: "Blocks", inward_issue_key: "OPS-1", outward_issue_key: "OPS-2", comment: "See" },
    rest: [
      [
        "POST",
        "/rest/api/3/issueLink",
        {
          body: {
            type: { name: "Blocks" },
            inwardIssue: { key: "OPS-1" },
            outwardIssue: { key: "OPS-2" },
            comment: { body: adf(para({ type: "text", text: "See" })) },
          },
        },
      ],
    ],
  },
  { tool: "jira_get_link_types", args: {}, rest: [["GET", "/rest/api/3/issueLinkType", {}]] },
  {
    tool: "jira_get_all_projects",
    args: { include_archived: true },
    rest: [["GET", "/rest/api/3/project/search", { status: ["live", "archived"] }]],
  },
  { tool: "jira_get_all_projects", args: {}, rest: [["GET", "/rest/api/3/project/search", {}]] },
  { tool: "jira_search_fields", args: {}, rest: [["GET", "/rest/api/3/field", {}]] },
  {
    tool: "jira_get_project_issue_types",
    args: { project_key: "OPS" },
    rest: [["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes", { projectIdOrKey: "OPS" }]],
  },
  {
    tool: "jira_get_create_fields",
    args: { project_key: "OPS", issue_type_id: "10001" },
    rest: [
      ["GET", "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", { projectIdOrKey: "OPS", issueTypeId: "10001" }],
    ],
  },
  {
    tool: "confluence_search",
    args: { query: "release notes", spaces_filter: "DEV, OPS", limit: 5 },
    rest: [["GET", "/wiki/rest/api/search", { cql: '(text ~ "release notes") AND (space = "DEV" OR space = "OPS")', limit: 5 }]],
  },
  {
    tool: "confluence_search",
    args: { query: 'type = page AND label = "runbook"' },
    rest: [["GET", "/wiki/rest/api/search", { cql: 'type = page AND label = "runbook"', limit: 10 }]],
  },
  {
    tool: "confluence_get_page",
    args: { page_id: 123 },
    rest: [["GET", "/wiki/api/v2/pages/{id}", { id: "123", "body-format": "storage" }]],
  },
  {
    tool: "confluence_get_page",
    args: { title: "Runbook", space_key: "DEV" },
    rest: [
      ["GET", "/wiki/api/v2/spaces", { keys: "DEV" }],
      ["GET", "/wiki/api/v2/pages", { "space-id": "98765", title: "Runbook", "body-format": "storage" }],
    ],
  },
  {
    tool: "confluence_get_page_children",
    args: { parent_id: "123", limit: 10 },
    rest: [["GET", "/wiki/api/v2/pages/{id}/children", { id: "123", limit: 10 }]],
  },
  {
    tool: "confluence_get_comments",
    args: { page_id: "123" },
    rest: [["GET", "/wiki/api/v2/pages/{id}/footer-comments", { id: "123", "body-format": "storage" }]],
  },
  { tool: "confluence_get_labels", args: { page_id: "123" }, rest: [["GET", "/wiki/api/v2/pages/{id}/labels", { id: "123" }]] },
  {
    tool: "confluence_add_label",
    args: { page_id: "123", name: "reviewed" },
    rest: [["POST", "/wiki/rest/api/content/{id}/label", { id: "123", body: [{ prefix: "global", name: "reviewed" }] }]],
  },
  {
    tool: "confluence_create_page",
    args: { space_key: "DEV", title: "Runbook", content: "# Steps\n\n1. Check <disk>\n2. Fix", parent_id: "123" },
    rest: [
      ["GET", "/wiki/api/v2/spaces", { keys: "DEV" }],
      [
        "POST",
        "/wiki/api/v2/pages",
        {
          body: {
            spaceId: "98765",
            status: "current",
            title: "Runbook",
            parentId: "123",
            body: { representation: "storage", value: "<h1>Steps</h1><ol><li>Check &lt;disk&gt;</li><li>Fix</li></ol>" },
          },
        },
      ],
    ],
  },
  {
    tool: "confluence_update_page",
    args: { page_id: "123", title: "Runbook", content: "<p>x</p>", content_format: "storage", version_comment: "typo" },
    rest: [
      ["GET", "/wiki/api/v2/pages/{id}", { id: "123" }],
      [
        "PUT",
        "/wiki/api/v2/pages/{id}",
        {
          id: "123",
          body: {
            id: "123",
            status: "current",
            title: "Runbook",
            body: { representation: "storage", value: "<p>x</p>" },
            version: { number: 5, message: "typo" },
          },
        },
      ],
    ],
  },
  { tool: "confluence_delete_page", args: { page_id: "123" }, rest: [["DELETE", "/wiki/api/v2/pages/{id}", { id: "123" }]] },
  {
    tool: "confluence_add_comment",
    args: { page_id: "123", body: "Thanks" },
    rest: [
      ["POST", "/wiki/api/v2/footer-comments", { body: { pageId: "123", body: { representation: "storage", value: "<p>Thanks</p>" } } }],
    ],
  },
];

function restRequests(c: Case): HttpCall[] {
  return c.rest.map(([method, path, args]) => {
    const mapping = rest.toRequest(restName(method, path), args);
    assert.ok(mapping.ok, `${c.tool}: rest ${method} ${path}: ${mapping.ok ? "" : mapping.reason}`);
    return mapping.request;
  });
}

test("every MCP tool has an equivalence case", () => {
  assert.deepEqual(new Set(CASES.map((c) => c.tool)), new Set(ALL_MCP_TOOLS.map((t) => t.name)));
  assert.deepEqual(
    mcp.names,
    ALL_MCP_TOOLS.map((t) => t.name),
  );
});

test("the mcp and rest surfaces produce identical requests for equivalent calls", () => {
  for (const c of CASES) {
    const executed = executeMapping(mcp, mcp.toRequest(c.tool, c.args), fakeSend);
    assert.equal(executed.rejection, undefined, `${c.tool}: ${executed.rejection?.reason ?? ""}`);
    assert.deepStrictEqual(
      executed.exchanges.map((e) => e.request),
      restRequests(c),
      c.tool,
    );
  }
});

test("only tools whose operations are all registered are offered", () => {
  const live = createMcpSurface(emulator.operations);
  assert.deepEqual(
    live.names,
    ALL_MCP_TOOLS.filter((t) => isEnabled(t, emulator.operations)).map((t) => t.name),
  );
  assert.deepEqual(createMcpSurface([]).names, []);
});

test("on the real emulator, every enabled MCP tool's requests route to registered operations without server errors", () => {
  const live = createMcpSurface(emulator.operations);
  const router = new Router(emulator.operations);
  const site = generateSite({ seed: 3 }).fork();
  const authorization = `Basic ${Buffer.from(`admin@example.com:${site.meta.adminToken}`).toString("base64")}`;
  const send = (call: HttpCall) =>
    handle(site, {
      method: call.method,
      path: call.path,
      query: call.query,
      headers: { authorization },
      ...(call.body !== undefined ? { json: call.body } : {}),
    });
  for (const c of CASES.filter((c) => live.has(c.tool))) {
    const executed = executeMapping(live, live.toRequest(c.tool, c.args), send);
    for (const { request, response } of executed.exchanges) {
      assert.equal(router.match(request.method, request.path).kind, "match", `${c.tool}: ${request.method} ${request.path}`);
      assert.ok(response.status < 500, `${c.tool}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
});

test("MCP tool specs compile and keep the server's argument names", () => {
  const ajv = new Ajv({ strict: false });
  for (const spec of mcp.tools()) {
    ajv.compile(spec.parameters);
    assert.match(spec.name, /^(jira|confluence)_[a-z_]+$/);
  }
  const [create] = mcp.tools(["jira_create_issue"]);
  assert.deepEqual((create!.parameters as { required: string[] }).required, ["project_key", "summary", "issue_type"]);
});

test("lookups that find nothing, or too much, fail the call with a reason", () => {
  const noUsers = (call: HttpCall): EmuResponse => (call.path.endsWith("/user/search") ? { status: 200, body: [] } : fakeSend(call));
  const create = { project_key: "OPS", summary: "S", issue_type: "Task", assignee: "nobody" };
  const none = executeMapping(mcp, mcp.toRequest("jira_create_issue", create), noUsers);
  assert.equal(none.rejection?.label, "lookup_failed");
  assert.equal(none.exchanges.length, 1);
  assert.equal(none.result, "HTTP 200\n[]\nError: No user found for 'nobody'.");

  const two = [
    { accountId: "a1", displayName: "Dana One" },
    { accountId: "a2", displayName: "Dana Two" },
  ];
  const many = executeMapping(mcp, mcp.toRequest("jira_create_issue", { ...create, assignee: "dana" }), (c) =>
    c.path.endsWith("/user/search") ? { status: 200, body: two } : fakeSend(c),
  );
  assert.match(many.rejection?.reason ?? "", /matches several users: Dana One \(a1\), Dana Two \(a2\)/);

  const noSpace = executeMapping(mcp, mcp.toRequest("confluence_create_page", { space_key: "NOPE", title: "T", content: "c" }), (c) =>
    c.path.endsWith("/spaces") ? { status: 200, body: { results: [] } } : fakeSend(c),
  );
  assert.equal(noSpace.rejection?.reason, "No space with key 'NOPE' was found.");

  const noVersion = executeMapping(mcp, mcp.toRequest("confluence_update_page", { page_id: "9", title: "T", content: "c" }), () => ({
    status: 200,
    body: {},
  }));
  assert.equal(noVersion.rejection?.label, "lookup_failed");
});

test("a chain stops at the first HTTP error, which reaches the model in the API's words", () => {
  const denied = { errors: [{ status: 401, code: "UNAUTHORIZED", title: "Unauthorized; scope does not match", detail: null }] };
  const executed = executeMapping(mcp, mcp.toRequest("confluence_create_page", { space_key: "DEV", title: "T", content: "c" }), () => ({
    status: 401,
    body: denied,
  }));
  assert.equal(executed.exchanges.length, 1);
  assert.equal(executed.rejection, undefined);
  assert.equal(executed.result, `HTTP 401\n${JSON.stringify(denied)}`);
});

test("argument problems are schema violations in the MCP server's manner", () => {
  const reason = (tool: string, args: unknown) => {
    const m = mcp.toRequest(tool, args);
    return m.ok ? "ok" : `${m.label}: ${m.reason}`;
  };
  assert.equal(
    reason("jira_create_issue", { project_key: "OPS", summary: "S" }),
    "schema_violation: Missing required argument 'issue_type'.",
  );
  assert.match(
    reason("jira_create_issue", { project_key: "OPS", summary: "S", issue_type: "Bug", additional_fields: "{oops" }),
    /^schema_violation: Argument 'additional_fields' is not valid JSON/,
  );
  assert.match(reason("jira_get_issue", { issue_key: "A-1", fieldz: "x" }), /^schema_violation: Unknown argument 'fieldz'/);
  assert.match(reason("jira_search", { jql: "x", limit: 500 }), /must be an integer from 1 to 50/);
  assert.match(reason("confluence_get_page", { title: "T" }), /Either 'page_id' OR both 'title' and 'space_key'/);
  assert.match(
    reason("confluence_create_page", { space_key: "D", title: "T", content: "c", content_format: "html" }),
    /Invalid content_format: html/,
  );
  assert.match(
    reason("jira_batch_create_issues", { issues: '[{"project_key": "OPS"}]' }),
    /^schema_violation: issues\[0\]: Missing required argument 'summary'/,
  );
  assert.match(reason("jira_get_issue", { issue_key: " " }), /^schema_violation: Argument 'issue_key' must be a non-empty key or id\.$/);
  // An empty summary is the API's to reject, in its own words.
  assert.equal(reason("jira_create_issue", { project_key: "OPS", summary: "", issue_type: "Bug" }), "ok");
  assert.match(reason("jira_nope", {}), /^unknown_tool/);
});

test("any arguments to any MCP tool end in a mapping or a rejection, never an exception", () => {
  const names = ALL_MCP_TOOLS.map((t) => t.name);
  fc.assert(
    fc.property(
      fc.constantFrom(...names),
      fc.dictionary(
        fc.constantFrom("issue_key", "fields", "body", "page_id", "title", "content", "issues", "__proto__", "jql"),
        fc.jsonValue(),
      ),
      (name, args) => {
        const executed = executeMapping(mcp, mcp.toRequest(name, args), fakeSend);
        assert.equal(typeof executed.result, "string");
      },
    ),
    { numRuns: 400 },
  );
});

test("Markdown becomes valid ADF and well-formed storage format", () => {
  const source =
    "# Title\n\nSome **bold**, *italic*, `code` and [a link](https://example.com).\nSecond line\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n---\n\n```ts\nconst x = 1; // ]]> inside\n```";
  const doc = markdownToAdf(source);
  const checked = validateAdf(doc);
  assert.ok(checked.ok, checked.ok ? "" : checked.message);
  assert.deepEqual(
    doc.content.map((n) => n.type),
    ["heading", "paragraph", "bulletList", "orderedList", "blockquote", "rule", "codeBlock"],
  );
  assert.ok(doc.content[1]!.content!.some((n) => n.type === "hardBreak"));
  const storage = markdownToStorage(source);
  assert.match(
    storage,
    /^<h1>Title<\/h1><p>Some <strong>bold<\/strong>, <em>italic<\/em>, <code>code<\/code> and <a href="https:\/\/example.com">a link<\/a>\.<br \/>Second line<\/p><ul><li>one<\/li><li>two<\/li><\/ul><ol>/,
  );
  assert.match(
    storage,
    /<hr \/><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts<\/ac:parameter><ac:plain-text-body><!\[CDATA\[const x = 1; \/\/ ]]]]><!\[CDATA\[> inside\]\]><\/ac:plain-text-body><\/ac:structured-macro>$/,
  );
  assert.equal(markdownToStorage("a < b & c"), "<p>a &lt; b &amp; c</p>");
  assert.deepEqual(markdownToAdf(""), { type: "doc", version: 1, content: [] });
});
