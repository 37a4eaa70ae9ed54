/**
 * Finds the tool calls a model wrote as text. One left-to-right pass, so calls keep the order they were written in:
 *   - `<tool_call>{...}</tool_call>` (Hermes / Qwen; the body may be one object, a list, or several values);
 *   - fenced blocks (```json ... ```) holding a call object or a list of them;
 *   - bare JSON objects or lists with `name` + `arguments` (or `parameters`) in the prose.
 * An attempt that cannot be read (truncated JSON, no name, ...) lands in `unparsed` with its raw text and the reason:
 * the trace records it as `invalid_json`, it is never dropped. `content` is the text with all call markup removed.
 */
import type { ToolCall, UnparsedCall } from "../types.js";
import { readCalls, type CallContext, type CallReading, type RawCall } from "./call-object.js";
import { scanJsonValue, skipJsonWhitespace } from "./json-spans.js";

export interface ParsedText {
  content: string;
  toolCalls: ToolCall[];
  unparsed: UnparsedCall[];
}

export interface ParseOptions {
  /** Call ids are `${idPrefix}${n}` (n counts from 0 within the text), so re-parsing the same text gives the same ids. */
  idPrefix?: string;
}

const TAG_OPEN = "<tool_call>";
const TAG_CLOSE = "</tool_call>";
const FENCE = "```";
/** Fences whose info string says they may hold a call; the rest are code or prose and stay in the content. */
const CALL_FENCE_INFO = new Set(["", "json", "tool_call", "tool_calls", "function_call"]);
/** A failed JSON value in prose counts as an attempted call when it names a call's keys. */
const CALL_KEY = /"(?:name|arguments|parameters)"\s*:/;

export function parseToolCalls(text: string, options: ParseOptions = {}): ParsedText {
  const idPrefix = options.idPrefix ?? "call_";
  const toolCalls: ToolCall[] = [];
  const unparsed: UnparsedCall[] = [];
  const kept: string[] = [];

  const record = (reading: CallReading, raw: string): boolean => {
    if (reading.kind === "calls") {
      for (const call of reading.calls) toolCalls.push(toToolCall(call, `${idPrefix}${toolCalls.length}`));
      return true;
    }
    if (reading.kind === "invalid") {
      unparsed.push({ text: raw, error: reading.error });
      return true;
    }
    return false;
  };

  let at = 0;
  let plainFrom = 0;
  const keepPlain = (until: number) => {
    if (until > plainFrom) kept.push(text.slice(plainFrom, until));
  };

  while (at < text.length) {
    if (text.startsWith(TAG_OPEN, at)) {
      keepPlain(at);
      const block = readTagBlock(text, at);
      record(block.reading, text.slice(at, block.end));
      at = plainFrom = block.end;
      continue;
    }
    if (text.startsWith(FENCE, at)) {
      const fence = readFence(text, at);
      if (fence.reading.kind !== "other") {
        keepPlain(at);
        record(fence.reading, text.slice(at, fence.end));
        plainFrom = fence.end;
      }
      // Non-call fences stay in the content whole: JSON inside example code is not a call.
      at = fence.end;
      continue;
    }
    const char = text[at];
    if (char === "{" || char === "[") {
      const scan = scanJsonValue(text, at);
      if (scan.ok) {
        const raw = text.slice(at, scan.node.end);
        if (record(readCalls(scan.node, text, "untagged"), raw)) {
          keepPlain(at);
          plainFrom = scan.node.end;
        }
        at = scan.node.end;
        continue;
      }
      const attempt = text.slice(at, scan.truncated ? text.length : Math.max(scan.position, at + 1));
      if (CALL_KEY.test(attempt)) {
        keepPlain(at);
        unparsed.push({ text: attempt, error: `invalid JSON: ${scan.error}` });
        at = plainFrom = at + attempt.length;
        continue;
      }
    }
    at += 1;
  }
  keepPlain(text.length);
  return { content: tidy(kept.join("")), toolCalls, unparsed };
}

function toToolCall(call: RawCall, id: string): ToolCall {
  return { id, name: call.name, argumentsText: call.argumentsText };
}

/** `<tool_call>` up to its `</tool_call>`, or to the end of the text when the closing tag never came. */
function readTagBlock(text: string, start: number): { end: number; reading: CallReading } {
  const bodyStart = start + TAG_OPEN.length;
  const close = text.indexOf(TAG_CLOSE, bodyStart);
  const closed = close !== -1;
  const bodyEnd = closed ? close : text.length;
  const end = closed ? close + TAG_CLOSE.length : text.length;
  let reading = readJsonSequence(unfence(text.slice(bodyStart, bodyEnd)), "tagged");
  if (!closed && reading.kind === "invalid") reading = { kind: "invalid", error: `${reading.error}; no closing ${TAG_CLOSE}` };
  return { end, reading };
}

/** A ``` fence with an optional info string (json, tool_call, ...), up to its closing ``` or the end of the text. */
function readFence(text: string, start: number): { end: number; reading: CallReading } {
  const lineEnd = text.indexOf("\n", start + FENCE.length);
  if (lineEnd === -1) return { end: text.length, reading: { kind: "other" } };
  const info = text.slice(start + FENCE.length, lineEnd).trim();
  const close = text.indexOf(FENCE, lineEnd + 1);
  const end = close === -1 ? text.length : close + FENCE.length;
  // Code in other languages may mention call-like JSON without being a call.
  if (!CALL_FENCE_INFO.has(info.toLowerCase())) return { end, reading: { kind: "other" } };
  const body = text.slice(lineEnd + 1, close === -1 ? text.length : close);
  const reading = readJsonSequence(body, "untagged");
  if (reading.kind === "invalid" && close === -1)
    return { end, reading: { kind: "invalid", error: `${reading.error}; no closing ${FENCE}` } };
  return { end, reading };
}

/**
 * One or more JSON values separated by whitespace, all of which must be calls (inside tags) or, in a fence, all calls
 * or none. Text that fails to parse is an attempt inside tags; in a fence only when it mentions a call's keys.
 */
function readJsonSequence(body: string, context: CallContext): CallReading {
  const calls: RawCall[] = [];
  let sawOther = false;
  let at = skipJsonWhitespace(body, 0);
  if (at >= body.length) return context === "tagged" ? { kind: "invalid", error: "empty tool call" } : { kind: "other" };
  while (at < body.length) {
    const scan = scanJsonValue(body, at);
    if (!scan.ok) {
      // In a fence, only something that starts as JSON and names a call's keys was meant as a call.
      if (context === "untagged" && (!/^[[{]/.test(body.slice(at)) || !CALL_KEY.test(body))) return { kind: "other" };
      return { kind: "invalid", error: `invalid JSON: ${scan.error}` };
    }
    const reading = readCalls(scan.node, body, context);
    if (reading.kind === "invalid") return reading;
    if (reading.kind === "other") sawOther = true;
    else calls.push(...reading.calls);
    at = skipJsonWhitespace(body, scan.node.end);
  }
  if (!sawOther) return { kind: "calls", calls };
  if (calls.length === 0) return { kind: "other" };
  return { kind: "invalid", error: "a block mixes tool calls with other JSON" };
}

/** Models sometimes wrap the JSON inside `<tool_call>` in a ```json fence. */
function unfence(body: string): string {
  const match = /^\s*```[\w-]*\n([\s\S]*?)\n?```\s*$/.exec(body);
  return match ? (match[1] ?? "") : body;
}

function tidy(content: string): string {
  return content.replace(/\n{3,}/g, "\n\n").trim();
}
