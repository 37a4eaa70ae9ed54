/**
 * Reads a JSON value (with source spans) as zero or more tool calls.
 * Accepted shapes: `{"name", "arguments"}`, `{"name", "parameters"}`, OpenAI's `{"type":"function","function":{...}}`,
 * and a list of any of these. `arguments` may be an object (kept as its exact source text) or a JSON string
 * (kept as the decoded string, which is the text the model meant as arguments).
 */
import type { JsonNode } from "./json-spans.js";

export interface RawCall {
  name: string;
  argumentsText: string;
}

export type CallReading =
  | { kind: "calls"; calls: RawCall[] }
  /** Looked like a call, could not be read as one. */
  | { kind: "invalid"; error: string }
  /** Ordinary JSON that is not a call (only possible outside `<tool_call>` tags). */
  | { kind: "other" };

/**
 * `tagged`: the value sits inside `<tool_call>` tags, so it must be a call.
 * `untagged`: the value sits in prose or a fenced block, so only objects with both a name and arguments count.
 */
export type CallContext = "tagged" | "untagged";

type ObjectNode = Extract<JsonNode, { kind: "object" }>;

export function readCalls(node: JsonNode, source: string, context: CallContext): CallReading {
  if (node.kind === "object") return readCallObject(node, source, context);
  if (node.kind === "array") return readCallList(node.items, source, context);
  if (context === "untagged") return { kind: "other" };
  return { kind: "invalid", error: `expected a call object {"name": ..., "arguments": ...} but found a JSON ${node.kind}` };
}

function readCallList(items: readonly JsonNode[], source: string, context: CallContext): CallReading {
  if (items.length === 0) return context === "tagged" ? { kind: "invalid", error: "empty list of calls" } : { kind: "other" };
  const readings = items.map((item) => readCalls(item, source, context));
  if (context === "untagged" && readings.every((reading) => reading.kind === "other")) return { kind: "other" };
  const calls: RawCall[] = [];
  for (const [index, reading] of readings.entries()) {
    if (reading.kind === "calls") calls.push(...reading.calls);
    else if (reading.kind === "invalid") return { kind: "invalid", error: `item ${index + 1}: ${reading.error}` };
    else return { kind: "invalid", error: `item ${index + 1} is not a call object` };
  }
  return { kind: "calls", calls };
}

function readCallObject(node: ObjectNode, source: string, context: CallContext): CallReading {
  const wrapper = lastEntry(node, "function");
  const call = wrapper?.kind === "object" ? wrapper : node;
  const name = lastEntry(call, "name");
  const args = lastEntry(call, "arguments") ?? lastEntry(call, "parameters");
  if (context === "untagged" && (name === undefined || args === undefined)) {
    // Arguments without a name is a broken call; a lone name (`{"name": "Alice"}`) is just data.
    return args !== undefined ? { kind: "invalid", error: 'call object has no "name"' } : { kind: "other" };
  }
  if (name === undefined) return { kind: "invalid", error: 'call object has no "name"' };
  if (name.kind !== "string") return { kind: "invalid", error: `"name" must be a string but is a JSON ${name.kind}` };
  if (name.value.trim() === "") return { kind: "invalid", error: '"name" is empty' };
  const argumentsText = args === undefined ? "{}" : args.kind === "string" ? args.value : source.slice(args.start, args.end);
  return { kind: "calls", calls: [{ name: name.value, argumentsText }] };
}

/** JSON.parse semantics: with duplicate keys the last one wins. */
function lastEntry(node: ObjectNode, key: string): JsonNode | undefined {
  for (let index = node.entries.length - 1; index >= 0; index--) {
    const entry = node.entries[index];
    if (entry?.key === key) return entry.value;
  }
  return undefined;
}
