/**
 * What a scripted policy does, turn by turn: plan steps (possibly altered) and literal tool
 * calls. The oracle's script is the task's plan; perturbed oracles edit a copy of it.
 */
import type { Site } from "../../emulator/index.js";
import type { ResolvedStep } from "../../scenarios/plan.js";
import type { Task } from "../../scenarios/types.js";

/** Alters a resolved step just before it is sent; may read the shadow site (never write it). */
export type StepEdit = (step: ResolvedStep, shadow: Site) => ResolvedStep;

export type ScriptCall =
  /** A plan step; `corrupt` sends its arguments as broken JSON (and so sends nothing). */
  | { kind: "step"; step: number; edit?: StepEdit; corrupt?: boolean }
  /** A literal call, e.g. to a tool that does not exist. */
  | { kind: "raw"; tool: string; argumentsText: string };

export interface ScriptTurn {
  calls: ScriptCall[];
}

export interface Script {
  turns: ScriptTurn[];
  finalAnswer: string;
}

/** The task's reference plan as a script: one turn per plan turn, then the final answer. */
export function scriptFromPlan(task: Task): Script {
  const turns: ScriptTurn[] = [];
  const byTurn = new Map<number, number[]>();
  task.plan.forEach((step, index) => byTurn.set(step.turn, [...(byTurn.get(step.turn) ?? []), index]));
  for (const turn of [...byTurn.keys()].sort((a, b) => a - b)) {
    turns.push({ calls: byTurn.get(turn)!.map((step) => ({ kind: "step", step })) });
  }
  return { turns, finalAnswer: "Done: the requested changes are made." };
}
