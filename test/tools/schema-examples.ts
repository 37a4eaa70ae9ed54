/** Example values for JSON Schemas (tests only): the first enum, const or alternative; every property. */
type Schema = { [key: string]: unknown };

export function exampleOf(schema: unknown, depth = 0): unknown {
  if (typeof schema !== "object" || schema === null) return "x";
  const s = schema as Schema;
  if (Object.hasOwn(s, "const")) return s["const"];
  if (Array.isArray(s["enum"]) && s["enum"].length > 0) return s["enum"][0];
  for (const key of ["oneOf", "anyOf"]) {
    const alternatives = s[key];
    if (Array.isArray(alternatives) && alternatives.length > 0) return exampleOf(alternatives[0], depth + 1);
  }
  const type = Array.isArray(s["type"]) ? s["type"][0] : s["type"];
  const props = s["properties"];
  if (type === "object" || (type === undefined && typeof props === "object" && props !== null)) {
    if (depth > 12 || typeof props !== "object" || props === null) return {};
    return Object.fromEntries(Object.entries(props as Schema).map(([k, v]) => [k, exampleOf(v, depth + 1)]));
  }
  // Empty arrays end recursive schemas (ADF content) while staying valid.
  if (type === "array") return depth > 3 ? [] : [exampleOf(s["items"], depth + 1)];
  if (type === "integer") return 1;
  if (type === "number") return 1.5;
  if (type === "boolean") return true;
  if (type === "null") return null;
  return "x";
}
