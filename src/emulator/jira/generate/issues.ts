import type { Rng } from "../../../util/rng.js";
import type { Site } from "../../site.js";
import { formatJiraDate } from "../time.js";
import { SEQUENCES, type CommentRecord, type IssueLinkRecord, type IssueRecord, type WorkflowRecord } from "../state.js";
import { ISSUE_TYPE, LINK_TYPES, PRIORITIES, PRIORITY_MEDIUM, RESOLUTION, STATUSES } from "./catalog.js";
import type { GeneratedProject } from "./projects.js";
import { commentBody, descriptionFor, environmentFor, summaryFor, type IssueKind } from "./text.js";

const DAY = 86_400_000;
/** Generated history spans this many days before the site clock. */
const HISTORY_DAYS = 150;

const KIND_BY_TYPE: Record<string, IssueKind> = {
  [ISSUE_TYPE.epic]: "Epic",
  [ISSUE_TYPE.story]: "Story",
  [ISSUE_TYPE.task]: "Task",
  [ISSUE_TYPE.bug]: "Bug",
  [ISSUE_TYPE.subtask]: "Sub-task",
};

const TYPE_WEIGHTS: ReadonlyArray<[string, number]> = [
  [ISSUE_TYPE.epic, 5],
  [ISSUE_TYPE.story, 28],
  [ISSUE_TYPE.task, 25],
  [ISSUE_TYPE.bug, 25],
  [ISSUE_TYPE.subtask, 17],
];

const RESOLUTION_WEIGHTS: ReadonlyArray<[string, number]> = [
  [RESOLUTION.done, 60],
  [RESOLUTION.fixed, 15],
  [RESOLUTION.wontDo, 10],
  [RESOLUTION.duplicate, 8],
  [RESOLUTION.cannotReproduce, 7],
];

const STORY_POINTS = [1, 2, 3, 5, 8, 13] as const;

function weighted<T>(rng: Rng, entries: ReadonlyArray<[T, number]>): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, w] of entries) {
    roll -= w;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

/** A status for an issue of this age: older issues are more likely finished. */
function pickStatus(workflow: WorkflowRecord, ageFraction: number, rng: Rng): string {
  const categoryOf = (id: string) => STATUSES.find((s) => s.id === id)!.categoryKey;
  const doneChance = 0.15 + 0.6 * ageFraction;
  const wantDone = rng.chance(doneChance);
  const inProgress = !wantDone && rng.chance(0.45);
  const candidates = workflow.statusIds.filter((id) => {
    const category = categoryOf(id);
    return wantDone ? category === "done" : inProgress ? category === "indeterminate" : category === "new";
  });
  return rng.pick(candidates.length > 0 ? candidates : workflow.statusIds);
}

interface Draft {
  record: IssueRecord;
  childIds: string[];
  commentIds: string[];
  linkIds: string[];
}

/** Issues (with comments and links) for the generated projects, written straight into the site's tables. */
export function generateIssues(site: Site, projects: readonly GeneratedProject[], rng: Rng, scale: number): void {
  const now = site.now();
  const start = now - HISTORY_DAYS * DAY;
  const count = Math.max(1, Math.round(rng.int(120, 220) * scale));
  const drafts: Draft[] = [];
  const byProject = new Map<string, Draft[]>(projects.map((p) => [p.record.id, []]));
  const projectWeights: Array<[GeneratedProject, number]> = projects.map((p) => [p, p.template.access === "confidential" ? 1 : 3]);
  const comments: CommentRecord[] = [];

  // Creation times ascend so keys, ids and `created` agree, as on a real site.
  const step = (now - DAY - start) / count;
  for (let i = 0; i < count; i++) {
    const created = Math.round(start + i * step + rng.next() * step * 0.9);
    const project = weighted(rng, projectWeights);
    const siblings = byProject.get(project.record.id)!;
    const offered = new Set(project.record.issueTypes.map((t) => t.issueTypeId));
    let typeId = weighted(
      rng,
      TYPE_WEIGHTS.filter(([id]) => offered.has(id)),
    );
    const standardIssues = siblings.filter((d) => d.record.issueTypeId !== ISSUE_TYPE.epic && d.record.issueTypeId !== ISSUE_TYPE.subtask);
    const epics = siblings.filter((d) => d.record.issueTypeId === ISSUE_TYPE.epic);
    if (typeId === ISSUE_TYPE.subtask && standardIssues.length === 0) typeId = ISSUE_TYPE.task;
    const parent =
      typeId === ISSUE_TYPE.subtask
        ? rng.pick(standardIssues)
        : typeId !== ISSUE_TYPE.epic && epics.length > 0 && rng.chance(0.55)
          ? rng.pick(epics)
          : undefined;

    const config = project.record.issueTypes.find((t) => t.issueTypeId === typeId)!;
    const workflow = site.jira.workflows.get(config.workflowId)!;
    const kind = KIND_BY_TYPE[typeId]!;
    const ageFraction = (now - created) / (now - start);
    const statusId = pickStatus(workflow, ageFraction, rng);
    const done = STATUSES.find((s) => s.id === statusId)!.categoryKey === "done";
    const updated = Math.min(now - 60_000, created + Math.round(rng.next() * (now - created)));
    const statusChanged = statusId === workflow.initialStatusId ? created : created + Math.round((updated - created) * rng.next());
    const summary = summaryFor(kind, project.template, rng);
    const team = project.team;
    const keyNumber = site.nextId(SEQUENCES.issueKey(project.record.id), 1);
    const id = String(site.nextId(SEQUENCES.issue, 10000));
    const onScreen = (fieldId: string) => config.createScreen.some((f) => f.fieldId === fieldId);
    const record: IssueRecord = {
      id,
      key: `${project.record.key}-${keyNumber}`,
      keyNumber,
      projectId: project.record.id,
      issueTypeId: typeId,
      statusId,
      summary,
      description: rng.chance(0.85) ? descriptionFor(kind, summary, project.template, team, rng) : null,
      environment: onScreen("environment") && rng.chance(0.5) ? environmentFor(rng) : null,
      priorityId: rng.chance(0.5) ? PRIORITY_MEDIUM : rng.pick(PRIORITIES).id,
      resolutionId: done ? weighted(rng, RESOLUTION_WEIGHTS) : null,
      resolutionDate: done ? statusChanged : null,
      assigneeId: rng.chance(0.85) ? rng.pick(team).accountId : null,
      reporterId: rng.pick(team).accountId,
      creatorId: rng.pick(team).accountId,
      labels: rng.sample(project.template.labels, rng.chance(0.6) ? rng.int(1, 3) : 0).sort(),
      duedate: onScreen("duedate") && rng.chance(0.3) ? formatJiraDate(now + rng.int(-45, 45) * DAY) : null,
      storyPoints: onScreen("customfield_10016") && rng.chance(0.7) ? rng.pick(STORY_POINTS) : null,
      startDate: onScreen("customfield_10015") && rng.chance(0.4) ? formatJiraDate(created + rng.int(0, 14) * DAY) : null,
      parentId: parent?.record.id ?? null,
      childIds: [],
      commentIds: [],
      linkIds: [],
      created,
      updated,
      statusCategoryChangeDate: statusChanged,
    };
    const draft: Draft = { record, childIds: [], commentIds: [], linkIds: [] };
    parent?.childIds.push(id);

    const commentCount = rng.chance(0.6) ? rng.int(1, 4) : 0;
    for (let c = 0; c < commentCount; c++) {
      const author = rng.pick(team);
      const at = created + Math.round(((c + 1) / (commentCount + 1)) * (updated - created));
      const comment: CommentRecord = {
        id: String(site.nextId(SEQUENCES.comment, 10000)),
        issueId: id,
        authorId: author.accountId,
        updateAuthorId: author.accountId,
        body: commentBody(team, rng),
        created: at,
        updated: at,
        visibility: null,
      };
      comments.push(comment);
      draft.commentIds.push(comment.id);
    }
    drafts.push(draft);
    siblings.push(draft);
  }

  const links = generateLinks(site, drafts, rng);
  for (const draft of drafts) {
    const record: IssueRecord = { ...draft.record, childIds: draft.childIds, commentIds: draft.commentIds, linkIds: draft.linkIds };
    site.jira.issues.set(record.id, record);
    site.jira.issueKeys.set(record.key, record.id);
  }
  for (const comment of comments) site.jira.comments.set(comment.id, comment);
  for (const link of links) site.jira.links.set(link.id, link);
}

/** About one link per eight issues; never a self-link and never the same pair twice. */
function generateLinks(site: Site, drafts: readonly Draft[], rng: Rng): IssueLinkRecord[] {
  const links: IssueLinkRecord[] = [];
  const pairs = new Set<string>();
  const wanted = Math.floor(drafts.length / 8);
  for (let attempt = 0; links.length < wanted && attempt < wanted * 4; attempt++) {
    const a = rng.pick(drafts);
    const b = rng.pick(drafts);
    const pair = `${a.record.id}:${b.record.id}`;
    if (a === b || pairs.has(pair) || pairs.has(`${b.record.id}:${a.record.id}`)) continue;
    pairs.add(pair);
    const type = weighted(rng, [
      [LINK_TYPES[0]!, 4],
      [LINK_TYPES[1]!, 1],
      [LINK_TYPES[2]!, 1],
      [LINK_TYPES[3]!, 5],
    ]);
    const link: IssueLinkRecord = {
      id: String(site.nextId(SEQUENCES.link, 10000)),
      typeId: type.id,
      inwardIssueId: a.record.id,
      outwardIssueId: b.record.id,
    };
    links.push(link);
    a.linkIds.push(link.id);
    b.linkIds.push(link.id);
  }
  return links;
}
