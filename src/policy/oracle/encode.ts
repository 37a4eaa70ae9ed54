/**
 * Writes a resolved plan step as a call to the `rest` tool surface: path parameters and query
 * parameters as top-level arguments (queries grouped under `query` when a name would clash),
 * the JSON body under `body`; the inverse of src/tools/rest.
 */
import type { ResolvedStep } from "../../scenarios/plan.js";
import { toolNameOf } from "../../tools/names.js";
import { layoutOf } from "../../tools/rest/layout.js";

export interface EncodedCall {
  name: string;
  args: Record<string, unknown>;
}

export function encodeRestCall(step: ResolvedStep): EncodedCall {
  const name = toolNameOf(step.operation.id);
  const layout = layoutOf(step.operation, name);
  const args: Record<string, unknown> = { ...step.params };
  if (Object.keys(step.query).length > 0) {
    if (layout.queryGrouped) args["query"] = step.query;
    else Object.assign(args, step.query);
  }
  if (step.body !== undefined) args["body"] = step.body;
  return { name, args };
}
