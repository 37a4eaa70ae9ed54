/**
 * Instruction templates: text with `{slot}`s and optional `[...]` groups that vanish when a
 * slot inside them is empty. Every template belongs to one split, so the test split's
 * wording is never seen in training.
 */
import type { Rng } from "../../util/rng.js";
import type { Split } from "../types.js";

export interface Template {
  id: string;
  text: string;
}

/** Templates of one instruction kind, divided between the splits. */
export interface TemplateSet {
  train: readonly Template[];
  test: readonly Template[];
}

/** Builds a set from plain texts: ids are `<prefix>.<n>`; the last `heldOut` texts go to test. */
export function templateSet(prefix: string, texts: readonly string[], heldOut: number): TemplateSet {
  if (heldOut <= 0 || heldOut >= texts.length) throw new Error(`template set ${prefix}: hold out between 1 and ${texts.length - 1}`);
  const all = texts.map((text, i) => ({ id: `${prefix}.${i + 1}`, text }));
  return { train: all.slice(0, texts.length - heldOut), test: all.slice(texts.length - heldOut) };
}

export function pickTemplate(rng: Rng, set: TemplateSet, split: Split): Template {
  return rng.pick(split === "train" ? set.train : set.test);
}

export type Slots = Readonly<Record<string, string | undefined>>;

/**
 * Fills slots. A `[...]` group is kept only when every slot inside it has a non-empty value;
 * a slot outside any group must be filled (a missing one is a generator bug and throws).
 */
export function render(text: string, slots: Slots): string {
  const withGroups = text.replace(/\[([^\][]*)\]/g, (_whole, inner: string) => {
    const names = [...inner.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    return names.every((n) => (slots[n] ?? "") !== "") ? inner : "";
  });
  const filled = withGroups.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = slots[name];
    if (value === undefined || value === "") throw new Error(`template slot {${name}} is empty in: ${text}`);
    return value;
  });
  return tidy(filled);
}

/** Removes the doubled spaces and space-before-punctuation that dropped groups leave behind. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, " ")
    .replace(/ +([,.;:!?])/g, "$1")
    .replace(/,([.;!?])/g, "$1")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Upper-cases the first letter (templates may start with a slot). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
