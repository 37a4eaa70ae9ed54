/**
 * Shared types of scenarios, tasks and goals (design.md part 4).
 *
 * A task is plain, serialisable data: everything the reward and the oracle need is in it,
 * and the same (scenario, split, difficulty, seed) always yields the identical task.
 * The goal is declarative: the reward engine (src/reward) derives the whole checker from it,
 * so a new scenario brings a generator and goals, never a reward function of its own.
 */
import type { Weights } from "../reward/weights.js";

export type Split = "train" | "test";
export type Difficulty = 1 | 2 | 3;

export const SPLITS: readonly Split[] = ["train", "test"];
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A request to the emulator written as data (no headers: the task always acts as the site administrator). */
export interface RequestData {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  json?: Json;
}

// ---------------------------------------------------------------------------------------------
// Reference plan (what the oracle does)

/** A value read from the response of an earlier plan step, by JSON pointer (`/key`, `/results/0/id`). */
export interface ResponseRef {
  $ref: { step: number; pointer: string };
}

/** A JSON value in which any node may be a `ResponseRef` resolved during the episode. */
export type PlanValue = null | boolean | number | string | ResponseRef | PlanValue[] | { [key: string]: PlanValue };

/** One call of the reference plan, named by operation and its path/query/body arguments. */
export interface PlanStep {
  /** Operation id, e.g. `jira.createIssue`. */
  operation: string;
  params?: Record<string, PlanValue>;
  query?: Record<string, PlanValue>;
  body?: PlanValue;
  /** Steps sharing a turn number are independent and issued as parallel tool calls in one turn. */
  turn: number;
  /** Why the step is there (documentation and perturbation targeting). */
  purpose: "read" | "write";
}

// ---------------------------------------------------------------------------------------------
// Goal (what the reward checks)

/**
 * A dotted path into a request (`params.issueIdOrKey`, `query.jql`, `body.fields.project.key`)
 * or a response body (`fields.status.name`). Numeric segments index arrays; `*` means any element.
 */
export type ValuePath = string;

/** A predicate on one value. Exactly one key is set; all text comparisons are documented per matcher. */
export type Matcher =
  /** Deep equality. */
  | { equals: Json }
  /** Deep equality with one of the values (e.g. a project given by key or by id). */
  | { oneOf: Json[] }
  /** A string equal after trimming, collapsing whitespace and ignoring case. */
  | { sameText: string }
  /** A string containing each phrase (case-insensitive). */
  | { textIncludes: string[] }
  /** A valid ADF document whose text, or whose link targets, contain each phrase (case-insensitive). */
  | { adfIncludes: string[] }
  /** Storage-format XHTML containing the elements (at least `min` of each tag; `h1|h2` counts either) and phrases. */
  | { storageHas: { elements?: Array<{ tag: string; min?: number }>; includes?: string[] } }
  /** An array containing each value. */
  | { includesAll: Json[] }
  /** An array holding exactly these values in any order. */
  | { setEquals: Json[] }
  /** The value is absent (undefined) or null. */
  | { absent: true };

/** One alternative place an argument may be given and what it must be there. */
export interface ArgOption {
  at: ValuePath;
  is: Matcher;
}

/** One scored argument of a write: right when any option holds. */
export interface ArgCheck {
  /** Short name used in reports, e.g. `assignee`, `description`. */
  name: string;
  anyOf: ArgOption[];
  /**
   * An id-like argument (account id, issue type id, transition id, page id): a wrong value that
   * no earlier response or the instruction ever showed is labelled `hallucinated_id`.
   */
  idLike?: boolean;
}

/** Which requests a pattern selects: operation and, optionally, path parameters and argument predicates. */
export interface RequestPattern {
  /** Operation ids; any of them. */
  operations: string[];
  /** Path parameters, each equal to one of the values (a key or an id). */
  params?: Record<string, string[]>;
  /** Further predicates the request must satisfy to be selected (not scored). */
  where?: ArgOption[];
}

/** A GET made against the final state after replay; `{target}` in the path is the write's target. */
export interface StateCheck {
  name: string;
  /** The label a failure of this check carries (default `wrong_value`; `side_effect` for "keeps what it had"). */
  failure?: "wrong_value" | "side_effect";
  path: string;
  query?: Record<string, string>;
  /** The response must be 2xx and satisfy every expectation. */
  expect: ArgOption[];
}

/** Where the object a write acts on is identified: its response (creates) or a path parameter (updates). */
export type TargetSource = { response: string } | { param: string };

/** A write the task needs. Matched against the episode's successful mutating requests, in order. */
export interface ExpectedWrite {
  id: string;
  /** What the write does, for reports: "create the bug in PAY". */
  description: string;
  match: RequestPattern;
  /** Scored arguments of the matched request. */
  args: ArgCheck[];
  /** How to find the object the write acts on, for `effects`. */
  target?: TargetSource;
  /** Scored checks of that object in the final state (catches altering or deleting it afterwards). */
  effects?: StateCheck[];
  /** Writes that must already have been made when this one is (e.g. the second of two transitions). */
  after?: string[];
}

/** A read that must happen before some writes (looking up what one cannot know). */
export interface RequiredRead {
  id: string;
  description: string;
  match: RequestPattern;
  /** Expected write ids this read must precede. */
  before: string[];
  /** Expected write ids this read must follow (a fresh look after a change, e.g. transitions after the first move). */
  after?: string[];
}

export interface Goal {
  writes: ExpectedWrite[];
  reads: RequiredRead[];
  /** Predicates on the final state that are not tied to one write. */
  state: StateCheck[];
  /** Mutations that are neither scored nor side effects (an allowed alternative way of doing part of the work). */
  allowedWrites?: RequestPattern[];
  /** The most tool calls a competent solution needs; more is `budget_exhausted`. */
  maxCalls: number;
}

// ---------------------------------------------------------------------------------------------
// Task and scenario

export interface TaskRef {
  scenario: string;
  split: Split;
  difficulty: Difficulty;
  seed: number;
}

export interface Task extends TaskRef {
  /** `<scenario>:<split>:<difficulty>:<seed>`; parse it back with `parseTaskId`. */
  id: string;
  /** Seed of the world: `generateSite({ seed: worldSeed })`. */
  worldSeed: number;
  /** Requests applied (as the administrator) to a fork of the world to make the task's start state. */
  setup: RequestData[];
  /** What the user asks, in natural language. */
  instruction: string;
  /** Operation ids the toolset offers; tool surfaces expose the tools covering them. */
  operations: string[];
  /** Most assistant turns the agent loop allows. */
  turnBudget: number;
  goal: Goal;
  /** Reference solution with the fewest calls; later steps refer to earlier responses. */
  plan: PlanStep[];
  /** Template id the instruction came from (for split-disjointness checks and reports). */
  templateId: string;
  /** Names invented for this task (summaries, titles, labels) that must not cross splits. */
  entityNames: string[];
}

export interface Scenario {
  name: string;
  /** One line: what the scenario tests. */
  summary: string;
  /** Reward component weight overrides (all weights sum to 100), see src/reward/weights.ts. */
  weights?: Partial<Weights>;
  generate(ref: TaskRef): Task;
}

export function taskId(ref: TaskRef): string {
  return `${ref.scenario}:${ref.split}:${ref.difficulty}:${ref.seed}`;
}

export function parseTaskId(id: string): TaskRef {
  const parts = id.split(":");
  const [scenario, split, difficulty, seed] = parts;
  const d = Number(difficulty);
  const s = Number(seed);
  if (
    parts.length !== 4 ||
    !scenario ||
    (split !== "train" && split !== "test") ||
    (d !== 1 && d !== 2 && d !== 3) ||
    !Number.isInteger(s)
  ) {
    throw new Error(`not a task id: ${id}`);
  }
  return { scenario, split, difficulty: d, seed: s };
}
