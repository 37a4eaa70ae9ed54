/**
 * The configuration of an eval run: everything that decides which episodes run and how they are
 * scored. It is written to `config.json` in the run directory so `--resume` continues the same run,
 * and copied into `results.json`. Secrets (the API key) are never part of it.
 */
import { DIFFICULTIES, SPLITS, type Difficulty, type Split } from "../scenarios/types.js";
import type { SurfaceName } from "../tools/index.js";

export interface OpenAIEndpoint {
  baseUrl: string;
  model: string;
  toolFormat: "native" | "text";
}

export interface EvalConfig {
  /** `oracle`, `perturbed:<label>`, `embedded` or `openai`. */
  policy: string;
  /** For `openai`: where and which model (the key comes from `--api-key` or OPENAI_API_KEY, never from here). */
  openai?: OpenAIEndpoint;
  /** For `embedded`: the GGUF file (default: the installed model). */
  modelPath?: string;
  surface: SurfaceName;
  scenarios: string[];
  splits: Split[];
  difficulties: Difficulty[];
  /** Tasks per scenario. */
  tasks: number;
  /** Samples (episodes) per task: the k of pass@k and pass^k. */
  samples: number;
  /** Sampling temperature passed to the policy; the policy's default when absent. */
  temperature?: number;
  /** Root of every derived task and sample seed. */
  seed: number;
  /** Overrides each task's own turn budget. */
  maxTurns?: number;
  /** An episode succeeds (for pass@k and pass^k) when its reward is at least this. */
  successThreshold: number;
}

/** Options that only change how fast a run goes, never its results; free to differ on resume. */
export interface RuntimeOptions {
  concurrency: number;
  apiKey?: string;
  /** `openai`: per-request timeout in ms (slow local CPU models need minutes). */
  requestTimeoutMs?: number;
  /** `embedded`: CPU threads for llama.cpp (the policy's default when absent). */
  threads?: number;
}

export const DEFAULT_CONFIG = {
  surface: "rest",
  splits: ["test"],
  difficulties: [1, 2, 3],
  tasks: 10,
  samples: 1,
  seed: 0,
  successThreshold: 1,
} as const satisfies Partial<EvalConfig>;

/** `train`, `test` or `all`. */
export function parseSplits(value: string): Split[] {
  if (value === "all") return [...SPLITS];
  if ((SPLITS as readonly string[]).includes(value)) return [value as Split];
  throw new Error(`--split must be train, test or all, got '${value}'`);
}

/** `1`, `2`, `3`, a list such as `1,3`, or `all`. */
export function parseDifficulties(value: string): Difficulty[] {
  if (value === "all") return [...DIFFICULTIES];
  const out = value.split(",").map((part) => Number(part.trim()));
  if (out.length === 0 || out.some((d) => !(DIFFICULTIES as readonly number[]).includes(d))) {
    throw new Error(`--difficulty must be 1, 2, 3, a list of them or all, got '${value}'`);
  }
  return [...new Set(out as Difficulty[])].sort();
}

/** `all` or a comma-separated list of known scenario names. */
export function parseScenarios(value: string, known: readonly string[]): string[] {
  if (value === "all") return [...known];
  const names = [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`unknown scenario '${unknown.join(", ") || value}' (known: ${known.join(", ")})`);
  }
  return names;
}

/** Throws on values no run can use. */
export function validateConfig(config: EvalConfig): void {
  const positive = { tasks: config.tasks, samples: config.samples };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isInteger(config.seed)) throw new Error(`--seed must be an integer, got ${config.seed}`);
  if (config.maxTurns !== undefined && (!Number.isInteger(config.maxTurns) || config.maxTurns < 1)) {
    throw new Error(`--max-turns must be a positive integer, got ${config.maxTurns}`);
  }
  if (config.temperature !== undefined && !(config.temperature >= 0)) {
    throw new Error(`--temperature must be a number >= 0, got ${config.temperature}`);
  }
  if (!(config.successThreshold > 0 && config.successThreshold <= 1)) {
    throw new Error(`--success-threshold must be in (0, 1], got ${config.successThreshold}`);
  }
  if (config.scenarios.length === 0) throw new Error("no scenario selected");
  if (config.policy === "openai" && !config.openai) throw new Error("--policy openai needs --base-url and --model");
}

/** Fields a resumed run may raise: the plan only grows (see plan.ts), finished episodes stay valid. */
const GROWABLE = ["tasks", "samples"] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The configuration of a resumed run: the stored one with the options given again. Any option
 * that would change finished episodes' meaning must be unchanged; tasks and samples may grow.
 */
export function mergeResumeConfig(stored: EvalConfig, given: Partial<EvalConfig>): EvalConfig {
  const merged: EvalConfig = { ...stored };
  const conflicts: string[] = [];
  for (const [key, value] of Object.entries(given) as Array<[keyof EvalConfig, unknown]>) {
    if (value === undefined || same(value, stored[key])) continue;
    const growable = (GROWABLE as readonly string[]).includes(key);
    if (growable && typeof value === "number" && value >= (stored[key] as number)) {
      (merged as unknown as Record<string, unknown>)[key] = value;
      continue;
    }
    conflicts.push(`${key}: run has ${JSON.stringify(stored[key])}, asked for ${JSON.stringify(value)}`);
  }
  if (conflicts.length > 0) {
    throw new Error(`--resume continues the run as configured (only --tasks and --samples may grow): ${conflicts.join("; ")}`);
  }
  return merged;
}
