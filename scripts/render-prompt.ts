/**
 * Prints the exact prompt the embedded policy generates from, for a conversation in a JSON file (or stdin), so the
 * Python trainer can check that its tokenizer renders the same text and token ids.
 *
 *   npx tsx scripts/render-prompt.ts conversation.json            # atlasgym {messages, tools} -> prompt text
 *   npx tsx scripts/render-prompt.ts --print hf conversation.json  # the transformers-format {messages, tools} we render
 *   npx tsx scripts/render-prompt.ts --input hf --print json -     # transformers-format input, prompt as a JSON string
 *
 * Options: --input atlasgym|hf (default atlasgym), --print prompt|json|hf (default prompt), --no-generation-prompt.
 * In Python: tokenizer.apply_chat_template(hf["messages"], tools=hf["tools"] or None, add_generation_prompt=True,
 * tokenize=False) must equal the printed prompt.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultChatTemplate } from "../src/policy/prompt/chat-template.js";
import { toTemplateConversation, type TemplateConversation } from "../src/policy/prompt/template-conversation.js";
import type { Message, ToolSpec } from "../src/policy/types.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    input: { type: "string", default: "atlasgym" },
    print: { type: "string", default: "prompt" },
    "no-generation-prompt": { type: "boolean", default: false },
  },
});

const file = positionals[0] ?? "-";
const source = JSON.parse(readFileSync(file === "-" ? 0 : file, "utf8")) as { messages?: unknown; tools?: unknown };
if (!Array.isArray(source.messages)) throw new Error("the conversation needs a `messages` array");
const tools = Array.isArray(source.tools) ? source.tools : [];

let conversation: TemplateConversation;
if (values.input === "atlasgym") conversation = toTemplateConversation(source.messages as Message[], tools as ToolSpec[]);
else if (values.input === "hf") conversation = { messages: source.messages, tools } as TemplateConversation;
else throw new Error(`--input must be atlasgym or hf, not ${values.input}`);

const prompt = () => defaultChatTemplate().render(conversation, { addGenerationPrompt: !values["no-generation-prompt"] });
if (values.print === "prompt") process.stdout.write(prompt());
else if (values.print === "json") process.stdout.write(`${JSON.stringify(prompt())}\n`);
else if (values.print === "hf") process.stdout.write(`${JSON.stringify(conversation, null, 2)}\n`);
else throw new Error(`--print must be prompt, json or hf, not ${values.print}`);
