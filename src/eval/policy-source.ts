/**
 * Policies for an eval, from the spec string of `--policy`. Scripted policies (the oracle and
 * the perturbed oracles) are built per task, since they solve that task's plan; model policies
 * are built once and shared by every episode, so a model loads once and one HTTP client limits
 * the requests in flight.
 */
import { createEmbeddedPolicy, OpenAIPolicy } from "../policy/index.js";
import { ORACLE_ID, PERTURBATIONS, PERTURBED_PREFIX, isPerturbationLabel, scriptedPolicyFor } from "../policy/oracle/index.js";
import type { Policy } from "../policy/types.js";
import type { Task } from "../scenarios/types.js";
import type { SurfaceName } from "../tools/index.js";
import type { EvalConfig, RuntimeOptions } from "./config.js";

export type PolicySpec = { kind: "oracle" } | { kind: "perturbed"; label: string } | { kind: "embedded" } | { kind: "openai" };

export function parsePolicySpec(spec: string): PolicySpec {
  if (spec === ORACLE_ID) return { kind: "oracle" };
  if (spec === "embedded") return { kind: "embedded" };
  if (spec === "openai") return { kind: "openai" };
  if (spec.startsWith(PERTURBED_PREFIX)) {
    const label = spec.slice(PERTURBED_PREFIX.length);
    if (isPerturbationLabel(label)) return { kind: "perturbed", label };
    throw new Error(`unknown perturbation '${label}' (known: ${PERTURBATIONS.join(", ")})`);
  }
  throw new Error(`unknown policy '${spec}' (use oracle, ${PERTURBED_PREFIX}<failure>, embedded or openai)`);
}

export interface PolicySource {
  /** The policy id traces record. */
  readonly id: string;
  /** The only surface the policy can act through, when it is tied to one. */
  readonly surface?: SurfaceName;
  /** A policy for one episode of the task; undefined when the policy does not apply to it (a perturbation with no target there). */
  forEpisode(task: Task): Policy | undefined;
  close(): Promise<void>;
}

/** Scripted policies keep per-episode progress, so each episode gets its own instance. */
function scriptedSource(id: string, surface: SurfaceName): PolicySource {
  return {
    id,
    surface,
    forEpisode: (task) => scriptedPolicyFor(id, task, surface),
    close: async () => {},
  };
}

function sharedSource(policy: Policy): PolicySource {
  return {
    id: policy.id,
    forEpisode: () => policy,
    close: async () => {
      await policy.close?.();
    },
  };
}

export async function createPolicySource(config: EvalConfig, runtime: RuntimeOptions): Promise<PolicySource> {
  const spec = parsePolicySpec(config.policy);
  const sampling = { ...(config.temperature !== undefined ? { temperature: config.temperature } : {}), seed: config.seed };
  switch (spec.kind) {
    case "oracle":
      return scriptedSource(config.policy, config.surface);
    case "perturbed":
      return scriptedSource(config.policy, "rest");
    case "embedded":
      return sharedSource(
        await createEmbeddedPolicy({
          ...sampling,
          ...(config.modelPath !== undefined ? { modelPath: config.modelPath } : {}),
          sequences: runtime.concurrency,
          ...(runtime.threads !== undefined ? { threads: runtime.threads } : {}),
        }),
      );
    case "openai": {
      if (!config.openai) throw new Error("--policy openai needs --base-url and --model");
      const { baseUrl, model, toolFormat } = config.openai;
      return sharedSource(
        new OpenAIPolicy({
          ...sampling,
          baseUrl,
          model,
          toolFormat,
          concurrency: runtime.concurrency,
          ...(runtime.requestTimeoutMs !== undefined ? { timeoutMs: runtime.requestTimeoutMs } : {}),
          ...(runtime.apiKey !== undefined ? { apiKey: runtime.apiKey } : {}),
        }),
      );
    }
  }
}
