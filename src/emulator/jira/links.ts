import type { User } from "../core/users.js";
import { json } from "../http.js";
import type { Operation } from "../operation.js";
import type { Site } from "../site.js";
import { buildComment } from "./comments/build.js";
import { jiraError } from "./errors.js";
import { appendComments } from "./issues/store.js";
import { findVisibleIssue, idString, isPlainObject, own } from "./lookup.js";
import { hasPermission } from "./permissions.js";
import { renderLinkType } from "./render/catalog.js";
import { ADF_DOC } from "./schemas.js";
import { SEQUENCES, type IssueLinkTypeRecord, type IssueRecord, type ProjectRecord } from "./state.js";

const ISSUE_REF = {
  type: "object",
  description: 'The issue: {"key": "PROJ-1"} or {"id": "10001"}.',
  properties: { key: { type: "string" }, id: { type: ["string", "integer"] } },
};

function resolveLinkType(site: Site, ref: unknown): IssueLinkTypeRecord | string {
  const id = idString(own(ref, "id"));
  const name = own(ref, "name");
  for (const type of site.jira.linkTypes.values()) {
    if (id !== undefined ? type.id === id : typeof name === "string" && type.name.toLowerCase() === name.toLowerCase()) return type;
  }
  if (id !== undefined) return `No issue link type with id '${id}' found.`;
  return typeof name === "string" ? `No issue link type with name '${name}' found.` : "Issue link type is required.";
}

function resolveIssue(site: Site, caller: User, ref: unknown): { issue: IssueRecord; project: ProjectRecord } | undefined {
  if (!isPlainObject(ref)) return undefined;
  const key = own(ref, "key");
  const idOrKey = idString(own(ref, "id")) ?? (typeof key === "string" ? key : undefined);
  return idOrKey === undefined ? undefined : findVisibleIssue(site, caller, idOrKey);
}

export const linkIssues: Operation = {
  id: "jira.linkIssues",
  product: "jira",
  method: "POST",
  path: "/rest/api/3/issueLink",
  summary: "Creates a link between two issues; optionally adds a comment to the outward issue.",
  description:
    'Body: {"type": {"name": "Blocks"}, "inwardIssue": {"key": "A-1"}, "outwardIssue": {"key": "B-2"}} makes A-1 block B-2 (A-1 shows "blocks", B-2 shows "is blocked by"). Link type names come from GET /issueLinkType.',
  body: {
    type: "object",
    properties: {
      type: {
        type: "object",
        description: 'The link type: {"name": "Blocks"} or {"id": "10000"}.',
        properties: { id: { type: "string" }, name: { type: "string" }, inward: { type: "string" }, outward: { type: "string" } },
      },
      inwardIssue: ISSUE_REF,
      outwardIssue: ISSUE_REF,
      comment: {
        type: "object",
        description: "Optional comment added to the outward issue.",
        properties: { body: ADF_DOC, visibility: { type: "object" } },
      },
    },
    required: ["type", "inwardIssue", "outwardIssue"],
  },
  mutates: true,
  run: ({ site, caller, body }) => {
    const type = resolveLinkType(site, own(body, "type"));
    if (typeof type === "string") return jiraError(404, [type]);
    const inward = resolveIssue(site, caller, own(body, "inwardIssue"));
    const outward = resolveIssue(site, caller, own(body, "outwardIssue"));
    if (!inward || !outward) return jiraError(404, ["Issue Does Not Exist"]);
    if (inward.issue.id === outward.issue.id) return jiraError(400, ["You cannot link an issue to itself."]);
    if (!hasPermission(site, caller, outward.project, "LINK_ISSUES"))
      return jiraError(403, ["You do not have the permission to link issues."]);

    const commentInput = own(body, "comment");
    let outwardIssue = outward.issue;
    if (commentInput !== undefined) {
      const built = buildComment(site, caller, outwardIssue.id, outward.project, commentInput);
      if (!built.ok) return jiraError(400, [], { [built.field]: built.message });
      outwardIssue = appendComments(site, outwardIssue, [built.comment]);
    }

    // Re-linking the same pair with the same type is accepted and changes nothing, as in Jira.
    const duplicate = inward.issue.linkIds.some((id) => {
      const link = site.jira.links.get(id);
      return link?.typeId === type.id && link.inwardIssueId === inward.issue.id && link.outwardIssueId === outwardIssue.id;
    });
    if (!duplicate) {
      const link = {
        id: String(site.nextId(SEQUENCES.link, 10000)),
        typeId: type.id,
        inwardIssueId: inward.issue.id,
        outwardIssueId: outwardIssue.id,
      };
      site.jira.links.set(link.id, link);
      const now = site.now();
      const latestInward = site.jira.issues.get(inward.issue.id) ?? inward.issue;
      site.jira.issues.set(latestInward.id, { ...latestInward, linkIds: [...latestInward.linkIds, link.id], updated: now });
      site.jira.issues.set(outwardIssue.id, { ...outwardIssue, linkIds: [...outwardIssue.linkIds, link.id], updated: now });
    }
    return { status: 201 };
  },
};

export const getIssueLinkTypes: Operation = {
  id: "jira.getIssueLinkTypes",
  product: "jira",
  method: "GET",
  path: "/rest/api/3/issueLinkType",
  summary: "Returns a list of all issue link types.",
  mutates: false,
  run: ({ site }) => json(200, { issueLinkTypes: [...site.jira.linkTypes.values()].map((t) => renderLinkType(t, site.meta.baseUrl)) }),
};
