/** The task's state just before a plan step, for deciding whether a perturbation can apply. */
import { handle, type Site } from "../../../emulator/index.js";
import { requestOf, resolveStep } from "../../../scenarios/plan.js";
import type { Task } from "../../../scenarios/types.js";
import { asAdmin, startState } from "../../../scenarios/world.js";

export function stateBefore(task: Task, step: number): Site {
  const site = startState(task);
  const responses: unknown[] = [];
  for (let i = 0; i < step; i++) {
    const response = handle(site, asAdmin(requestOf(resolveStep(task.plan[i]!, (n) => responses[n]))));
    responses[i] = response.body;
  }
  return site;
}
