/**
 * GBNF for constrained decoding (`constrainToolCalls`): the reply is either a plain answer or one or more tool calls
 * written exactly as the chat template writes them,
 *   <tool_call>\n{"name": "<an offered tool>", "arguments": {<any JSON object>}}\n</tool_call>
 * separated by newlines. Arguments are any JSON object, not the tool's schema: the reward judges schema mistakes,
 * the grammar only removes malformed JSON and invented tool names.
 */

export interface ToolCallGrammarOptions {
  /** Allow only tool calls, no plain answer (like OpenAI's `tool_choice: "required"`). Default false. */
  requireToolCall?: boolean;
}

/** Builds the grammar for a set of offered tool names (at least one). */
export function toolCallGrammar(toolNames: readonly string[], options: ToolCallGrammarOptions = {}): string {
  if (toolNames.length === 0) throw new Error("a tool-call grammar needs at least one tool");
  const names = [...new Set(toolNames)].map((name) => gbnfLiteral(jsonStringBody(name))).join(" | ");
  return [
    options.requireToolCall ? "root ::= calls" : "root ::= answer | calls",
    // A plain answer may not open with markup or whitespace, so no tool call can hide behind it unconstrained.
    "answer ::= [^<\\x20\\t\\n\\r] [^\\x00]*",
    // A bounded number of calls per reply, so a small model cannot loop on calls until the token budget ends.
    'calls ::= call ( "\\n" call ){0,3}',
    `call ::= ${gbnfLiteral('<tool_call>\n{"name": "')} name ${gbnfLiteral('", "arguments": ')} object ${gbnfLiteral("}\n</tool_call>")}`,
    `name ::= ${names}`,
    "value ::= object | array | string | number | literal",
    'object ::= "{" ws ( member ( "," ws member )* )? "}" ws',
    'member ::= string ":" ws value',
    'array ::= "[" ws ( value ( "," ws value )* )? "]" ws',
    'string ::= "\\"" ( [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" ( ["\\\\/bfnrt] | "u" [0-9a-fA-F]{4} ) )* "\\"" ws',
    'number ::= "-"? ( "0" | [1-9] [0-9]{0,15} ) ( "." [0-9]{1,16} )? ( [eE] [-+]? [0-9]{1,3} )? ws',
    'literal ::= ( "true" | "false" | "null" ) ws',
    // Bounded whitespace: a model cannot spin forever on blanks inside the JSON.
    'ws ::= ( " " | "\\n" [ \\t]{0,16} )?',
    "",
  ].join("\n");
}

/** The characters of a JSON string literal without its quotes (how a name appears inside the call JSON). */
function jsonStringBody(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** A GBNF double-quoted literal for arbitrary text. */
function gbnfLiteral(text: string): string {
  const escaped = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}
