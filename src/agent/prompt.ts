import type { Site } from "../emulator/index.js";

/** The system prompt used when a task gives none: the setting, the tools' nature and how to finish. */
export function defaultSystemPrompt(site: Site): string {
  return [
    `You work in the Atlassian Cloud site ${site.meta.baseUrl} (Jira and Confluence) through the tools provided.`,
    "Each tool call is an API request; its result is the HTTP status and the JSON body the API returned, errors included.",
    "Look up what you do not know instead of guessing ids or values, then make exactly the changes the task asks for.",
    "When the task is done, reply with a short summary and no tool call.",
  ].join("\n");
}
