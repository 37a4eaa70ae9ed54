/**
 * Splits a rendered ChatML prompt back into role/content turns. Servers without tool support receive the tools and
 * earlier calls in plain messages, formatted by the same template as the embedded model's prompt; this undoes the
 * outer `<|im_start|>role ... <|im_end|>` framing, which such servers add themselves.
 */

export interface ChatMLTurn {
  role: string;
  content: string;
}

const TURN = /<\|im_start\|>([^\n]*)\n([\s\S]*?)<\|im_end\|>\n?/g;

export function splitChatML(prompt: string): ChatMLTurn[] {
  const turns: ChatMLTurn[] = [];
  let expected = 0;
  for (const match of prompt.matchAll(TURN)) {
    if (match.index !== expected) throw new Error(`unexpected text outside ChatML turns at offset ${expected}`);
    turns.push({ role: match[1] ?? "", content: match[2] ?? "" });
    expected = match.index + match[0].length;
  }
  if (expected !== prompt.length) throw new Error(`unexpected text outside ChatML turns at offset ${expected}`);
  return turns;
}
