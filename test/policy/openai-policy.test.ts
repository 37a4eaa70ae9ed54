import { test } from "node:test";
import assert from "node:assert/strict";
import { PolicyError } from "../../src/policy/errors.js";
import { OpenAIPolicy, type OpenAIPolicyOptions, type RetryEvent } from "../../src/policy/openai/openai-policy.js";
import type { Message, ToolSpec } from "../../src/policy/types.js";
import { chatCompletion, errorBody, OpenAIWireServer, type Responder, type ScriptedReply } from "./support/openai-wire-server.js";

const tools: ToolSpec[] = [
  {
    name: "jira_get_issue",
    description: "Get a Jira issue.",
    parameters: { type: "object", properties: { issueIdOrKey: { type: "string" } }, required: ["issueIdOrKey"] },
  },
  {
    name: "jira_transition_issue",
    description: "Move an issue to another status.",
    parameters: {
      type: "object",
      properties: { issueIdOrKey: { type: "string" }, transition: { type: "object", properties: { id: { type: "string" } } } },
    },
  },
];

const history: Message[] = [
  { role: "system", content: "You act on a Jira site." },
  { role: "user", content: "Close OPS-1." },
  { role: "assistant", content: "", toolCalls: [{ id: "call_0_0", name: "jira_get_issue", argumentsText: '{"issueIdOrKey": "OPS-1"}' }] },
  { role: "tool", toolCallId: "call_0_0", name: "jira_get_issue", content: '{"status":200,"body":{"key":"OPS-1"}}' },
];

async function withServer(responder: Responder, run: (server: OpenAIWireServer) => Promise<void>): Promise<void> {
  const server = await OpenAIWireServer.start(responder);
  try {
    await run(server);
    assert.deepEqual(server.violations, [], "the client broke the wire format");
  } finally {
    await server.close();
  }
}

/** Records the waits instead of sleeping, so retry tests are instant and their delays exact. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

const policyFor = (server: OpenAIWireServer, options: Partial<OpenAIPolicyOptions> = {}) =>
  new OpenAIPolicy({ baseUrl: server.baseUrl, model: "test-model", ...options });

test("native mode sends tools with tool_choice auto and the history in OpenAI's format, and reads tool_calls back", async () => {
  const reply = chatCompletion(
    {
      content: null,
      tool_calls: [
        {
          id: "call_abc",
          type: "function",
          function: { name: "jira_transition_issue", arguments: '{"issueIdOrKey":"OPS-1","transition":{"id":"31"}}' },
        },
      ],
    },
    "tool_calls",
    { prompt: 120, completion: 25 },
  );
  await withServer(
    () => ({ body: reply }),
    async (server) => {
      const policy = policyFor(server, { apiKey: "sk-test", temperature: 0.2, topP: 0.9, maxTokens: 64, seed: 5, stop: ["</s>"] });
      const turn = await policy.next({ messages: history, tools });
      assert.deepEqual(turn.toolCalls, [
        { id: "call_abc", name: "jira_transition_issue", argumentsText: '{"issueIdOrKey":"OPS-1","transition":{"id":"31"}}' },
      ]);
      assert.deepEqual(turn.unparsed, []);
      assert.equal(turn.content, "");
      assert.equal(turn.finishReason, "tool_calls");
      assert.deepEqual(turn.usage, { promptTokens: 120, completionTokens: 25 });

      const [request] = server.requests;
      assert.equal(request?.headers.authorization, "Bearer sk-test");
      const body = request?.body ?? {};
      assert.equal(body.model, "test-model");
      assert.equal(body.stream, false);
      assert.equal(body.tool_choice, "auto");
      assert.deepEqual(body.tools, [
        { type: "function", function: { name: "jira_get_issue", description: "Get a Jira issue.", parameters: tools[0]?.parameters } },
        {
          type: "function",
          function: { name: "jira_transition_issue", description: "Move an issue to another status.", parameters: tools[1]?.parameters },
        },
      ]);
      assert.deepEqual(body.messages, [
        { role: "system", content: "You act on a Jira site." },
        { role: "user", content: "Close OPS-1." },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_0_0", type: "function", function: { name: "jira_get_issue", arguments: '{"issueIdOrKey": "OPS-1"}' } }],
        },
        { role: "tool", tool_call_id: "call_0_0", content: '{"status":200,"body":{"key":"OPS-1"}}' },
      ]);
      assert.deepEqual([body.temperature, body.top_p, body.max_tokens, body.seed, body.stop], [0.2, 0.9, 64, 5, ["</s>"]]);
    },
  );
});

test("per-request sampling overrides win over the policy's defaults; no tools means no tools or tool_choice", async () => {
  await withServer(
    () => ({ body: chatCompletion({ content: "Done." }) }),
    async (server) => {
      const turn = await policyFor(server, { temperature: 1, maxTokens: 10 }).next({
        messages: history.slice(0, 2),
        tools: [],
        temperature: 0,
        maxTokens: 32,
        seed: 9,
      });
      assert.equal(turn.content, "Done.");
      assert.equal(turn.finishReason, "stop");
      const body = server.requests[0]?.body ?? {};
      assert.deepEqual([body.temperature, body.max_tokens, body.seed], [0, 32, 9]);
      assert.equal("tools" in body, false);
      assert.equal("tool_choice" in body, false);
      assert.equal(server.requests[0]?.headers.authorization, undefined);
    },
  );
});

test("native mode falls back to text-format calls when the server returns none natively, and keeps nameless calls as unparsed", async () => {
  const replies = [
    chatCompletion({ content: 'Checking.\n<tool_call>\n{"name": "jira_get_issue", "arguments": {"issueIdOrKey": "OPS-2"}}\n</tool_call>' }),
    chatCompletion({ content: null, tool_calls: [{ id: "x", type: "function", function: { arguments: "{}" } }] }, "tool_calls"),
    // Ollama sends arguments as an object.
    chatCompletion(
      { content: "", tool_calls: [{ function: { name: "jira_get_issue", arguments: { issueIdOrKey: "OPS-3" } } }] },
      "tool_calls",
    ),
  ];
  await withServer(
    (_request, index) => ({ body: replies[index] }),
    async (server) => {
      const policy = policyFor(server);
      const text = await policy.next({ messages: history, tools });
      assert.deepEqual(text.toolCalls, [{ id: "call_1_0", name: "jira_get_issue", argumentsText: '{"issueIdOrKey": "OPS-2"}' }]);
      assert.equal(text.content, "Checking.");
      assert.equal(text.finishReason, "tool_calls");

      const nameless = await policy.next({ messages: history, tools });
      assert.deepEqual(nameless.toolCalls, []);
      assert.equal(nameless.unparsed.length, 1);
      assert.match(nameless.unparsed[0]?.error ?? "", /without a function name/);

      const objectArgs = await policy.next({ messages: history, tools });
      assert.deepEqual(objectArgs.toolCalls, [{ id: "call_1_0", name: "jira_get_issue", argumentsText: '{"issueIdOrKey":"OPS-3"}' }]);
    },
  );
});

test("text mode writes tools, calls and results into plain messages and parses calls from the reply text", async () => {
  const replyText =
    'Transitioning now.\n<tool_call>\n{"name": "jira_transition_issue", "arguments": {"issueIdOrKey": "OPS-1", "transition": {"id": "31"}}}\n</tool_call>';
  await withServer(
    () => ({ body: chatCompletion({ content: replyText }) }),
    async (server) => {
      const turn = await policyFor(server, { toolFormat: "text" }).next({ messages: history, tools });
      assert.deepEqual(turn.toolCalls, [
        { id: "call_1_0", name: "jira_transition_issue", argumentsText: '{"issueIdOrKey": "OPS-1", "transition": {"id": "31"}}' },
      ]);
      assert.equal(turn.content, "Transitioning now.");
      assert.equal(turn.raw, replyText);
      assert.equal(turn.finishReason, "tool_calls");

      const body = server.requests[0]?.body ?? {};
      assert.equal("tools" in body, false);
      assert.equal("tool_choice" in body, false);
      const messages = body.messages as { role: string; content: string }[];
      assert.deepEqual(
        messages.map((message) => message.role),
        ["system", "user", "assistant", "user"],
      );
      assert.match(messages[0]?.content ?? "", /^You act on a Jira site\.\n\n# Tools\n[\s\S]*<tools>\n\{"type": "function"/);
      assert.equal(messages[2]?.content, '<tool_call>\n{"name": "jira_get_issue", "arguments": {"issueIdOrKey": "OPS-1"}}\n</tool_call>');
      assert.equal(messages[3]?.content, '<tool_response>\n{"status":200,"body":{"key":"OPS-1"}}\n</tool_response>');
    },
  );
});

test("429 with Retry-After (seconds) and retry-after-ms is retried after exactly the requested wait", async () => {
  const { waits, sleep } = recordingSleep();
  const events: RetryEvent[] = [];
  await withServer(
    (_request, index): ScriptedReply => {
      if (index === 0) return { status: 429, headers: { "retry-after": "2" }, body: errorBody("Rate limit reached", "rate_limit_error") };
      if (index === 1)
        return { status: 429, headers: { "retry-after-ms": "350" }, body: errorBody("Rate limit reached", "rate_limit_error") };
      return { body: chatCompletion({ content: "ok" }) };
    },
    async (server) => {
      const turn = await policyFor(server, { sleep, onRetry: (event) => events.push(event) }).next({ messages: history, tools });
      assert.equal(turn.content, "ok");
      assert.equal(server.requests.length, 3);
      assert.deepEqual(waits, [2000, 350]);
      assert.deepEqual(
        events.map((event) => [event.retry, event.error.status, event.error.retryAfterMs]),
        [
          [1, 429, 2000],
          [2, 429, 350],
        ],
      );
      assert.match(events[0]?.error.message ?? "", /429: Rate limit reached/);
    },
  );
});

test("500s, 503s and dropped connections are retried with exponential backoff and jitter from the injected source", async () => {
  const { waits, sleep } = recordingSleep();
  await withServer(
    (_request, index) => {
      if (index === 0) return { status: 500, body: errorBody("boom", "server_error") };
      if (index === 1) return { dropConnection: true };
      if (index === 2) return { status: 503, body: "overloaded" };
      return { body: chatCompletion({ content: "ok" }) };
    },
    async (server) => {
      const policy = policyFor(server, { sleep, random: () => 0.5, backoff: { initialDelayMs: 100, jitter: 0.5, maxDelayMs: 1000 } });
      const turn = await policy.next({ messages: history, tools });
      assert.equal(turn.content, "ok");
      // base 100, 200, 400, each scaled by 1 - 0.5 * 0.5.
      assert.deepEqual(waits, [75, 150, 300]);
    },
  );
});

test("the default jitter is seeded: two policies with the same seed wait the same, another seed differs", async () => {
  const runWaits = async (seed: number) => {
    const { waits, sleep } = recordingSleep();
    await withServer(
      (_request, index) =>
        index < 3 ? { status: 502, body: errorBody("bad gateway", "server_error") } : { body: chatCompletion({ content: "ok" }) },
      async (server) => {
        await policyFor(server, { sleep, seed }).next({ messages: history, tools });
      },
    );
    return waits;
  };
  const first = await runWaits(1);
  assert.deepEqual(await runWaits(1), first);
  assert.notDeepEqual(await runWaits(2), first);
  assert.ok(
    first.every((wait, retry) => wait >= 250 * 2 ** retry && wait <= 500 * 2 ** retry),
    `${first}`,
  );
});

test("retries stop after maxRetries with the last error; client errors are not retried", async () => {
  const { waits, sleep } = recordingSleep();
  await withServer(
    () => ({ status: 503, body: errorBody("still overloaded", "server_error") }),
    async (server) => {
      const error = await policyFor(server, { sleep, maxRetries: 2 })
        .next({ messages: history, tools })
        .then(
          () => assert.fail("expected a PolicyError"),
          (failure: unknown) => failure,
        );
      assert.ok(error instanceof PolicyError);
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 3);
      assert.match(error.message, /still overloaded/);
      assert.equal(server.requests.length, 3);
      assert.equal(waits.length, 2);
    },
  );
  await withServer(
    () => ({ status: 401, body: errorBody("Incorrect API key provided", "invalid_request_error") }),
    async (server) => {
      await assert.rejects(policyFor(server, { sleep }).next({ messages: history, tools }), (error: unknown) => {
        assert.ok(error instanceof PolicyError);
        assert.equal(error.status, 401);
        assert.equal(error.retryable, false);
        assert.equal(error.attempts, 1);
        return true;
      });
      assert.equal(server.requests.length, 1);
    },
  );
});

test("a request that outlives the timeout is abandoned and retried; when every attempt times out the error says so", async () => {
  const { sleep } = recordingSleep();
  await withServer(
    (_request, index) =>
      index === 0 ? { delayMs: 400, body: chatCompletion({ content: "late" }) } : { body: chatCompletion({ content: "on time" }) },
    async (server) => {
      const turn = await policyFor(server, { sleep, timeoutMs: 100 }).next({ messages: history, tools });
      assert.equal(turn.content, "on time");
      assert.equal(server.requests.length, 2);
    },
  );
  await withServer(
    () => ({ delayMs: 300, body: chatCompletion({ content: "late" }) }),
    async (server) => {
      await assert.rejects(
        policyFor(server, { sleep, timeoutMs: 60, maxRetries: 1 }).next({ messages: history, tools }),
        /no response .* within 60 ms/,
      );
      assert.equal(server.requests.length, 2);
    },
  );
});

test("a real Retry-After wait elapses on the clock", async () => {
  await withServer(
    (_request, index) =>
      index === 0
        ? { status: 429, headers: { "retry-after-ms": "120" }, body: errorBody("slow down") }
        : { body: chatCompletion({ content: "ok" }) },
    async (server) => {
      const started = performance.now();
      await policyFor(server).next({ messages: history, tools });
      assert.ok(performance.now() - started >= 115);
    },
  );
});

test("at most `concurrency` requests are in flight across all calls of one policy", async () => {
  await withServer(
    () => ({ delayMs: 60, body: chatCompletion({ content: "ok" }) }),
    async (server) => {
      const policy = policyFor(server, { concurrency: 2 });
      const turns = await Promise.all(Array.from({ length: 6 }, () => policy.next({ messages: history, tools })));
      assert.equal(turns.length, 6);
      assert.equal(server.requests.length, 6);
      assert.equal(server.maxInFlight, 2);
    },
  );
});

test("a caller's abort ends the request without retrying", async () => {
  await withServer(
    () => ({ delayMs: 300, body: chatCompletion({ content: "late" }) }),
    async (server) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(policyFor(server).next({ messages: history, tools, signal: controller.signal }), (error: unknown) => {
        assert.ok(error instanceof PolicyError);
        assert.equal(error.retryable, false);
        assert.match(error.message, /aborted by the caller/);
        return true;
      });
      assert.equal(server.requests.length, 1);
    },
  );
});

test("a 200 whose body is not a chat completion is a non-retryable error", async () => {
  await withServer(
    () => ({ body: { object: "list", data: [] } }),
    async (server) => {
      await assert.rejects(policyFor(server).next({ messages: history, tools }), /malformed chat-completions response: no choices/);
      assert.equal(server.requests.length, 1);
    },
  );
});
