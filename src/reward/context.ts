/** What every reward component reads: the task, the episode, its re-play and the final state. */
import { handle, type Site } from "../emulator/index.js";
import type { StateCheck, Task } from "../scenarios/types.js";
import { asAdmin } from "../scenarios/world.js";
import type { Assignment } from "./assign.js";
import type { Episode } from "./episode.js";
import type { Failure } from "./labels.js";
import { optionHolds } from "./patterns.js";
import type { Replayed } from "./replay.js";
import { writeMemo } from "./memo.js";

export interface ScoringContext {
  task: Task;
  episode: Episode;
  /** Credited requests (before any final answer), as re-played. */
  replayed: readonly Replayed[];
  assignment: Assignment;
  /** The site after the re-play (built on demand); state checks read it through the public API. */
  finalState: () => Site;
  /** Memo key of the final state: start state and write history. */
  finalStateKey: string;
  /** Whether a value was shown to the agent (instruction or an earlier response) before request `seq`. */
  seenBefore(value: unknown, seq: number): boolean;
}

export interface ComponentResult {
  score: number;
  failures: Failure[];
}

export function createProvenance(instruction: string, replayed: readonly Replayed[]): ScoringContext["seenBefore"] {
  const texts = new Map<number, string>();
  const textOf = (r: Replayed): string => {
    let text = texts.get(r.seq);
    if (text === undefined) {
      text = JSON.stringify(r.body) ?? "";
      texts.set(r.seq, text);
    }
    return text;
  };
  return (value, seq) => {
    if (value === null || value === undefined || typeof value === "object") return false;
    const needle = String(value);
    if (needle.length === 0) return false;
    if (instruction.includes(needle)) return true;
    for (const r of replayed) {
      if (r.seq >= seq) break;
      if (textOf(r).includes(needle)) return true;
    }
    return false;
  };
}

const queryTexts = new WeakMap<StateCheck, string>();

/** A check's query as key text, once per check (goals are data, shared by every trace of a task). */
function queryText(check: StateCheck): string {
  let text = queryTexts.get(check);
  if (text === undefined) queryTexts.set(check, (text = check.query ? JSON.stringify(check.query) : ""));
  return text;
}

/** Runs a state check on the final state; `target` fills `{target}` in its path. */
export function stateCheckHolds(ctx: Pick<ScoringContext, "finalState" | "finalStateKey">, check: StateCheck, target?: string): boolean {
  if (check.path.includes("{target}") && target === undefined) return false;
  const path = target === undefined ? check.path : check.path.replaceAll("{target}", encodeURIComponent(target));
  const request = check.query ? { method: "GET", path, query: check.query } : { method: "GET", path };
  // Check paths and queries are written by generators, so their plain JSON is a stable key.
  const key = `${ctx.finalStateKey}|state|${path}|${queryText(check)}`;
  const response = writeMemo.get(key, () => handle(ctx.finalState(), asAdmin(request)));
  if (response.status >= 400) return false;
  return check.expect.every((option) => optionHolds(option, response.body));
}
