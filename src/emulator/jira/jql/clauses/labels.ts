/** labels: a multi-valued field, matched case-insensitively. */
import { isPositiveOperator, membershipAtom, type Predicate } from "../atoms.js";
import { lowerCaseLabels } from "../view-cache.js";
import { literalsOnly, type ClauseParts, type CompiledClause } from "./parts.js";

export function compileLabels(parts: ClauseParts): CompiledClause | null {
  const literals = literalsOnly(parts);
  if (!literals) return null;
  const wanted = new Set(literals.map((l) => l.value.toLowerCase()));
  const isEmpty: Predicate = (i) => i.labels.length === 0;
  const has: Predicate = (i) => lowerCaseLabels(i).some((l) => wanted.has(l));
  return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, isPositiveOperator(parts.operator)) };
}
