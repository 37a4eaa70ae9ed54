import { templateSet } from "../text/template.js";

/** Slots: {label} {targets} (a noun phrase naming the issues or pages). The last four are held out for the test split. */
export const LABEL_TEMPLATES = templateSet(
  "labels",
  [
    'Add the label "{label}" to {targets}. Keep the labels they already have.',
    'Please tag {targets} with "{label}" (in addition to their existing labels).',
    'Give {targets} the label "{label}". Don\'t remove any labels that are already there.',
    'Every one of {targets} should get the extra label "{label}".',
    'Put "{label}" on {targets}; leave their current labels alone.',
    'I need "{label}" added as a label to {targets}, without touching the other labels.',
    'Go through {targets} and add the label "{label}" to each.',
    'Mark {targets} with the label "{label}" — add it, don\'t replace anything.',
    'Could you apply the "{label}" label to {targets}? Existing labels must stay.',
    'Tag all of {targets} as "{label}", keeping whatever labels they have now.',
    // Held out for the test split.
    'Stick an additional "{label}" label on {targets}; nothing else about their labels should change.',
    'Bulk-label request: {targets} -> add "{label}" (append only).',
    'Make sure {targets} carry the label "{label}" as well as their present ones.',
    'Append "{label}" to the labels of {targets}.',
  ],
  4,
);
