import type { LabelRecord } from "../state.js";

/** v2 `Label`. */
export function renderLabel(label: LabelRecord): Record<string, unknown> {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

/** v1 label (`/wiki/rest/api/content/{id}/label`): v1 repeats the name as `label`. */
export function renderLabelV1(label: LabelRecord): Record<string, unknown> {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name };
}
