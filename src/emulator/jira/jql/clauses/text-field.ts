/** summary, description, environment, comment and text: Jira's text search (`~`, `!~`) and emptiness. */
import { membershipAtom, NEVER, type Predicate } from "../atoms.js";
import type { FieldId } from "../fields.js";
import { evaluateFunction } from "../functions.js";
import { semantic } from "../messages.js";
import { compileTextQuery } from "../text.js";
import { isEmptyDocument, textDocument, type TextDocument } from "../view-cache.js";
import type { ClauseParts, CompiledClause } from "./parts.js";

const TEXT_DOCUMENTS: Partial<Record<FieldId, TextDocument>> = {
  summary: "summary",
  description: "description",
  environment: "environment",
  comment: "comment",
  text: "text",
};

export function compileText(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const document = TEXT_DOCUMENTS[spec.id] as TextDocument;
  const isEmpty: Predicate = (i) => isEmptyDocument(textDocument(i, document));
  if (operator === "is" || operator === "is not" || parts.includesEmpty) {
    // `description is EMPTY`, and `description ~ EMPTY` which Jira treats the same way.
    return { atom: membershipAtom(isEmpty, NEVER, true, operator === "is" || operator === "~") };
  }
  const item = parts.items[0];
  if (!item || item.kind !== "value") {
    if (item?.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "other", env.functions);
      env.report(result.ok ? semantic.functionNotForField(item.name, field) : result.message);
    }
    return null;
  }
  const query = compileTextQuery(item.value);
  if (!query.ok) {
    if (query.error === "empty") env.report(semantic.emptyStringNotSupported(field));
    else if (query.error === "unparsable") env.report(semantic.textUnparsable(field, item.value));
    else env.report(semantic.textBadStart(field, item.value, query.error.badStart));
    return null;
  }
  const matches = query.matches;
  const contains: Predicate = (i) => matches(textDocument(i, document));
  const lacks: Predicate = (i) => {
    const doc = textDocument(i, document);
    return !isEmptyDocument(doc) && !matches(doc);
  };
  return { atom: operator === "~" ? { pos: contains, neg: lacks } : { pos: lacks, neg: contains } };
}
