import type { Site } from "../../site.js";
import { LABEL_ID_START, LABEL_SEQUENCE, labelNameKey, type ConfluenceTables, type LabelPrefix, type LabelRecord } from "../state.js";
import { recordsByIds, withAppended, withIdSorted, without } from "./lists.js";

/** Label writes: a label exists once per site (`prefix:name`) and links to any number of pages. */

export function findLabel(t: ConfluenceTables, prefix: string, name: string): LabelRecord | undefined {
  const id = t.labelNames.get(labelNameKey(prefix, name));
  return id === undefined ? undefined : t.labels.get(id);
}

/** The label `prefix:name`, created on first use. */
export function ensureLabel(site: Site, prefix: LabelPrefix, name: string): LabelRecord {
  const t = site.confluence;
  const existing = findLabel(t, prefix, name);
  if (existing) return existing;
  const label: LabelRecord = { id: String(site.nextId(LABEL_SEQUENCE, LABEL_ID_START)), prefix, name, createdAt: site.now() };
  t.labels.set(label.id, label);
  t.labelNames.set(labelNameKey(prefix, name), label.id);
  return label;
}

export function attachLabel(t: ConfluenceTables, contentId: string, labelId: string): void {
  t.contentLabels.set(contentId, withAppended(t.contentLabels.get(contentId), labelId));
  t.labelContent.set(labelId, withIdSorted(t.labelContent.get(labelId), contentId));
}

/** Removes the link; false when the content did not carry the label. */
export function detachLabel(t: ConfluenceTables, contentId: string, labelId: string): boolean {
  const current = t.contentLabels.get(contentId);
  if (!current || !current.includes(labelId)) return false;
  const remaining = without(current, labelId);
  if (remaining.length > 0) t.contentLabels.set(contentId, remaining);
  else t.contentLabels.delete(contentId);
  const pages = without(t.labelContent.get(labelId), contentId);
  if (pages.length > 0) t.labelContent.set(labelId, pages);
  else t.labelContent.delete(labelId);
  return true;
}

export function labelsOf(t: ConfluenceTables, contentId: string): LabelRecord[] {
  return recordsByIds(t.labels, t.contentLabels.get(contentId));
}
