/** Small read helpers over parsed storage trees. */
import type { StorageElement, StorageNode } from "./types.js";

export function childElements(el: StorageElement, name?: string): StorageElement[] {
  const out: StorageElement[] = [];
  for (const c of el.children) if (c.kind === "element" && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(el: StorageElement, name: string): StorageElement | undefined {
  for (const c of el.children) if (c.kind === "element" && c.name === name) return c;
  return undefined;
}

/** Raw text of a subtree (no whitespace handling); iterative so depth is never a concern. */
export function rawText(node: StorageNode): string {
  let out = "";
  const stack: StorageNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as StorageNode;
    if (n.kind === "text") out += n.text;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as StorageNode);
  }
  return out;
}

/** The `<ac:parameter ac:name="...">` values of a macro, by name. */
export function macroParameters(macro: StorageElement): Map<string, string> {
  const params = new Map<string, string>();
  for (const p of childElements(macro, "ac:parameter")) params.set(p.attrs.get("ac:name") ?? "", rawText(p).trim());
  return params;
}
