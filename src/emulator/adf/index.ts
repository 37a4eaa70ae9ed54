export type { AdfDoc, AdfNode, AdfValidation } from "./types.js";
export { validateAdf, MAX_ADF_DEPTH } from "./validate.js";
export { adfToText, textToAdf } from "./text.js";
export {
  doc,
  text,
  strong,
  em,
  code,
  link,
  paragraph,
  heading,
  bulletList,
  orderedList,
  codeBlock,
  blockquote,
  rule,
  hardBreak,
  mention,
  panel,
  table,
  taskList,
  type AdfMark,
  type Inline,
} from "./builders.js";
