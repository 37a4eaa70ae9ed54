import { templateSet } from "../text/template.js";

/** Slots: {title} {space} {parent} {content}. The last four are held out for the test split. */
export const CREATE_PAGE_TEMPLATES = templateSet(
  "confluence-create-page",
  [
    'Create a Confluence page titled "{title}" in {space}, under {parent}. It should contain {content}.',
    'Please add a page "{title}" to {space} as a child of {parent}. Include {content}.',
    'New page in {space}: "{title}", placed under {parent}. The body needs {content}.',
    'Write up a page called "{title}" beneath {parent} in {space}, with {content}.',
    'Can you publish "{title}" in {space}? Put it under {parent} and give it {content}.',
    'I need a page named "{title}" in {space} (parent: {parent}) containing {content}.',
    'Set up the page "{title}" under {parent} in {space}. Make sure it has {content}.',
    'Draft and publish "{title}" in {space}, nested under {parent}; it must include {content}.',
    'Add "{title}" as a new page in {space} below {parent}. Content: {content}.',
    'Start a page "{title}" in {space}, child of {parent}, with {content} in the body.',
    // Held out for the test split.
    'Spin up a Confluence page, "{title}", living under {parent} in {space}; body requirements: {content}.',
    'Page request — space: {space}; parent: {parent}; title: "{title}"; must contain {content}.',
    'Could you put together "{title}" in {space}? File it beneath {parent} and include {content}.',
    'Make a fresh page "{title}" hanging off {parent} in {space}, featuring {content}.',
  ],
  4,
);
