export { runEpisode, authorizationOf, UNPARSED_TOOL_NAME, type EpisodeOptions, type Credentials } from "./run-episode.js";
export { defaultSystemPrompt } from "./prompt.js";
export { parseArguments } from "./call.js";
