/** Every scenario by name, and task generation by reference or id. */
import { jiraCreateIssue } from "./jira-create-issue/index.js";
import { jiraTransitionIssue } from "./jira-transition-issue/index.js";
import { confluenceCreatePage } from "./confluence-create-page/index.js";
import { readThenWrite } from "./read-then-write/index.js";
import { labels } from "./labels/index.js";
import { parseTaskId, type Scenario, type Task, type TaskRef } from "./types.js";

export const SCENARIOS: readonly Scenario[] = [jiraCreateIssue, jiraTransitionIssue, confluenceCreatePage, readThenWrite, labels];

const byName = new Map(SCENARIOS.map((s) => [s.name, s]));

export function getScenario(name: string): Scenario {
  const scenario = byName.get(name);
  if (!scenario) throw new Error(`unknown scenario '${name}' (known: ${[...byName.keys()].join(", ")})`);
  return scenario;
}

export function scenarioNames(): string[] {
  return [...byName.keys()];
}

const cache = new Map<string, Task>();

/** The task of a reference (deterministic; cached, and returned frozen so no caller can alter it). */
export function generate(ref: TaskRef): Task {
  const key = `${ref.scenario}:${ref.split}:${ref.difficulty}:${ref.seed}`;
  let task = cache.get(key);
  if (!task) {
    task = deepFreeze(getScenario(ref.scenario).generate(ref));
    if (cache.size > 20_000) cache.clear();
    cache.set(key, task);
  }
  return task;
}

export function taskById(id: string): Task {
  return generate(parseTaskId(id));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
