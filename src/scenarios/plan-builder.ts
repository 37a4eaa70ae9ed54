/**
 * Builds a task's reference plan by running it: each step is sent to a private fork of the
 * task's start state as it is added, so a generator can read real responses to decide what
 * comes next, and a plan that does not work is caught at generation time (only solvable tasks).
 */
import { handle, type Site } from "../emulator/index.js";
import { requestOf, resolveStep } from "./plan.js";
import type { PlanStep, PlanValue, ResponseRef } from "./types.js";
import { asAdmin } from "./world.js";

export interface StepArgs {
  params?: Record<string, PlanValue>;
  query?: Record<string, PlanValue>;
  body?: PlanValue;
}

/** Thrown when a plan step fails: the generator should try other choices. */
export class UnsolvableStep extends Error {}

export class PlanBuilder {
  readonly steps: PlanStep[] = [];
  private readonly responses: unknown[] = [];
  private turn = 0;
  private batching = false;

  constructor(readonly site: Site) {}

  read(operation: string, args: StepArgs = {}): { step: number; body: unknown } {
    return this.add(operation, args, "read");
  }

  write(operation: string, args: StepArgs = {}): { step: number; body: unknown } {
    return this.add(operation, args, "write");
  }

  /** Steps added inside `fn` are independent: the oracle issues them together in one turn. */
  batch(fn: () => void): void {
    this.batching = true;
    try {
      fn();
    } finally {
      this.batching = false;
      this.turn++;
    }
  }

  /** A reference to a value in an earlier step's response. */
  ref(step: number, pointer: string): ResponseRef {
    return { $ref: { step, pointer } };
  }

  /** The number of calls in the plan. */
  get calls(): number {
    return this.steps.length;
  }

  private add(operation: string, args: StepArgs, purpose: PlanStep["purpose"]): { step: number; body: unknown } {
    const step: PlanStep = { operation, turn: this.turn, purpose };
    if (args.params) step.params = args.params;
    if (args.query) step.query = args.query;
    if (args.body !== undefined) step.body = args.body;
    const resolved = resolveStep(step, (i) => this.responses[i]);
    const response = handle(this.site, asAdmin(requestOf(resolved)));
    if (response.status >= 400) {
      throw new UnsolvableStep(`${operation} -> ${response.status}: ${JSON.stringify(response.body)}`);
    }
    this.steps.push(step);
    this.responses.push(response.body);
    if (!this.batching) this.turn++;
    return { step: this.steps.length - 1, body: response.body };
  }
}
