/**
 * Reward components and their weights. Each component scores in [0, 1]; the reward is the
 * weighted mean. Weights are integers summing to 100 so a perfect episode sums to exactly 1.
 */
export const COMPONENTS = ["calls", "writes", "state", "reads", "grounding", "side_effects", "efficiency", "termination"] as const;

export type ComponentName = (typeof COMPONENTS)[number];

export type Weights = Record<ComponentName, number>;

/** What each component measures (docs/scenarios.md repeats this table). */
export const COMPONENT_MEANING: Record<ComponentName, string> = {
  calls: "share of tool calls that were well-formed, named a real tool and succeeded",
  writes: "per expected write: share of its arguments that are right and of its effects still true at the end",
  state: "share of final-state predicates that hold after replay",
  reads: "share of required reads made before the writes they inform",
  grounding: "no invented tools, fields or ids: 1 / (1 + number of such calls)",
  side_effects: "no writes outside the goal: 0.5 ^ (number of such writes)",
  efficiency: "no redundant calls (-0.25 each) and within the call budget (0 when over)",
  termination: "a final answer, after every goal write, and nothing after it",
};

export const DEFAULT_WEIGHTS: Weights = {
  calls: 10,
  writes: 35,
  state: 10,
  reads: 10,
  grounding: 5,
  side_effects: 15,
  efficiency: 5,
  termination: 10,
};

/** The components that still count when no goal write was made (the reward is then capped at 0.1). */
export const PRE_WRITE_COMPONENTS: readonly ComponentName[] = ["calls", "reads", "grounding", "side_effects", "efficiency"];

/** Weights with a scenario's overrides; throws unless they are non-negative integers summing to 100. */
export function resolveWeights(overrides: Partial<Weights> = {}): Weights {
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...overrides };
  const total = COMPONENTS.reduce((sum, c) => sum + weights[c], 0);
  if (total !== 100 || COMPONENTS.some((c) => !Number.isInteger(weights[c]) || weights[c] < 0)) {
    throw new Error(`reward weights must be non-negative integers summing to 100, got ${JSON.stringify(weights)}`);
  }
  return weights;
}
