/**
 * Perturbed oracles: the oracle's script with exactly one injected failure, named by the
 * failure label it must produce (`perturbed:<label>`). A perturbation that does not apply to a
 * task (say, a wrong order where the task has no required read) returns undefined.
 */
import { emulator, handle, type Site } from "../../../emulator/index.js";
import { patternMatches } from "../../../reward/patterns.js";
import { referencedSteps, resolveStep, type ResolvedStep } from "../../../scenarios/plan.js";
import type { ExpectedWrite, Json, PlanValue, Task } from "../../../scenarios/types.js";
import { asAdmin } from "../../../scenarios/world.js";
import type { Script, ScriptCall, StepEdit } from "../script.js";
import { stateBefore } from "./preview.js";
import { clone, firstValueLeaf, getAt, inventedIdLike, setAt, withBody } from "./edits.js";

export const PERTURBATIONS = [
  "missing_required_field",
  "wrong_value",
  "unknown_tool",
  "schema_violation",
  "hallucinated_id",
  "wrong_endpoint_order",
  "premature_stop",
  "redundant_call",
  "invalid_json",
  "side_effect",
] as const;

export type PerturbationLabel = (typeof PERTURBATIONS)[number];

type Perturb = (task: Task, script: Script) => Script | undefined;

export const INVENTED_TOOL = "atlassian_quick_fix";
export const INVENTED_FIELD = "confidenceScore";
export const WRONG_VALUE = "wrong-value";

const perturbations: Record<PerturbationLabel, Perturb> = {
  missing_required_field: (task, script) => editFirstWrite(task, script, (step) => dropRequiredArgument(task, step)),
  wrong_value: (task, script) => {
    const write = firstWrite(task);
    if (write === undefined) return undefined;
    if (isTransition(task.plan[write]!.operation)) {
      const planned = task.plan[write]!;
      const alternative = anotherTransition(
        resolveStep(planned, () => undefined),
        stateBefore(task, write),
        "different",
      );
      if (alternative.body === undefined || JSON.stringify(alternative.body) === JSON.stringify(planned.body)) return undefined;
      return editStep(script, write, (step, shadow) => anotherTransition(step, shadow, "different"));
    }
    if (!firstValueLeaf(planJson(task.plan[write]!.body))) return undefined;
    return editStep(script, write, (step) => {
      const body = clone(step.body);
      const leaf = firstValueLeaf(body);
      if (body === undefined || !leaf) return step;
      setAt(body, leaf, WRONG_VALUE);
      return withBody(step, body);
    });
  },
  unknown_tool: (_task, script) => ({
    ...script,
    turns: [{ calls: [{ kind: "raw", tool: INVENTED_TOOL, argumentsText: "{}" }] }, ...script.turns],
  }),
  schema_violation: (task, script) => editFirstWrite(task, script, addInventedField),
  hallucinated_id: (task, script) => {
    const write = firstWrite(task);
    if (write === undefined) return undefined;
    const planned = task.plan[write]!;
    const hasParam = Object.keys(planned.params ?? {}).length > 0;
    const idCheck = task.goal.writes.some((w) => w.match.operations.includes(planned.operation) && w.args.some((a) => a.idLike));
    if (!hasParam && !idCheck) return undefined;
    return editStep(script, write, (step) => inventId(task, step));
  },
  wrong_endpoint_order: moveRequiredReadAfterWrite,
  premature_stop: (task, script) => {
    const write = firstWrite(task);
    if (write === undefined) return undefined;
    const turn = script.turns.findIndex((t) => t.calls.some((c) => c.kind === "step" && c.step === write));
    return { turns: script.turns.slice(0, turn), finalAnswer: "Done: everything you asked for is in place." };
  },
  redundant_call: (task, script) => {
    const read = task.plan.findIndex((s) => s.purpose === "read");
    const step = read >= 0 ? read : lastWrite(task);
    if (step === undefined) return undefined;
    return insertAfterStep(script, step, { kind: "step", step });
  },
  invalid_json: (task, script) => {
    if (task.plan.length === 0) return undefined;
    return { ...script, turns: [{ calls: [{ kind: "step", step: 0, corrupt: true }] }, ...script.turns] };
  },
  side_effect: (task, script) => {
    const step = lastWrite(task);
    if (step === undefined) return undefined;
    return { ...script, turns: [...script.turns, { calls: [{ kind: "step", step, edit: extraWrite }] }] };
  },
};

/** The oracle's script with one injected failure, or undefined when the failure cannot apply to this task. */
export function perturbScript(task: Task, script: Script, label: PerturbationLabel): Script | undefined {
  return perturbations[label](task, script);
}

// ---------------------------------------------------------------------------------------------

function planJson(value: PlanValue | undefined): Json | undefined {
  return value as Json | undefined;
}

function firstWrite(task: Task): number | undefined {
  const i = task.plan.findIndex((s) => s.purpose === "write");
  return i >= 0 ? i : undefined;
}

function lastWrite(task: Task): number | undefined {
  for (let i = task.plan.length - 1; i >= 0; i--) if (task.plan[i]!.purpose === "write") return i;
  return undefined;
}

function editStep(script: Script, step: number, edit: StepEdit): Script {
  return {
    ...script,
    turns: script.turns.map((turn) => ({
      calls: turn.calls.map((c): ScriptCall => (c.kind === "step" && c.step === step ? { ...c, edit } : c)),
    })),
  };
}

function editFirstWrite(task: Task, script: Script, edit: StepEdit): Script | undefined {
  const write = firstWrite(task);
  return write === undefined ? undefined : editStep(script, write, edit);
}

function insertAfterStep(script: Script, step: number, call: ScriptCall): Script {
  const turn = script.turns.findIndex((t) => t.calls.some((c) => c.kind === "step" && c.step === step));
  const turns = [...script.turns];
  turns.splice(turn + 1, 0, { calls: [call] });
  return { ...script, turns };
}

/** The expected write a resolved step is an attempt at. */
function expectedFor(task: Task, step: ResolvedStep): ExpectedWrite | undefined {
  const subject = {
    operation: step.operation,
    params: step.params,
    request: { method: step.operation.method, path: "", query: step.query, body: step.body },
  };
  return task.goal.writes.find((w) =>
    patternMatches({ operations: w.match.operations, ...(w.match.params ? { params: w.match.params } : {}) }, subject),
  );
}

/** Removes the first body argument the goal checks (the whole body when the goal checks none). */
function dropRequiredArgument(task: Task, step: ResolvedStep): ResolvedStep {
  const expected = expectedFor(task, step);
  const check = expected?.args.find((a) => a.anyOf.every((o) => o.at.startsWith("body.") && !o.at.includes("*")));
  if (!check || step.body === undefined) return withBody(step, undefined);
  const body = clone(step.body);
  for (const option of check.anyOf) {
    const path = option.at.split(".").slice(1);
    if (getAt(body, path) === undefined) continue;
    setAt(body, path, undefined);
    // Drop containers the removal left empty: `{"project": {}}` still names the field.
    for (let end = path.length - 1; end > 0; end--) {
      const parent = getAt(body, path.slice(0, end));
      if (parent === null || typeof parent !== "object" || Object.keys(parent).length > 0) break;
      setAt(body, path.slice(0, end), undefined);
    }
  }
  return withBody(step, body);
}

function addInventedField(step: ResolvedStep): ResolvedStep {
  const body = clone(step.body);
  const target = Array.isArray(body) ? body[0] : body;
  if (target === null || typeof target !== "object" || Array.isArray(target)) return step;
  target[INVENTED_FIELD] = 0.9;
  return withBody(step, body);
}

/** Replaces the write's target id in the path, or else the first id argument the goal checks. */
function inventId(task: Task, step: ResolvedStep): ResolvedStep {
  const [param] = Object.keys(step.params);
  if (param !== undefined) {
    const out = withBody(step, clone(step.body));
    out.params[param] = inventedIdLike(step.params[param]!);
    return out;
  }
  const expected = expectedFor(task, step);
  const body = clone(step.body);
  for (const check of expected?.args ?? []) {
    if (!check.idLike) continue;
    for (const option of check.anyOf) {
      const path = option.at.split(".").slice(1);
      const value = getAt(body, path);
      if (option.at.startsWith("body.") && (typeof value === "string" || typeof value === "number")) {
        setAt(body as Json, path, inventedIdLike(String(value)));
        return withBody(step, body);
      }
    }
  }
  return step;
}

/** Moves the first plan read that satisfies a required read to just after the write it must precede. */
function moveRequiredReadAfterWrite(task: Task, script: Script): Script | undefined {
  for (const required of task.goal.reads) {
    const readStep = task.plan.findIndex(
      (s, i) =>
        s.purpose === "read" &&
        required.match.operations.includes(s.operation) &&
        paramsMatch(s.params, required.match.params) &&
        !referenced(task, i),
    );
    if (readStep < 0) continue;
    const writeOps = task.goal.writes.filter((w) => required.before.includes(w.id)).flatMap((w) => w.match.operations);
    const writeStep = task.plan.findIndex((s, i) => i > readStep && s.purpose === "write" && writeOps.includes(s.operation));
    if (writeStep < 0) continue;
    // Other plan reads may satisfy the same requirement; the moved one must be the only one before the write.
    const alsoSatisfied = task.plan.some(
      (s, i) =>
        i !== readStep && i < writeStep && required.match.operations.includes(s.operation) && paramsMatch(s.params, required.match.params),
    );
    if (alsoSatisfied) continue;
    const without = script.turns
      .map((t) => ({ calls: t.calls.filter((c) => !(c.kind === "step" && c.step === readStep)) }))
      .filter((t) => t.calls.length > 0);
    return insertAfterStep({ ...script, turns: without }, writeStep, { kind: "step", step: readStep });
  }
  return undefined;
}

function paramsMatch(params: Record<string, PlanValue> | undefined, wanted: Record<string, string[]> | undefined): boolean {
  for (const [name, accepted] of Object.entries(wanted ?? {})) {
    const value = params?.[name];
    if (typeof value !== "string" || !accepted.some((a) => a.toLowerCase() === value.toLowerCase())) return false;
  }
  return true;
}

function referenced(task: Task, step: number): boolean {
  return referencedSteps(task.plan).has(step);
}

/** A second, different write like the last one: another object, another label, or one more transition. */
const extraWrite: StepEdit = (step, shadow) => {
  if (isTransition(step.operation.id)) return anotherTransition(step, shadow, "any");
  const body = clone(step.body);
  const leaf = firstValueLeaf(body);
  if (body === undefined || !leaf) return step;
  setAt(body, leaf, `${String(getAt(body, leaf))}-extra`);
  return withBody(step, body);
};

function isTransition(operationId: string): boolean {
  const operation = emulator.operations.find((o) => o.id === operationId);
  return operation?.method === "POST" && /\/transitions$/.test(operation.path);
}

interface TransitionView {
  id: string;
  fields?: Record<string, { required?: boolean }>;
}

/** Another transition available to the issue now (one without required screen fields when possible). */
function anotherTransition(step: ResolvedStep, shadow: Site, which: "any" | "different"): ResolvedStep {
  const issue = Object.values(step.params)[0] ?? "";
  const path = `/rest/api/3/issue/${encodeURIComponent(issue)}/transitions`;
  const response = handle(shadow, asAdmin({ method: "GET", path, query: { expand: "transitions.fields" } }));
  const planned = String((step.body as { transition?: { id?: unknown } } | undefined)?.transition?.id ?? "");
  const available = (response.body as { transitions?: TransitionView[] } | undefined)?.transitions ?? [];
  const candidates = available.filter((t) => which === "any" || t.id !== planned);
  const chosen = candidates.find((t) => !Object.values(t.fields ?? {}).some((f) => f.required)) ?? candidates[0];
  return chosen ? withBody(step, { transition: { id: chosen.id } }) : step;
}
