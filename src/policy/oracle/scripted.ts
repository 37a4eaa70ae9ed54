/**
 * A policy that plays a script against its own shadow copy of the task's start state: each
 * step it sends is also run on the shadow, so later steps can read earlier responses (the key
 * of the issue it created, the next page token) exactly as the agent's environment returns them.
 * The position in the script follows the conversation (assistant turns so far), so one policy
 * object can serve many episodes of its task, in any order.
 */
import { handle, type Site } from "../../emulator/index.js";
import { referencedSteps, requestOf, resolveStep, type ResolvedStep } from "../../scenarios/plan.js";
import type { Task } from "../../scenarios/types.js";
import { asAdmin, startState } from "../../scenarios/world.js";
import type { AssistantTurn, Policy, PolicyRequest, ToolCall } from "../types.js";
import { encodeRestCall, type EncodedCall } from "./encode.js";
import { encodeMcpCalls, type McpEncodingMemory } from "./encode-mcp.js";
import type { Script, ScriptCall } from "./script.js";

interface Progress {
  /** Assistant turns played. */
  turn: number;
  /** Next script turn (ahead of `turn` when script turns made no call on this surface). */
  position: number;
  shadow: Site;
  mcp: McpEncodingMemory;
  responses: unknown[];
  finished: boolean;
}

export type OracleSurface = "rest" | "mcp";

export class ScriptedPolicy implements Policy {
  private progress: Progress;
  /** Plan steps whose responses later steps refer to. */
  private readonly referenced: ReadonlySet<number>;

  constructor(
    readonly id: string,
    private readonly task: Task,
    private readonly script: Script,
    /** The tool surface the calls are written for (`rest` or `mcp`). */
    private readonly surface: OracleSurface = "rest",
  ) {
    this.referenced = referencedSteps(task.plan);
    this.progress = this.fresh();
  }

  async next(request: PolicyRequest): Promise<AssistantTurn> {
    const turn = request.messages.filter((m) => m.role === "assistant").length;
    if (turn !== this.progress.turn) this.catchUp(turn);
    return this.play();
  }

  private fresh(): Progress {
    return { turn: 0, position: 0, mcp: { userQueries: [] }, shadow: startState(this.task), responses: [], finished: false };
  }

  /** Rebuilds the shadow up to `turn` (a new episode, or a conversation replayed from elsewhere). */
  private catchUp(turn: number): void {
    this.progress = this.fresh();
    while (this.progress.turn < turn) this.play();
  }

  private play(): AssistantTurn {
    const p = this.progress;
    p.turn++;
    const toolCalls: ToolCall[] = [];
    let made = 0;
    const nextId = (): string => `call_${p.turn}_${made++}`;
    // A script turn whose steps are all lookups the surface's tools make themselves yields no call: play the next.
    while (toolCalls.length === 0) {
      const scripted = p.finished ? undefined : this.script.turns[p.position];
      p.position++;
      if (!scripted) return this.answer(this.script.finalAnswer);
      for (const call of scripted.calls) {
        const calls = this.make(call, nextId);
        if (!calls) {
          // A reference could not be resolved (an earlier call failed), or the surface cannot express the step:
          // give up like an agent would.
          p.finished = true;
          return toolCalls.length > 0 ? { content: "", toolCalls, unparsed: [] } : this.answer("I could not complete the task.");
        }
        toolCalls.push(...calls);
      }
    }
    return { content: "", toolCalls, unparsed: [], finishReason: "tool_calls" };
  }

  /** The calls a script call becomes (none for a lookup the surface's tools make themselves); undefined to give up. */
  private make(call: ScriptCall, nextId: () => string): ToolCall[] | undefined {
    if (call.kind === "raw") return [{ id: nextId(), name: call.tool, argumentsText: call.argumentsText }];
    const p = this.progress;
    const planned = this.task.plan[call.step];
    if (!planned) throw new Error(`script refers to missing plan step ${call.step}`);
    let resolved: ResolvedStep;
    try {
      resolved = resolveStep(planned, (i) => p.responses[i]);
    } catch {
      return undefined;
    }
    if (call.edit) resolved = call.edit(resolved, p.shadow);
    // Encoded before the shadow runs the step: encoders read the state the step starts from.
    const encoded: EncodedCall[] | undefined =
      this.surface === "rest" ? [encodeRestCall(resolved)] : encodeMcpCalls(resolved, p.shadow, p.mcp);
    if (!encoded) return undefined;
    const calls = encoded.map((e): ToolCall => ({ id: nextId(), name: e.name, argumentsText: JSON.stringify(e.args) }));
    if (call.corrupt) return calls.map((c) => ({ ...c, argumentsText: c.argumentsText.slice(0, -1) }));
    // Reads change nothing: the shadow only needs the writes, and the reads later steps quote.
    if (resolved.operation.mutates || this.referenced.has(call.step)) {
      const response = handle(p.shadow, asAdmin(requestOf(resolved)));
      p.responses[call.step] = response.body;
    }
    return calls;
  }

  private answer(content: string): AssistantTurn {
    this.progress.finished = true;
    return { content, toolCalls: [], unparsed: [], finishReason: "stop" };
  }
}
