/**
 * The oracle policy (solves a task with its reference plan, the fewest correct calls) and the
 * perturbed oracles `perturbed:<label>` (the same with exactly one injected failure). The oracle
 * acts through the `rest` or the `mcp` surface; perturbed oracles through `rest`.
 */
import type { Task } from "../../scenarios/types.js";
import type { Policy } from "../types.js";
import { PERTURBATIONS, perturbScript, type PerturbationLabel } from "./perturbations/index.js";
import { scriptFromPlan } from "./script.js";
import { ScriptedPolicy, type OracleSurface } from "./scripted.js";

export { PERTURBATIONS, type PerturbationLabel } from "./perturbations/index.js";

export const ORACLE_ID = "oracle";
export const PERTURBED_PREFIX = "perturbed:";

export type { OracleSurface } from "./scripted.js";

export function createOracle(task: Task, surface: OracleSurface = "rest"): Policy {
  return new ScriptedPolicy(ORACLE_ID, task, scriptFromPlan(task), surface);
}

/** The oracle with one injected failure; undefined when that failure cannot apply to the task. */
export function createPerturbedOracle(task: Task, label: PerturbationLabel): Policy | undefined {
  const script = perturbScript(task, scriptFromPlan(task), label);
  return script ? new ScriptedPolicy(`${PERTURBED_PREFIX}${label}`, task, script) : undefined;
}

export function isPerturbationLabel(value: string): value is PerturbationLabel {
  return (PERTURBATIONS as readonly string[]).includes(value);
}

/**
 * The scripted policy for a policy id (`oracle` or `perturbed:<label>`) and a task, for the CLI
 * and eval. Throws on an unknown id; returns undefined when the perturbation does not apply.
 */
export function scriptedPolicyFor(policyId: string, task: Task, surface: OracleSurface = "rest"): Policy | undefined {
  if (policyId === ORACLE_ID) return createOracle(task, surface);
  if (policyId.startsWith(PERTURBED_PREFIX)) {
    const label = policyId.slice(PERTURBED_PREFIX.length);
    if (isPerturbationLabel(label)) return createPerturbedOracle(task, label);
  }
  throw new Error(`unknown scripted policy '${policyId}' (use ${ORACLE_ID} or ${PERTURBED_PREFIX}<${PERTURBATIONS.join("|")}>)`);
}
