import { json } from "../../http.js";
import type { Operation } from "../../operation.js";
import { own } from "../lookup.js";
import { issueUpdateSchema } from "../schemas.js";
import { createIssueFromBody } from "./create.js";

/** Jira creates at most this many issues per bulk request. */
export const BULK_CREATE_LIMIT = 50;

export const createIssues: Operation = {
  id: "jira.createIssues",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/issue/bulk",
  summary: "Creates up to 50 issues and, where the option to create subtasks is enabled, subtasks.",
  description:
    'Body: {"issueUpdates": [{"fields": {...}}, ...]}, each element as for creating one issue. Valid elements are created even when others fail; failures are listed in `errors` by element number.',
  body: {
    type: "object",
    properties: {
      issueUpdates: {
        type: "array",
        description: "The issues to create, each in the create-issue shape.",
        items: issueUpdateSchema("bulkElement", "One issue to create."),
      },
    },
  },
  mutates: true,
  run: ({ site, caller, body }) => {
    const raw = own(body, "issueUpdates");
    const updates = Array.isArray(raw) ? raw : [];
    const issues: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    updates.forEach((update, index) => {
      if (index >= BULK_CREATE_LIMIT) {
        errors.push({
          status: 400,
          elementErrors: { errorMessages: [`Bulk create is limited to ${BULK_CREATE_LIMIT} issues per request.`], errors: {} },
          failedElementNumber: index,
        });
        return;
      }
      const outcome = createIssueFromBody(site, caller, update);
      if (outcome.ok) issues.push(outcome.created);
      else errors.push({ status: outcome.status, elementErrors: outcome.error, failedElementNumber: index });
    });
    return json(issues.length === 0 && errors.length > 0 ? 400 : 201, { issues, errors });
  },
};
