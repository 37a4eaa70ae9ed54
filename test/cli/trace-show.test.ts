import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSite } from "../../src/emulator/index.js";
import { runEpisode } from "../../src/agent/index.js";
import type { AssistantTurn, Policy } from "../../src/policy/types.js";
import { getSurface } from "../../src/tools/index.js";
import { createTraceWriter } from "../../src/trace/index.js";
import { showTraceFile } from "../../src/cli/trace-show.js";
import { ansi, plain } from "../../src/cli/style.js";

const world = generateSite({ seed: 9 });

function scripted(turns: Array<Partial<AssistantTurn>>): Policy {
  let n = 0;
  return { id: "scripted", next: async () => ({ content: "", toolCalls: [], unparsed: [], ...(turns[n++] ?? { content: "ok" }) }) };
}

async function writeFixture(dir: string): Promise<string> {
  const file = join(dir, "episodes.jsonl");
  const writer = createTraceWriter(file);
  const common = {
    surface: getSurface("rest"),
    toolNames: ["jira_get_current_user"],
    instruction: "Who am I?",
    scenario: "whoami",
    seed: 9,
  } as const;
  await writer.write(
    await runEpisode({
      ...common,
      site: world.fork(),
      taskId: "solved",
      maxTurns: 3,
      policy: scripted([
        {
          content: "Checking.",
          toolCalls: [
            { id: "a", name: "jira_get_current_user", argumentsText: "{}" },
            { id: "b", name: "jira_make_coffee", argumentsText: "{}" },
          ],
          unparsed: [{ text: "<tool_call>{oops", error: "invalid JSON" }],
          usage: { promptTokens: 120, completionTokens: 30 },
        },
        { content: "You are Site Admin." },
      ]),
    }),
  );
  const loop: Partial<AssistantTurn> = { toolCalls: [{ id: "c", name: "jira_get_current_user", argumentsText: "{" }] };
  await writer.write(
    await runEpisode({ ...common, site: world.fork(), taskId: "stuck", maxTurns: 2, policy: scripted([loop, loop, loop]) }),
  );
  await writer.close();
  appendFileSync(file, '{"traceVersion": 1}\n');
  return file;
}

async function show(file: string, episode?: string, style = plain): Promise<{ found: boolean; text: string }> {
  let text = "";
  const found = await showTraceFile(file, { episode, style, write: (s) => (text += s) });
  return { found, text };
}

test("trace show prints one line per episode, flagging invalid lines", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-show-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = await writeFixture(dir);
  const { found, text } = await show(file);
  assert.equal(found, true);
  const lines = text.trimEnd().split("\n");
  assert.equal(lines.length, 3);
  assert.match(
    lines[0]!,
    /^ {2}1 {2}solved#9 {2}whoami {2}scripted {2}rest {2}final_answer {2}2 turns {2}3 calls \(2 failed\) {2}tokens 120\/30 {2}\d+\.\d\ds$/,
  );
  assert.match(lines[1]!, /^ {2}2 {2}stuck#9 .* budget_exhausted {2}2 turns {2}2 calls \(2 failed\)/);
  assert.match(lines[2]!, /^ {2}3 {2}line 3: not a valid trace: \(root\) must have required property/);
});

test("trace show --episode prints turns, calls, statuses, errors and the final answer", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-show-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = await writeFixture(dir);
  const { found, text } = await show(file, "solved#9");
  assert.equal(found, true);
  for (const expected of [
    /^Episode solved#9\n/,
    /task solved · scenario whoami · seed 9 · policy scripted · surface rest/,
    /\[user\] Who am I\?/,
    /Turn 1 {2}\(policy \d+ ms, tokens 120\/30\)\n {2}Checking\./,
    /→ jira_get_current_user \{\}\n {6}GET \/rest\/api\/3\/myself → 200\n {6}result: HTTP 200\n {8}\{"self":/,
    /→ jira_make_coffee \{\}\n {6}✗ unknown_tool: Unknown tool 'jira_make_coffee'/,
    /→ \(unparsed call\) <tool_call>\{oops\n {6}✗ invalid_json: Could not parse the tool call: invalid JSON/,
    /Stop: final_answer after 2 turns, 3 tool calls/,
    /Final answer: You are Site Admin\.\n$/,
  ]) {
    assert.match(text, expected);
  }
  const byPosition = await show(file, "2");
  assert.match(byPosition.text, /Stop: budget_exhausted after 2 turns/);
  assert.ok(!byPosition.text.includes("Final answer"));
  assert.equal((await show(file, "nope")).found, false);
  const coloured = await show(file, "solved#9", ansi);
  assert.ok(coloured.text.includes("\u001b[32m200\u001b[39m") && coloured.text.includes("\u001b[31m"));
});

test("the atlasgym binary runs `trace show` and fails clearly on a missing episode", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-show-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = await writeFixture(dir);
  const ok = spawnSync(process.execPath, ["bin/atlasgym.js", "trace", "show", file], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /solved#9/);
  assert.ok(!ok.stdout.includes("\u001b["), "no colour when not a TTY");
  const missing = spawnSync(process.execPath, ["bin/atlasgym.js", "trace", "show", file, "--episode", "absent"], { encoding: "utf8" });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /atlasgym: no episode 'absent'/);
});
