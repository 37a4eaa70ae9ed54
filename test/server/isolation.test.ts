import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import { generate } from "../../src/scenarios/registry.js";
import { postJson, startServer } from "./helpers.js";

test("concurrent sessions never read or change each other's sites, nor the default site", async () => {
  const server = await startServer();
  try {
    const task = generate({ scenario: "jira-create-issue", split: "train", difficulty: 1, seed: 6 });
    const first = await createOracle(task).next({ messages: [{ role: "user", content: task.instruction }], tools: [] });
    const create = first.toolCalls.find((c) => c.name === "jira_create_issue");
    assert.ok(create, "the oracle creates the issue in its first turn");
    const template = JSON.parse(create.argumentsText) as { body: { fields: Record<string, unknown> } };

    const count = 40;
    const sessions = await Promise.all(
      Array.from(
        { length: count },
        async () =>
          (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 6 })).body as {
            sessionId: string;
            token: string;
          },
      ),
    );
    // Every session creates its own issue at the same moment, through its REST prefix.
    const created = await Promise.all(
      sessions.map(async (s, i) => {
        const fields = { ...template.body.fields, summary: `isolation probe ${i}` };
        const r = await fetch(`${server.base}/s/${s.sessionId}/rest/api/3/issue`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
          body: JSON.stringify({ fields }),
        });
        assert.equal(r.status, 201);
        return ((await r.json()) as { key: string }).key;
      }),
    );
    // Forks of one start state hand out the same next key: each session sees only its own issue under it.
    await Promise.all(
      sessions.map(async (s, i) => {
        const r = await fetch(`${server.base}/s/${s.sessionId}/rest/api/3/issue/${created[i]}?fields=summary`, {
          headers: { authorization: `Bearer ${s.token}` },
        });
        assert.equal(((await r.json()) as { fields: { summary: string } }).fields.summary, `isolation probe ${i}`);
        const search = await fetch(`${server.base}/s/${s.sessionId}/rest/api/3/search/jql`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
          body: JSON.stringify({ jql: 'summary ~ "isolation probe"', fields: ["summary"] }),
        });
        const found = ((await search.json()) as { issues: Array<{ fields: { summary: string } }> }).issues.map((x) => x.fields.summary);
        assert.deepEqual(found, [`isolation probe ${i}`]);
      }),
    );
    const admin = `Basic ${Buffer.from("admin@example.com:atlasgym").toString("base64")}`;
    const onDefault = await fetch(`${server.base}/rest/api/3/search/jql`, {
      method: "POST",
      headers: { authorization: admin, "content-type": "application/json" },
      body: JSON.stringify({ jql: 'summary ~ "isolation probe"' }),
    });
    assert.deepEqual(((await onDefault.json()) as { issues: unknown[] }).issues, []);
  } finally {
    await server.close();
  }
});

test("idle sessions expire after the TTL", async () => {
  const server = await startServer({ sessionTtlMs: 300 });
  try {
    const s = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 1 })).body as { sessionId: string };
    assert.equal((await fetch(`${server.base}/sessions/${s.sessionId}`)).status, 200);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal((await fetch(`${server.base}/sessions/${s.sessionId}`)).status, 404);
    assert.equal(server.sessions.size, 0);
  } finally {
    await server.close();
  }
});
