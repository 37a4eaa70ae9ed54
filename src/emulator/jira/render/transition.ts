import type { Site } from "../../site.js";
import { fieldMetadata } from "../fields/metadata.js";
import type { IssueTypeRecord, ProjectRecord, TransitionRecord } from "../state.js";
import { renderStatus } from "./catalog.js";

/** The spec's `IssueTransition`; with `withFields`, the screen's fields (`expand=transitions.fields`). */
export function renderTransition(
  site: Site,
  transition: TransitionRecord,
  project: ProjectRecord,
  issueType: IssueTypeRecord,
  withFields: boolean,
): Record<string, unknown> {
  const to = site.jira.statuses.get(transition.to);
  const out: Record<string, unknown> = {
    id: transition.id,
    name: transition.name,
    to: to ? renderStatus(to, site.meta.baseUrl) : undefined,
    hasScreen: transition.screen.length > 0,
    isGlobal: transition.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
  if (withFields) {
    const fields: Record<string, unknown> = {};
    for (const field of transition.screen) {
      const meta = fieldMetadata(site, field, project, issueType);
      if (meta) fields[field.fieldId] = meta;
    }
    out["fields"] = fields;
  }
  return out;
}
