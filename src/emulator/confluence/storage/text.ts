/** Plain text of storage bodies (for CQL `text ~` and tests) and their task-list items. */
import { adfToText } from "../../adf/text.js";
import { parseStorage } from "./parse.js";
import { storageInlineToAdf, storageTreeToAdf } from "./to-adf.js";
import { childElements, firstChild, rawText } from "./tree.js";
import type { StorageElement, StorageTaskItem } from "./types.js";

/** One line per block, as `adfToText` of the converted body; unparseable input is returned as is. */
export function storageToText(xhtml: string): string {
  const parsed = parseStorage(xhtml);
  return parsed.ok ? adfToText(storageTreeToAdf(parsed.root)) : xhtml;
}

/** Every `<ac:task>` in document order, nested lists included; [] for unparseable input. */
export function storageTaskItems(xhtml: string): StorageTaskItem[] {
  const parsed = parseStorage(xhtml);
  if (!parsed.ok) return [];
  const items: StorageTaskItem[] = [];
  // Iterative walk: the parser bounds depth, but there is no need to recurse at all.
  const stack: StorageElement[] = [parsed.root];
  while (stack.length > 0) {
    const el = stack.pop() as StorageElement;
    if (el.name === "ac:task") items.push(taskItem(el));
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as StorageElement);
  }
  return items;
}

function taskItem(task: StorageElement): StorageTaskItem {
  const idElement = firstChild(task, "ac:task-id") ?? firstChild(task, "ac:task-uuid");
  const status = firstChild(task, "ac:task-status");
  const body = firstChild(task, "ac:task-body");
  const text = body ? adfToText({ type: "paragraph", content: storageInlineToAdf(body.children) }) : "";
  return {
    id: idElement ? rawText(idElement).trim() : "",
    status: status !== undefined && rawText(status).trim() === "complete" ? "complete" : "incomplete",
    text: text.replace(/\s+/g, " ").trim(),
  };
}
