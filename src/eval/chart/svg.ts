/** Just enough SVG writing for charts: escaped text and attributes, numbers rounded for small files. */

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

type AttrValue = string | number | undefined;

function attrs(values: Record<string, AttrValue>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? round(value) : escapeXml(value)}"`)
    .join("");
}

export function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function element(name: string, values: Record<string, AttrValue>, children?: string): string {
  return children === undefined ? `<${name}${attrs(values)}/>` : `<${name}${attrs(values)}>${children}</${name}>`;
}

export function text(content: string, values: Record<string, AttrValue>): string {
  return element("text", values, escapeXml(content));
}

export function line(x1: number, y1: number, x2: number, y2: number, style: Record<string, AttrValue>): string {
  return element("line", { x1, y1, x2, y2, ...style });
}

/** Average advance of DejaVu Sans per character, as a share of the font size (for layout estimates). */
export const CHAR_WIDTH = 0.6;

export function textWidth(content: string, fontSize: number): number {
  return content.length * fontSize * CHAR_WIDTH;
}
