/**
 * `agent.overheadShare`: of an embedded-model episode's wall time (agent loop, tool calls, then scoring),
 * the share spent outside the model. Model time is what `policy.next` takes minus the prompt rendering and
 * tool-call parsing it does in JavaScript (timed again on the same inputs: both are pure), so the chat
 * template and the parser count as overhead, and tokenising, evaluating and sampling count as the model.
 * Real SmolLM2 generations, kept few and short.
 */
import { runEpisode } from "../../src/agent/run-episode.js";
import { createEmbeddedPolicy, renderPrompt, parseToolCalls, locateModel } from "../../src/policy/index.js";
import { createOracle } from "../../src/policy/oracle/index.js";
import type { AssistantTurn, Policy, PolicyRequest } from "../../src/policy/types.js";
import { reward } from "../../src/reward/index.js";
import { SCENARIOS, generate } from "../../src/scenarios/registry.js";
import { toolNamesFor } from "../../src/scenarios/toolset.js";
import { startState } from "../../src/scenarios/world.js";
import { getSurface } from "../../src/tools/index.js";
import { spread, type Spread } from "../lib/stats.js";

export interface AgentOptions {
  /** `embedded`: SmolLM2 (the measurement). `oracle`: the scripted policy, for the smoke test (no model, no timing meaning). */
  policy: "embedded" | "oracle";
  episodes: number;
  maxTurns: number;
  maxTokens: number;
}

export interface AgentResult {
  /** Per-episode share of wall time outside the model. */
  overheadShare: Spread;
  /** Total outside-model time over total wall time, all episodes together. */
  totalShare: number;
  episodes: number;
  turns: number;
  completionTokens: number;
  promptTokens: number;
  ms: { wall: number; model: number; renderPrompt: number; parseCalls: number; toolsAndLoop: number; reward: number };
  policy: AgentOptions["policy"];
  skipped?: string;
}

/** Times each `next` and re-times its JavaScript parts (prompt rendering, tool-call parsing) on the same inputs. */
class TimedPolicy implements Policy {
  readonly id: string;
  nextMs = 0;
  renderMs = 0;
  parseMs = 0;
  turns = 0;
  promptTokens = 0;
  completionTokens = 0;

  constructor(private readonly inner: Policy) {
    this.id = inner.id;
  }

  async next(request: PolicyRequest): Promise<AssistantTurn> {
    const started = performance.now();
    const turn = await this.inner.next(request);
    this.nextMs += performance.now() - started;
    let t = performance.now();
    renderPrompt(request.messages, request.tools);
    this.renderMs += performance.now() - t;
    t = performance.now();
    parseToolCalls(turn.raw ?? turn.content);
    this.parseMs += performance.now() - t;
    this.turns++;
    this.promptTokens += turn.usage?.promptTokens ?? 0;
    this.completionTokens += turn.usage?.completionTokens ?? 0;
    return turn;
  }

  get modelMs(): number {
    return this.nextMs - this.renderMs - this.parseMs;
  }
}

export async function measureAgent(options: AgentOptions): Promise<AgentResult> {
  const zero = { wall: 0, model: 0, renderPrompt: 0, parseCalls: 0, toolsAndLoop: 0, reward: 0 };
  if (options.policy === "embedded" && !locateModel()) {
    const skipped = "no embedded model installed (bash scripts/install-model.sh)";
    return {
      overheadShare: spread([]),
      totalShare: Number.NaN,
      episodes: 0,
      turns: 0,
      completionTokens: 0,
      promptTokens: 0,
      ms: zero,
      policy: options.policy,
      skipped,
    };
  }
  const embedded =
    options.policy === "embedded"
      ? await createEmbeddedPolicy({ maxTokens: options.maxTokens, constrainToolCalls: true, sequences: 1 })
      : undefined;
  const surface = getSurface("rest");
  const shares: number[] = [];
  const totals = { ...zero };
  let turns = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  try {
    for (let i = 0; i < options.episodes; i++) {
      const scenario = SCENARIOS[i % SCENARIOS.length]!;
      const task = generate({ scenario: scenario.name, split: "train", difficulty: 1, seed: i });
      const policy = new TimedPolicy(embedded ?? createOracle(task));
      const started = performance.now();
      const trace = await runEpisode({
        site: startState(task),
        surface,
        toolNames: toolNamesFor(task, surface.name),
        instruction: task.instruction,
        policy,
        maxTurns: Math.min(task.turnBudget, options.maxTurns),
        seed: task.seed,
        taskId: task.id,
        scenario: task.scenario,
      });
      const scoring = performance.now();
      reward(task, trace);
      const ended = performance.now();
      const wall = ended - started;
      const outside = wall - policy.modelMs;
      shares.push(outside / wall);
      totals.wall += wall;
      totals.model += policy.modelMs;
      totals.renderPrompt += policy.renderMs;
      totals.parseCalls += policy.parseMs;
      totals.reward += ended - scoring;
      totals.toolsAndLoop += scoring - started - policy.nextMs;
      turns += policy.turns;
      promptTokens += policy.promptTokens;
      completionTokens += policy.completionTokens;
    }
  } finally {
    await embedded?.close();
  }
  return {
    overheadShare: spread(shares),
    totalShare: (totals.wall - totals.model) / totals.wall,
    episodes: options.episodes,
    turns,
    promptTokens,
    completionTokens,
    ms: totals,
    policy: options.policy,
  };
}
