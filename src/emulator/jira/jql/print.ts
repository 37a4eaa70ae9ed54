/**
 * Prints syntax trees back to JQL (`parseJql(printJql(q))` gives `q` again) and renders operands the way
 * Jira shows them inside its error messages.
 */
import type { JqlClause, JqlFieldRef, JqlOperand, JqlQuery } from "./ast.js";
import { isKeyword, isReserved } from "./words.js";

const SPECIAL = new Set([
  '"',
  "'",
  "\\",
  "(",
  ")",
  ",",
  "=",
  "!",
  "<",
  ">",
  "~",
  "[",
  "]",
  "&",
  "|",
  "{",
  "}",
  "*",
  "/",
  "%",
  "+",
  "^",
  "$",
  "#",
  "@",
  "?",
  ";",
]);

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

function needsEscapeInWord(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return SPECIAL.has(ch) || code <= 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0x3000 || code === 0xfffe || code === 0xffff;
}

function isIntegerText(text: string): boolean {
  return /^-?[0-9]+$/.test(text);
}

/** An unquoted word whose decoded text is `text` (escaping what would otherwise change its meaning). */
function printWord(text: string, numeric: boolean): string {
  let out = "";
  for (const ch of text) out += ch.length === 1 && needsEscapeInWord(ch) ? unicodeEscape(ch) : ch;
  const first = text[0];
  const mustDisguise = isKeyword(text) || isReserved(text) || (!numeric && isIntegerText(text));
  if (first !== undefined && mustDisguise && out.startsWith(first)) out = unicodeEscape(first) + out.slice(first.length);
  return out;
}

/** A double-quoted JQL string. */
export function quoteJql(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.length === 1 && (ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f)))
      out += unicodeEscape(ch);
    else out += ch;
  }
  return `${out}"`;
}

function isSafeWord(text: string): boolean {
  if (text === "" || isKeyword(text) || isReserved(text)) return false;
  for (const ch of text) if (ch.length === 1 && needsEscapeInWord(ch)) return false;
  return true;
}

function printField(field: JqlFieldRef): string {
  if (field.quoted) return quoteJql(field.name);
  if (/^cf\[[0-9]+\]$/i.test(field.name)) return field.name;
  return printWord(field.name, false);
}

function printFunctionName(name: string): string {
  return isSafeWord(name) ? name : quoteJql(name);
}

export function printOperand(operand: JqlOperand): string {
  switch (operand.kind) {
    case "empty":
      return operand.text;
    case "value":
      return operand.quoted ? quoteJql(operand.value) : printWord(operand.value, operand.numeric);
    case "function":
      return `${printFunctionName(operand.name)}(${operand.args.map((a) => (isSafeWord(a) ? a : quoteJql(a))).join(", ")})`;
    case "list":
      return `(${operand.items.map(printOperand).join(", ")})`;
  }
}

function printClause(clause: JqlClause): string {
  switch (clause.kind) {
    case "terminal":
      return `${printField(clause.field)} ${clause.operator.toUpperCase()} ${printOperand(clause.operand)}`;
    case "not": {
      const inner = clause.clause;
      const text = printClause(inner);
      return inner.kind === "and" || inner.kind === "or" ? `NOT (${text})` : `NOT ${text}`;
    }
    case "and":
      return clause.clauses.map((c) => (c.kind === "and" || c.kind === "or" ? `(${printClause(c)})` : printClause(c))).join(" AND ");
    case "or":
      return clause.clauses.map((c) => (c.kind === "or" ? `(${printClause(c)})` : printClause(c))).join(" OR ");
  }
}

/** Canonical JQL for a syntax tree. */
export function printJql(query: JqlQuery): string {
  const parts: string[] = [];
  if (query.where) parts.push(printClause(query.where));
  if (query.orderBy) {
    const terms = query.orderBy.map((t) => (t.direction ? `${printField(t.field)} ${t.direction.toUpperCase()}` : printField(t.field)));
    parts.push(`ORDER BY ${terms.join(", ")}`);
  }
  return parts.join(" ");
}

/** How Jira renders an operand inside messages such as "Operator '=' does not support the list value '(...)'". */
export function displayOperand(operand: JqlOperand): string {
  switch (operand.kind) {
    case "empty":
      return "EMPTY";
    case "value":
      return operand.numeric ? operand.value : `"${operand.value}"`;
    case "function":
      return `${operand.name}(${operand.args.join(", ")})`;
    case "list":
      return `(${operand.items.map(displayOperand).join(", ")})`;
  }
}
