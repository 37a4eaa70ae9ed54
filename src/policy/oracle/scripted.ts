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
import { encodeRestCall } from "./encode.js";
import type { Script, ScriptCall } from "./script.js";

interface Progress {
  turn: number;
  shadow: Site;
  responses: unknown[];
  finished: boolean;
}

export class ScriptedPolicy implements Policy {
  private progress: Progress;
  /** Plan steps whose responses later steps refer to. */
  private readonly referenced: ReadonlySet<number>;

  constructor(
    readonly id: string,
    private readonly task: Task,
    private readonly script: Script,
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
    return { turn: 0, shadow: startState(this.task), responses: [], finished: false };
  }

  /** Rebuilds the shadow up to `turn` (a new episode, or a conversation replayed from elsewhere). */
  private catchUp(turn: number): void {
    this.progress = this.fresh();
    while (this.progress.turn < turn) this.play();
  }

  private play(): AssistantTurn {
    const p = this.progress;
    const scripted = p.finished ? undefined : this.script.turns[p.turn];
    p.turn++;
    if (!scripted) return this.answer(this.script.finalAnswer);
    const toolCalls: ToolCall[] = [];
    for (const call of scripted.calls) {
      const made = this.make(call, `call_${p.turn}_${toolCalls.length}`);
      if (!made) {
        // A reference could not be resolved (an earlier call failed): give up like an agent would.
        p.finished = true;
        return toolCalls.length > 0 ? { content: "", toolCalls, unparsed: [] } : this.answer("I could not complete the task.");
      }
      toolCalls.push(made);
    }
    return { content: "", toolCalls, unparsed: [], finishReason: "tool_calls" };
  }

  private make(call: ScriptCall, id: string): ToolCall | undefined {
    if (call.kind === "raw") return { id, name: call.tool, argumentsText: call.argumentsText };
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
    const encoded = encodeRestCall(resolved);
    const text = JSON.stringify(encoded.args);
    if (call.corrupt) return { id, name: encoded.name, argumentsText: text.slice(0, -1) };
    // Reads change nothing: the shadow only needs the writes, and the reads later steps quote.
    if (resolved.operation.mutates || this.referenced.has(call.step)) {
      const response = handle(p.shadow, asAdmin(requestOf(resolved)));
      p.responses[call.step] = response.body;
    }
    return { id, name: encoded.name, argumentsText: text };
  }

  private answer(content: string): AssistantTurn {
    this.progress.finished = true;
    return { content, toolCalls: [], unparsed: [], finishReason: "stop" };
  }
}
