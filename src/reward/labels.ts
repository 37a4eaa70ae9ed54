/**
 * The failure taxonomy (design.md part 4), one label per cause. Every deduction the reward
 * makes carries one of these so reports can say why reward was lost.
 */
export const FAILURE_LABELS = {
  invalid_json: "a tool call whose arguments are not valid JSON",
  unknown_tool: "a call to a tool or endpoint that does not exist",
  schema_violation: "arguments the tool or API does not define (invented fields, wrong types)",
  missing_required_field: "a field the API or the task requires was left out",
  wrong_value: "a field was given, but with the wrong value (or the final state is wrong)",
  hallucinated_id: "an id or key that no response or the instruction ever showed",
  wrong_endpoint_order: "a required read came after the write it should inform",
  missing_read: "a required read (lookup) was never made",
  premature_stop: "the episode ended before the goal's writes were made",
  redundant_call: "a call repeating an earlier one whose answer could not have changed",
  side_effect: "a write the task did not ask for (extra, duplicate, altering or deleting)",
  budget_exhausted: "the turn or call budget ran out",
  call_after_final: "tool calls after the final answer (never credited)",
} as const;

export type FailureLabel = keyof typeof FAILURE_LABELS;

export interface Failure {
  label: FailureLabel;
  /** Index of the tool call the failure is about, when there is one. */
  call?: number;
  detail: string;
}
