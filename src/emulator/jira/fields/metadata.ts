import type { Site } from "../../site.js";
import { renderIssueType, renderPriority, renderProjectRef, renderResolution } from "../render/catalog.js";
import type { IssueTypeRecord, ProjectRecord, ScreenField } from "../state.js";
import { fieldById } from "./catalog.js";
import { defaultPriority } from "../lookup.js";

/**
 * Field metadata as create metadata and transition screens describe it (the spec's
 * `FieldMetadata`): required flag, schema, name, key, operations, and allowed values or an
 * autocomplete URL where Jira gives them.
 */
export function fieldMetadata(
  site: Site,
  field: ScreenField,
  project: ProjectRecord,
  issueType: IssueTypeRecord,
): Record<string, unknown> | undefined {
  const def = fieldById(field.fieldId);
  if (!def) return undefined;
  const baseUrl = site.meta.baseUrl;
  const out: Record<string, unknown> = {
    required: field.required,
    schema: { ...def.schema },
    name: def.name,
    key: def.id,
    hasDefaultValue: false,
    operations: [...def.operations],
  };
  switch (def.id) {
    case "issuetype":
      out["allowedValues"] = [renderIssueType(issueType, baseUrl)];
      break;
    case "project":
      out["allowedValues"] = [renderProjectRef(project, baseUrl)];
      break;
    case "priority": {
      out["allowedValues"] = [...site.jira.priorities.values()].map((p) => renderPriority(p, baseUrl));
      const fallback = defaultPriority(site);
      if (fallback) {
        out["hasDefaultValue"] = true;
        out["defaultValue"] = renderPriority(fallback, baseUrl);
      }
      break;
    }
    case "resolution":
      out["allowedValues"] = [...site.jira.resolutions.values()].map((r) => renderResolution(r, baseUrl));
      break;
    case "assignee":
      out["autoCompleteUrl"] = `${baseUrl}/rest/api/3/user/assignable/search?project=${project.key}&query=`;
      break;
    case "reporter":
      out["autoCompleteUrl"] = `${baseUrl}/rest/api/3/user/search?query=`;
      out["hasDefaultValue"] = true;
      break;
    case "labels":
      out["autoCompleteUrl"] = `${baseUrl}/rest/api/1.0/labels/suggest?query=`;
      break;
  }
  return out;
}
