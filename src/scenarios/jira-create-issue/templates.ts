import { templateSet } from "../text/template.js";

/**
 * Slots: {type} {project} {summary} {description} {assignee} {priority} {labels}, optional
 * {parent} and {due}. The last five are held out for the test split.
 */
export const CREATE_ISSUE_TEMPLATES = templateSet(
  "jira-create-issue",
  [
    'Create a {type} in {project} titled "{summary}". Assign it to {assignee}, set the priority to {priority} and add the labels {labels}.[ It belongs under {parent}.][ It is due on {due}.] Description: "{description}"',
    'Please open a new {type} in {project}: "{summary}". It should be assigned to {assignee} with {priority} priority and labelled {labels}.[ Make it a child of {parent}.][ Set the due date to {due}.] Put this in the description: "{description}"',
    'We need a {type} in {project} for "{summary}". Give it to {assignee}, priority {priority}, labels {labels}.[ Parent: {parent}.][ Due {due}.] For the description use: "{description}"',
    'Log a {type} in {project}. Summary: "{summary}". Description: "{description}". Assignee: {assignee}. Priority: {priority}. Labels: {labels}.[ Parent issue: {parent}.][ Due date: {due}.]',
    'Can you file a {type} in {project} called "{summary}"? In the description, say: "{description}" Assign {assignee}, mark it {priority} and tag it {labels}.[ File it under {parent}.][ It needs to be done by {due}.]',
    'Add a {type} to {project} with the summary "{summary}" and the description "{description}". It goes to {assignee}; priority {priority}; labels {labels}.[ Link it to its parent {parent}.][ Due on {due}.]',
    'New {type} for {project}: "{summary}". Owner: {assignee}. Priority: {priority}. Tags: {labels}.[ Parent: {parent}.][ Deadline: {due}.] Write "{description}" as the description.',
    'I need a ticket in {project}: a {type} named "{summary}", assigned to {assignee}, {priority} priority, labels {labels}.[ It sits under {parent}.][ Due date {due}.] The description should read: "{description}"',
    'Raise a {type} in {project} — "{summary}". Set {assignee} as assignee and {priority} as priority, and label it {labels}.[ Its parent is {parent}.][ Due {due}.] Description text: "{description}"',
    'Track this as a {type} in {project}: "{summary}". Description: "{description}". Please assign {assignee}, use priority {priority} and the labels {labels}.[ Put it under {parent}.][ Target date: {due}.]',
    'Open a {type} in {project} summarised as "{summary}", for {assignee} to handle, with priority {priority} and labels {labels}.[ Parent: {parent}.][ Due date: {due}.] Describe it as: "{description}"',
    'File "{summary}" as a {type} in {project}. Assignee {assignee}, priority {priority}, labels {labels}.[ Under {parent}.][ Due by {due}.] Description: "{description}"',
    // Held out for the test split.
    'Set up a {type} over in {project}; call it "{summary}". {assignee} takes it, at {priority} priority, tagged {labels}.[ Nest it beneath {parent}.][ It must land by {due}.] Body of the description: "{description}"',
    'Ticket request for {project}. Kind: {type}. Title: "{summary}". Details: "{description}". Who: {assignee}. Urgency: {priority}. Tags: {labels}.[ Parent: {parent}.][ When: {due}.]',
    'Could a {type} be added in {project}? Headline "{summary}", handled by {assignee}, priority {priority}, with the tags {labels}.[ Its parent should be {parent}.][ Finish date {due}.] Explanation for the description: "{description}"',
    'Put a {type} into {project} named "{summary}" ({priority} priority) for {assignee}, tagged {labels}.[ Hang it under {parent}.][ Due {due}.] Description should say "{description}"',
    'Please record "{summary}" in {project} as a {type}; {assignee} is responsible, priority is {priority}, labels are {labels}.[ Parent item: {parent}.][ Due date: {due}.] Use "{description}" for the description.',
  ],
  5,
);
