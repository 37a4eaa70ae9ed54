import { test } from "node:test";
import assert from "node:assert/strict";
import { generateSite } from "../../src/emulator/index.js";
import { runEpisode, type EpisodeOptions } from "../../src/agent/index.js";
import type { AssistantTurn, Policy, PolicyRequest } from "../../src/policy/types.js";
import { getSurface } from "../../src/tools/index.js";
import type { ToolSurface } from "../../src/tools/types.js";
import { renderExchanges } from "../../src/tools/render.js";
import { validateTrace, withoutTiming, type Trace } from "../../src/trace/index.js";

const world = generateSite({ seed: 11 });
const rest = getSurface("rest");

/** A policy that plays back fixed turns and records what it was shown. */
function scripted(turns: Array<Partial<AssistantTurn>>, id = "scripted"): Policy & { seen: PolicyRequest[] } {
  const seen: PolicyRequest[] = [];
  return {
    id,
    seen,
    async next(request) {
      seen.push(request);
      const turn = turns[seen.length - 1] ?? { content: "done" };
      return { content: "", toolCalls: [], unparsed: [], ...turn };
    },
  };
}

/** A clock that ticks 1.5 ms per reading from a fixed epoch. */
function fakeClock(): () => number {
  let now = Date.UTC(2026, 0, 1);
  return () => (now += 1.5);
}

function options(policy: Policy, overrides: Partial<EpisodeOptions> = {}): EpisodeOptions {
  return {
    site: world.fork(),
    surface: rest,
    toolNames: ["jira_get_current_user"],
    instruction: "Who am I on this site?",
    policy,
    maxTurns: 4,
    seed: 11,
    taskId: "whoami-1",
    scenario: "whoami",
    ...overrides,
  };
}

function valid(trace: Trace): Trace {
  const checked = validateTrace(JSON.parse(JSON.stringify(trace)));
  assert.ok(checked.ok, checked.ok ? "" : checked.errors.join("\n"));
  return trace;
}

const mixedTurns: Array<Partial<AssistantTurn>> = [
  {
    content: "Let me check.",
    toolCalls: [
      { id: "c1", name: "jira_get_current_user", argumentsText: '{"expand": "groups"}' },
      { id: "c2", name: "jira_whoami", argumentsText: "{}" },
      { id: "c3", name: "jira_get_current_user", argumentsText: '{"expand": ' },
      { id: "c4", name: "jira_get_current_user", argumentsText: '{"body": {}}' },
    ],
    unparsed: [{ text: '<tool_call>{"name": jira_get_current_user}</tool_call>', error: "invalid JSON: Unexpected token j" }],
    usage: { promptTokens: 300, completionTokens: 40 },
    finishReason: "tool_calls",
  },
  { content: "You are Site Admin.", usage: { promptTokens: 500, completionTokens: 8 }, finishReason: "stop" },
];

test("a scripted episode records calls, unknown tools, bad JSON, schema violations and unparsed attempts, then the answer", async () => {
  const policy = scripted(mixedTurns);
  const trace = valid(await runEpisode(options(policy)));
  assert.equal(trace.stopReason, "final_answer");
  assert.equal(trace.finalAnswer, "You are Site Admin.");
  assert.equal(trace.turnCount, 2);
  assert.equal(trace.toolCallCount, 5);
  assert.deepEqual(trace.usage, { promptTokens: 800, completionTokens: 48 });
  assert.equal(trace.surface, "rest");
  assert.equal(trace.policyId, "scripted");
  assert.equal(trace.episodeId, "whoami-1#11");

  const [ok, unknown, badJson, violation, unparsed] = trace.turns[0]!.calls;
  assert.equal(ok!.status, 200);
  assert.deepEqual(ok!.arguments, { expand: "groups" });
  assert.deepEqual(
    ok!.requests.map((r) => [r.method, r.path, r.query, r.status]),
    [["GET", "/rest/api/3/myself", { expand: "groups" }, 200]],
  );
  assert.equal((ok!.requests[0]!.responseBody as { emailAddress: string }).emailAddress, "admin@example.com");
  assert.equal(
    ok!.result,
    renderExchanges([
      {
        request: { method: "GET", path: "/rest/api/3/myself", query: { expand: "groups" } },
        response: { status: 200, body: ok!.requests[0]!.responseBody },
      },
    ]),
  );

  assert.equal(unknown!.rejection?.label, "unknown_tool");
  assert.equal(unknown!.result, "Error: Unknown tool 'jira_whoami'. Available tools: jira_get_current_user.");
  assert.equal(unknown!.status, null);
  assert.equal(badJson!.rejection?.label, "invalid_json");
  assert.ok(badJson!.parseError && !("arguments" in badJson!));
  assert.equal(violation!.rejection?.label, "schema_violation");
  assert.match(violation!.result, /^Error: Unknown argument 'body'/);
  assert.deepEqual([unparsed!.name, unparsed!.id, unparsed!.rejection?.label], [null, "unparsed_0_0", "invalid_json"]);

  // The conversation: system, user, assistant with its calls, one tool result per call, final assistant.
  assert.deepEqual(
    trace.messages.map((m) => m.role),
    ["system", "user", "assistant", "tool", "tool", "tool", "tool", "tool", "assistant"],
  );
  const toolMessages = trace.messages.filter((m) => m.role === "tool");
  assert.deepEqual(
    toolMessages.map((m) => m.toolCallId),
    ["c1", "c2", "c3", "c4", "unparsed_0_0"],
  );
  // The second turn saw every tool result; the tools offered are the ones asked for.
  assert.equal(policy.seen[1]!.messages.length, 8);
  assert.deepEqual(
    policy.seen[0]!.tools.map((t) => t.name),
    ["jira_get_current_user"],
  );
  assert.match(trace.messages[0]!.content, /https:\/\/\w+\.atlassian\.net/);
});

test("the turn budget stops an agent that never answers", async () => {
  const looping: Policy = {
    id: "looping",
    next: async () => ({ content: "", toolCalls: [{ id: "x", name: "jira_get_current_user", argumentsText: "" }], unparsed: [] }),
  };
  const trace = valid(await runEpisode(options(looping, { maxTurns: 3 })));
  assert.equal(trace.stopReason, "budget_exhausted");
  assert.equal(trace.turnCount, 3);
  assert.equal(trace.toolCallCount, 3);
  assert.equal(trace.finalAnswer, null);
  assert.ok(trace.turns.every((t) => t.calls[0]!.status === 200));
});

test("the token budget stops between turns", async () => {
  const chatty: Policy = {
    id: "chatty",
    next: async () => ({
      content: "",
      toolCalls: [{ id: "x", name: "jira_get_current_user", argumentsText: "{}" }],
      unparsed: [],
      usage: { promptTokens: 10, completionTokens: 100 },
    }),
  };
  const trace = valid(await runEpisode(options(chatty, { maxTurns: 10, maxTokens: 250 })));
  assert.equal(trace.stopReason, "token_budget");
  assert.equal(trace.turnCount, 3);
  assert.equal(trace.usage.completionTokens, 300);
});

test("a failing policy ends the episode with policy_error; an abort with aborted", async () => {
  const broken: Policy = {
    id: "broken",
    next: async () => {
      throw new Error("connection refused");
    },
  };
  const failed = valid(await runEpisode(options(broken)));
  assert.deepEqual([failed.stopReason, failed.error, failed.turnCount], ["policy_error", "connection refused", 0]);

  const controller = new AbortController();
  controller.abort();
  const aborted = valid(await runEpisode(options(scripted(mixedTurns), { signal: controller.signal })));
  assert.equal(aborted.stopReason, "aborted");
});

test("API errors reach the model in the API's own words", async () => {
  const policy = scripted([{ toolCalls: [{ id: "a", name: "jira_get_current_user", argumentsText: "{}" }] }]);
  const trace = valid(await runEpisode(options(policy, { credentials: { email: "admin@example.com", apiToken: "wrong" } })));
  const call = trace.turns[0]!.calls[0]!;
  assert.equal(call.status, 401);
  assert.equal(call.result, `HTTP 401\n${JSON.stringify(call.requests[0]!.responseBody)}`);
  assert.match(call.result, /You are not authenticated/);

  // A surface whose tool points at no endpoint: the product's 404 comes back verbatim.
  const nowhere: ToolSurface = {
    ...rest,
    name: "test",
    names: ["nowhere"],
    has: (name) => name === "nowhere",
    tools: () => [{ name: "nowhere", description: "", parameters: { type: "object" } }],
    toRequest: () => ({ ok: true, request: { method: "GET", path: "/rest/api/3/nowhere", query: {} } }),
  };
  const lost = valid(
    await runEpisode(
      options(scripted([{ toolCalls: [{ id: "n", name: "nowhere", argumentsText: "{}" }] }]), { surface: nowhere, toolNames: ["nowhere"] }),
    ),
  );
  assert.equal(lost.turns[0]!.calls[0]!.status, 404);
  assert.match(lost.turns[0]!.calls[0]!.result, /^HTTP 404\n\{"errorMessages":\[/);
});

test("missing or repeated call ids are made unique within a turn", async () => {
  const policy = scripted([
    {
      toolCalls: [
        { id: "", name: "jira_get_current_user", argumentsText: "{}" },
        { id: "same", name: "jira_get_current_user", argumentsText: "{}" },
        { id: "same", name: "jira_get_current_user", argumentsText: "{}" },
      ],
    },
  ]);
  const trace = valid(await runEpisode(options(policy)));
  assert.deepEqual(
    trace.turns[0]!.calls.map((c) => c.id),
    ["call_0_0", "same", "call_0_2"],
  );
});

test("same inputs and an injected clock give a byte-identical trace; timing is all that differs otherwise", async () => {
  const run = (clock?: () => number) => runEpisode(options(scripted(mixedTurns), clock ? { clock } : {}));
  const [a, b] = [await run(fakeClock()), await run(fakeClock())];
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.timing.startedAt, "2026-01-01T00:00:00.001Z");
  assert.ok(a.timing.durationMs > 0);
  const [c, d] = [await run(), await run()];
  assert.equal(JSON.stringify(withoutTiming(c)), JSON.stringify(withoutTiming(d)));
  assert.equal(JSON.stringify(withoutTiming(a)), JSON.stringify(withoutTiming(c)));
});

test("an episode's writes stay in its own fork", async () => {
  const site = world.fork();
  const before = site.changedRecords;
  await runEpisode(options(scripted(mixedTurns), { site }));
  assert.equal(site.changedRecords, before, "reads change nothing");
  assert.equal(world.fork().changedRecords, 0);
});
