import { templateSet } from "../text/template.js";

/** Slots: {issue} {target}, optional {resolution} and {comment}. The last four are held out for the test split. */
export const TRANSITION_TEMPLATES = templateSet(
  "jira-transition-issue",
  [
    'Move {issue} to {target}.[ Set the resolution to {resolution}.][ Leave the comment: "{comment}"]',
    'Please transition {issue} to {target}[ with resolution {resolution}].[ Add this comment when you do: "{comment}"]',
    '{issue} should now be {target}.[ Resolution: {resolution}.][ Comment: "{comment}"]',
    'Can you get {issue} into {target}?[ Use the resolution {resolution}.][ Also comment "{comment}" on it.]',
    'Update the workflow status of {issue} to {target}.[ Resolve it as {resolution}.][ Note in a comment: "{comment}"]',
    'Push {issue} through to {target}[, resolution {resolution}].[ Please comment "{comment}" as well.]',
    'Set {issue} to {target}.[ It should be resolved as {resolution}.][ Explain with the comment "{comment}"]',
    'Time to move {issue} along to {target}.[ Resolution should be {resolution}.][ Comment text: "{comment}"]',
    'Change the status of {issue} to {target}[ (resolution: {resolution})].[ Add a comment saying "{comment}"]',
    'I\'d like {issue} in {target} please.[ Mark the resolution as {resolution}.][ And add the comment "{comment}".]',
    // Held out for the test split.
    'Shift {issue} over to {target}.[ Close it out as {resolution}.][ Drop a comment: "{comment}"]',
    'Workflow update needed: {issue} -> {target}.[ Resolution = {resolution}.][ Comment = "{comment}"]',
    'Bring {issue} to the {target} state.[ The resolution is {resolution}.][ Record this in a comment: "{comment}"]',
    'Get {issue} moved into {target}, would you?[ Resolution {resolution}.][ Say "{comment}" in a comment.]',
  ],
  4,
);
