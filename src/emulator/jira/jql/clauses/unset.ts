/** fixVersion, affectedVersion, component (and rank): fields every Jira has, which this site never sets. */
import { isPositiveOperator, membershipAtom, NEVER } from "../atoms.js";
import { semantic } from "../messages.js";
import { literalsOnly, type ClauseParts, type CompiledClause } from "./parts.js";

export function compileUnset(parts: ClauseParts): CompiledClause | null {
  const literals = literalsOnly(parts);
  if (!literals) return null;
  for (const literal of literals) {
    parts.env.report(literal.numeric ? semantic.unknownId(parts.field, literal.value) : semantic.unknownValue(parts.field, literal.value));
  }
  if (literals.length > 0) return null;
  return { atom: membershipAtom(() => true, NEVER, parts.includesEmpty, isPositiveOperator(parts.operator)) };
}
