/**
 * Parsed Confluence storage format (XHTML with `ac:`/`ri:` namespaces). Comments and processing
 * instructions are dropped; CDATA sections, entities and character references become plain text,
 * and adjacent text is merged into one node.
 */
export interface StorageElement {
  kind: "element";
  /** Qualified name as written, e.g. `p`, `ac:structured-macro`, `ri:page`. The root is `#document`. */
  name: string;
  /** Attributes by qualified name, values with references resolved. */
  attrs: ReadonlyMap<string, string>;
  children: StorageNode[];
}

export interface StorageText {
  kind: "text";
  text: string;
}

export type StorageNode = StorageElement | StorageText;

export type StorageParse = { ok: true; root: StorageElement } | { ok: false; message: string };

/** One `<ac:task>` of a task list. */
export interface StorageTaskItem {
  /** The `<ac:task-id>` (or `<ac:task-uuid>` when there is no id). */
  id: string;
  status: "complete" | "incomplete";
  /** Plain text of the `<ac:task-body>`, whitespace collapsed. */
  text: string;
}
