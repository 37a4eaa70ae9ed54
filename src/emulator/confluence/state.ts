import { Table, type JournalRef } from "../store.js";

/** Confluence's tables. Records are immutable: replace, never mutate. */
export interface ConfluenceTables {
  // Filled in by the Confluence emulator (spaces, pages, versions, labels, comments, ...).
  placeholder: Table<never>;
}

export function createConfluenceTables(journal: JournalRef): ConfluenceTables {
  return { placeholder: new Table(journal) };
}
