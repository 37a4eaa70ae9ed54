/** key / issue / issuekey / id and parent: issue keys (which must exist) or ids. */
import { isPositiveOperator, membershipAtom, rangeAtom, NEVER, type Predicate } from "../atoms.js";
import { resolveIssue } from "../resolve.js";
import { isOrdering, literalsOnly, type ClauseParts, type CompiledClause } from "./parts.js";

/** Query keys are upper-cased once; issue views carry Jira's canonical (upper-case) keys, compared as they are. */
function hasKey(upperKeys: ReadonlySet<string>, key: string): boolean {
  return upperKeys.has(key);
}

export function compileIssue(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const literals = literalsOnly(parts);
  if (!literals) return null;
  const keys = new Set<string>();
  const ids = new Set<string>();
  const references: Array<Extract<ReturnType<typeof resolveIssue>, { ok: true }>> = [];
  for (const literal of literals) {
    const reference = resolveIssue(literal, field, env.context);
    if (!reference.ok) {
      env.report(reference.message);
      continue;
    }
    references.push(reference);
    if (reference.kind === "key") keys.add(reference.key);
    else ids.add(reference.id);
  }
  if (references.length !== literals.length) return null;
  if (isOrdering(operator)) {
    const reference = references[0];
    if (!reference) return null;
    if (reference.kind === "id") return { atom: rangeAtom((i) => Number(i.id), operator, Number(reference.id)) };
    const project = reference.projectKey;
    return { atom: rangeAtom((i) => (i.projectKey === project ? i.keyNumber : null), operator, reference.number) };
  }
  const positive = isPositiveOperator(operator);
  if (spec.id === "parent") {
    const isEmpty: Predicate = (i) => i.parentKey === null && i.parentId === null;
    const has: Predicate = (i) => (i.parentKey !== null && hasKey(keys, i.parentKey)) || (i.parentId !== null && ids.has(i.parentId));
    return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, positive) };
  }
  const has: Predicate = ids.size === 0 ? (i) => hasKey(keys, i.key) : (i) => hasKey(keys, i.key) || ids.has(i.id);
  const atom = membershipAtom(NEVER, has, false, positive);
  return positive && ids.size === 0 ? { atom, narrowing: { issueKeys: [...keys] } } : { atom };
}
