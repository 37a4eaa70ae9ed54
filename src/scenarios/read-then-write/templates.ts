import { templateSet } from "../text/template.js";

/** Checklist -> issues. Slots: {page} {space} {type} {project}. The last three are held out for the test split. */
export const CHECKLIST_TEMPLATES = templateSet(
  "read-then-write.checklist",
  [
    "Turn every unchecked item on the checklist page {page} in {space} into a {type} in {project}. Use the item text as the summary and put a link back to the page in each description. Skip items that are already checked.",
    "Go through {page} in {space} and create a {type} in {project} for each item that is not done yet (summary = the item text). Each description must link back to that page.",
    "For each open (unchecked) task on {page} in {space}, file a {type} in {project} whose summary is the task text and whose description links to the checklist page.",
    "There are items left on {page} in {space}. Create one {type} per unchecked item in {project}, summary exactly the item, with the page's URL in the description.",
    "Please convert the incomplete checklist items on {page} ({space}) into issues of type {type} in {project}. Summaries should match the items; link each one back to the page in its description.",
    "Create {project} tickets ({type}) for whatever is still unchecked on {page} in {space}; name each after its item and reference the page URL in the description.",
    "Read the checklist on {page} in {space}, then open a {type} in {project} for each unchecked entry. The summary is the entry text and the description must contain a link to the page.",
    // Held out for the test split.
    "Anything not ticked off on {page} over in {space} needs its own {type} in {project}: title it with the item text and link back to the page in the description.",
    "Checklist triage: {page} ({space}). Each outstanding item becomes a {type} in {project}, same wording as the summary, page link in the description.",
    "Mirror the remaining (unchecked) items of {page} in {space} as {type} issues in {project}; summaries verbatim, and each description pointing back to the page.",
  ],
  3,
);

/** Epic -> summary page. Slots: {epic} {title} {space} {parent}. The last three are held out for the test split. */
export const EPIC_SUMMARY_TEMPLATES = templateSet(
  "read-then-write.epic",
  [
    'Publish a Confluence page "{title}" under {parent} in {space} summarising {epic}: include a table with one row per child issue showing its key, summary and status.',
    'Create the page "{title}" in {space} (parent: {parent}) with a table of every issue in {epic}, listing key, summary and status for each.',
    'Write a status page "{title}" under {parent} in {space}. It needs a table covering all child issues of {epic} with their keys, summaries and current statuses.',
    'Please put together a summary of {epic} as a new page "{title}" in {space}, beneath {parent}: a table of its child issues (key, summary, status).',
    'I want a page called "{title}" under {parent} in {space} that lists the children of {epic} in a table: key, summary, status.',
    'Document {epic} on Confluence: new page "{title}" in {space} under {parent}, containing a table of each child issue with key, summary and status.',
    'Make a page "{title}" in {space}, child of {parent}, reporting on {epic} — a table with a row per child issue giving key, summary and status.',
    // Held out for the test split.
    'Roll up {epic} into a Confluence page, "{title}", filed under {parent} in {space}; table columns: key, summary, status, one row per child.',
    'Status digest needed: page "{title}" beneath {parent} ({space}) that tabulates every child of {epic} by key, summary and status.',
    'Could you capture {epic} and its children on a page "{title}" in {space} under {parent}? Tabulate key, summary and status per child.',
  ],
  3,
);
