import { Table, type JournalRef } from "../store.js";

/** Jira's tables. Records are immutable: replace, never mutate. */
export interface JiraTables {
  // Filled in by the Jira emulator (projects, issues, comments, workflows, ...).
  placeholder: Table<never>;
}

export function createJiraTables(journal: JournalRef): JiraTables {
  return { placeholder: new Table(journal) };
}
