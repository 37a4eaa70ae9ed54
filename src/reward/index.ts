/**
 * The reward engine: `reward(task, trace) -> {reward in [0,1], components, failures}`.
 * See docs/scenarios.md for the components, weights and failure labels.
 */
import type { Task } from "../scenarios/types.js";
import type { Trace } from "../trace/types.js";
import { episodeFromTrace } from "./from-trace.js";
import { scoreEpisode, type RewardResult } from "./score.js";

export { scoreEpisode, NO_WRITE_CAP, type RewardResult } from "./score.js";
export { episodeFromTrace } from "./from-trace.js";
export type { Episode, EpisodeCall, EpisodeRequest } from "./episode.js";
export { FAILURE_LABELS, type Failure, type FailureLabel } from "./labels.js";
export { COMPONENTS, COMPONENT_MEANING, DEFAULT_WEIGHTS, type ComponentName, type Weights } from "./weights.js";

export function reward(task: Task, trace: Pick<Trace, "turns" | "stopReason">): RewardResult {
  return scoreEpisode(task, episodeFromTrace(trace));
}
