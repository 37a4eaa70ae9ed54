/**
 * The representative mix of issue 8: one round is six tool calls, as agents make them.
 * An episode is a few rounds on a fresh fork of the start state (each round resolves a different issue
 * and creates uniquely titled pages), so the site never grows without bound during a measurement.
 */
import { adf, createIssueBody, type MixPlan } from "./plan.js";
import type { CallSpec } from "./requests.js";

export const MIX_OPS = ["getIssue", "searchJql", "createIssue", "transitionIssue", "createPage", "addLabel"] as const;
export type MixOp = (typeof MIX_OPS)[number];

/** What an episode learns from earlier responses (the page the label goes on). */
export interface EpisodeMemory {
  pageId?: string;
}

/** The request of `op` in `round` of an episode (`episode` only varies which issue is read). */
export function mixCall(plan: MixPlan, op: MixOp, episode: number, round: number, memory: EpisodeMemory): CallSpec {
  switch (op) {
    case "getIssue":
      return { method: "GET", path: `/rest/api/3/issue/${plan.readKeys[(episode + round) % plan.readKeys.length]}` };
    case "searchJql":
      return {
        method: "GET",
        path: "/rest/api/3/search/jql",
        query: { jql: plan.siteJql, fields: "summary,status", maxResults: "50" },
      };
    case "createIssue":
      return {
        method: "POST",
        path: "/rest/api/3/issue",
        body: createIssueBody(plan.createProjectKey, plan.createIssueTypeId, `CSV export fails for large reports (${round})`),
      };
    case "transitionIssue": {
      const target = plan.transitions[round % plan.transitions.length]!;
      return {
        method: "POST",
        path: `/rest/api/3/issue/${target.issueKey}/transitions`,
        body: {
          transition: { id: target.transitionId },
          fields: { resolution: { name: target.resolutionName } },
          update: { comment: [{ add: { body: adf("Fixed in the release branch; verified on staging.") } }] },
        },
      };
    }
    case "createPage":
      return {
        method: "POST",
        path: "/wiki/api/v2/pages",
        body: {
          spaceId: plan.spaceId,
          status: "current",
          title: `Release checklist ${round}`,
          body: {
            representation: "storage",
            value:
              "<h2>Before the release</h2><ul><li>Freeze the branch</li><li>Run the <strong>smoke tests</strong></li></ul>" +
              '<p>Owner: the on-call engineer. See <a href="https://example.com/runbook">the runbook</a>.</p>',
          },
        },
      };
    case "addLabel":
      return {
        method: "POST",
        path: `/wiki/rest/api/content/${memory.pageId ?? "0"}/label`,
        body: [{ prefix: "global", name: `release-${round}` }],
      };
  }
}

/** Records what later calls of the episode need from a response. */
export function remember(op: MixOp, body: unknown, memory: EpisodeMemory): void {
  if (op === "createPage" && body && typeof body === "object" && "id" in body) memory.pageId = String((body as { id: unknown }).id);
}

/** Expected success status of each op (a benchmark that measures errors measures nothing). */
export const EXPECTED_STATUS: Readonly<Record<MixOp, number>> = {
  getIssue: 200,
  searchJql: 200,
  createIssue: 201,
  transitionIssue: 204,
  createPage: 200,
  addLabel: 200,
};
