import type { Rng } from "../../util/rng.js";
import type { User } from "../core/users.js";
import type { Site } from "../site.js";
import { bodyBlocks, EXTRA_LABELS, KIND_LABELS, type PageKind } from "./generate/bodies.js";
import { planSpaces, type SpacePlan } from "./generate/spaces.js";
import { planTree, type PlannedPage } from "./generate/tree.js";
import * as W from "./generate/words.js";
import * as X from "./generate/xhtml.js";
import {
  CONTENT_ID_START,
  CONTENT_SEQUENCE,
  LABEL_ID_START,
  LABEL_SEQUENCE,
  labelNameKey,
  versionKey,
  type CommentRecord,
  type LabelRecord,
  type PageRecord,
  type PageStatus,
  type SpaceRecord,
  type VersionMeta,
} from "./state.js";
import { insertComment } from "./store/comments.js";
import { attachLabel } from "./store/labels.js";
import { putPage } from "./store/pages.js";

/**
 * The seeded Confluence world: 4-6 spaces with page trees, version histories, labels and footer
 * comments. Ids follow creation time across the whole site, as on a real instance.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const SPACE_SEQUENCE = "confluence.space";
const SPACE_ID_START = 98_305;

interface PlannedComment {
  page: PlannedPage;
  replyTo: PlannedComment | null;
  createdAt: number;
  authorId: string;
  text: string;
  id?: string;
}

interface SpaceWork {
  plan: SpacePlan;
  record: SpaceRecord;
  pages: PlannedPage[];
}

export function generateConfluence(site: Site, rng: Rng, scale: number): void {
  const until = site.now();
  const users = [...site.core.users.values()];
  const plans = planSpaces(rng.fork("spaces"), users, site.admin);
  const works: SpaceWork[] = plans.map((plan, i) => planSpace(site, rng.fork(`space-${i}`), plan, users, scale, until));

  // Ids are handed out in creation order across all spaces, pages and comments together.
  const spaceOf = new Map<PlannedPage, SpaceWork>();
  for (const work of works) for (const page of work.pages) spaceOf.set(page, work);
  const comments = planComments(rng.fork("comments"), works, until);
  const creations: Array<{ at: number; page?: PlannedPage; comment?: PlannedComment }> = [
    ...[...spaceOf.keys()].map((page) => ({ at: page.createdAt, page })),
    ...comments.map((comment) => ({ at: comment.createdAt, comment })),
  ];
  creations.sort((a, b) => a.at - b.at);
  const pageIds = new Map<PlannedPage, string>();
  for (const c of creations) {
    const id = String(site.nextId(CONTENT_SEQUENCE, CONTENT_ID_START));
    if (c.page) pageIds.set(c.page, id);
    else c.comment!.id = id;
  }

  for (const work of works) {
    const home = work.pages[0]!;
    site.confluence.spaces.set(work.record.id, { ...work.record, homepageId: pageIds.get(home)! });
    site.confluence.spaceKeys.set(work.record.key, work.record.id);
  }

  const statuses = pickStatuses(rng.fork("statuses"), works);
  const positions = siblingPositions(works);
  const labelRng = rng.fork("labels");
  const pageRng = rng.fork("pages");
  const ordered = creations.filter((c) => c.page).map((c) => c.page!);
  for (const planned of ordered) {
    const work = spaceOf.get(planned)!;
    const id = pageIds.get(planned)!;
    writePage(site, pageRng.fork(id), work, planned, {
      id,
      parentId: planned.parent ? pageIds.get(planned.parent)! : null,
      position: positions.get(planned)!,
      status: statuses.get(planned) ?? "current",
      until,
    });
    for (const name of pickLabels(labelRng, planned.kind)) {
      attachLabel(site.confluence, id, ensureGeneratedLabel(site, name, planned.createdAt).id);
    }
  }
  // Comments go in by id so the comments table iterates in creation order.
  comments.sort((a, b) => Number(a.id) - Number(b.id));
  for (const comment of comments) {
    const pageId = pageIds.get(comment.page)!;
    const page = site.confluence.pages.get(pageId)!;
    const record: CommentRecord = {
      id: comment.id!,
      pageId,
      parentCommentId: comment.replyTo?.id ?? null,
      status: "current",
      title: `Re: ${page.title}`,
      authorId: comment.authorId,
      createdAt: comment.createdAt,
      version: { number: 1, authorId: comment.authorId, message: "", createdAt: comment.createdAt, minorEdit: false },
      body: { storage: X.p(X.text(comment.text)) },
    };
    insertComment(site.confluence, record);
  }
}

function planSpace(site: Site, rng: Rng, plan: SpacePlan, users: readonly User[], scale: number, until: number): SpaceWork {
  const createdAt = until - rng.int(400, 900) * DAY + rng.int(0, DAY - 1);
  const record: SpaceRecord = {
    id: String(site.nextId(SPACE_SEQUENCE, SPACE_ID_START)),
    key: plan.key,
    name: plan.name,
    type: plan.type,
    status: "current",
    authorId: plan.ownerId,
    createdAt,
    homepageId: "",
    description: plan.description,
    grants: plan.grants,
  };
  const people = rng
    .sample(
      users.filter((u) => u.active && u.accountId !== plan.ownerId),
      6,
    )
    .map((u) => u.displayName);
  const pages = planTree({
    rng: rng.fork("tree"),
    flavour: plan.flavour,
    homeTitle: plan.type === "personal" ? plan.name : `${plan.name} Home`,
    size: Math.max(20, Math.round(plan.baseSize * scale)),
    createdAt,
    until,
    people,
  });
  return { plan, record, pages };
}

/** A few leaves per team space go to the trash, a few are archived; the homepage and parents stay current. */
function pickStatuses(rng: Rng, works: readonly SpaceWork[]): Map<PlannedPage, PageStatus> {
  const statuses = new Map<PlannedPage, PageStatus>();
  for (const work of works) {
    if (work.plan.type === "personal") continue;
    const parents = new Set(work.pages.map((p) => p.parent));
    const leaves = work.pages.filter((p) => !parents.has(p) && p.kind !== "index" && p.kind !== "home");
    const picked = rng.sample(leaves, rng.int(1, 2) + rng.int(0, 2));
    picked.forEach((page, i) => statuses.set(page, i % 2 === 0 ? "trashed" : "archived"));
  }
  return statuses;
}

/** Positions follow creation order among siblings. */
function siblingPositions(works: readonly SpaceWork[]): Map<PlannedPage, number> {
  const positions = new Map<PlannedPage, number>();
  for (const work of works) {
    const byParent = new Map<PlannedPage | null, PlannedPage[]>();
    for (const page of work.pages) {
      const list = byParent.get(page.parent) ?? [];
      list.push(page);
      byParent.set(page.parent, list);
    }
    for (const siblings of byParent.values()) {
      siblings.sort((a, b) => a.createdAt - b.createdAt);
      siblings.forEach((page, i) => positions.set(page, i));
    }
  }
  return positions;
}

interface PagePlacement {
  id: string;
  parentId: string | null;
  position: number;
  status: PageStatus;
  until: number;
}

function writePage(site: Site, rng: Rng, work: SpaceWork, planned: PlannedPage, at: PagePlacement): void {
  const members = work.plan.members;
  const creator = pickMember(rng, members, work.plan.ownerId);
  const related = rng.sample(
    work.pages.filter((p) => p !== planned && p.kind !== "home").map((p) => p.title),
    6,
  );
  const blocks = bodyBlocks(planned.kind, {
    rng: rng.fork("body"),
    title: planned.title,
    spaceKey: work.plan.key,
    spaceName: work.plan.name,
    people: rng.sample(members, 8).map((m) => m.accountId),
    related,
    createdAt: planned.createdAt,
  });
  const versions = versionTimeline(rng, planned, creator, members, at.until);
  const last = versions[versions.length - 1]!;
  const t = site.confluence;
  for (let i = 0; i < versions.length - 1; i++) {
    const v = versions[i]!;
    const kept = Math.max(1, Math.round((blocks.length * (i + 1)) / versions.length));
    t.pageVersions.set(versionKey(at.id, v.number), {
      pageId: at.id,
      title: planned.title,
      body: { storage: blocks.slice(0, kept).join("") },
      version: v,
    });
  }
  const page: PageRecord = {
    id: at.id,
    spaceId: work.record.id,
    status: at.status,
    title: planned.title,
    parentId: at.parentId,
    position: at.position,
    authorId: creator,
    ownerId: creator,
    lastOwnerId: null,
    createdAt: planned.createdAt,
    version: last,
    body: { storage: blocks.join("") },
  };
  putPage(t, undefined, page);
}

function pickMember(rng: Rng, members: readonly User[], ownerId: string): string {
  return members.length > 0 && rng.chance(0.8) ? rng.pick(members).accountId : ownerId;
}

/** 1-6 versions between creation and now; the creator wrote the first, mostly the later ones too. */
function versionTimeline(rng: Rng, planned: PlannedPage, creator: string, members: readonly User[], until: number): VersionMeta[] {
  const structural = planned.kind === "index" || planned.kind === "home";
  const count = structural ? rng.int(1, 2) : rng.chance(0.4) ? 1 : rng.int(2, 6);
  const end = Math.min(until - MINUTE, planned.createdAt + 200 * DAY);
  const times = [planned.createdAt];
  for (let i = 1; i < count; i++) times.push(rng.int(planned.createdAt + MINUTE, Math.max(planned.createdAt + MINUTE, end)));
  times.sort((a, b) => a - b);
  return times.map((createdAt, i) => ({
    number: i + 1,
    authorId: i === 0 || members.length === 0 || rng.chance(0.6) ? creator : rng.pick(members).accountId,
    message: i === 0 ? "" : rng.pick(W.VERSION_MESSAGES),
    createdAt,
    minorEdit: i > 0 && rng.chance(0.2),
  }));
}

function pickLabels(rng: Rng, kind: PageKind): string[] {
  const base = KIND_LABELS[kind];
  const names = base.length > 0 ? rng.sample(base, rng.int(1, Math.min(2, base.length))) : [];
  if (kind !== "home" && kind !== "index" && rng.chance(0.25)) names.push(rng.pick(EXTRA_LABELS));
  return [...new Set(names)];
}

/** Generated labels are global and dated by the first page that used them. */
function ensureGeneratedLabel(site: Site, name: string, at: number): LabelRecord {
  const t = site.confluence;
  const existing = t.labelNames.get(labelNameKey("global", name));
  if (existing !== undefined) return t.labels.get(existing)!;
  const label: LabelRecord = { id: String(site.nextId(LABEL_SEQUENCE, LABEL_ID_START)), prefix: "global", name, createdAt: at };
  t.labels.set(label.id, label);
  t.labelNames.set(labelNameKey("global", name), label.id);
  return label;
}

/** About a third of the content pages get 1-3 footer comments; some comments get a reply. */
function planComments(rng: Rng, works: readonly SpaceWork[], until: number): PlannedComment[] {
  const out: PlannedComment[] = [];
  for (const work of works) {
    const members = work.plan.members;
    if (members.length === 0) continue;
    for (const page of work.pages) {
      if (page.kind === "index" || page.kind === "home" || !rng.chance(0.35)) continue;
      const n = rng.int(1, 3);
      const thread: PlannedComment[] = [];
      for (let i = 0; i < n; i++) {
        const after = thread.length > 0 ? thread[thread.length - 1]!.createdAt : page.createdAt;
        if (after >= until - 2 * MINUTE) break;
        const replyTo = thread.length > 0 && rng.chance(0.3) ? rng.pick(thread) : null;
        const comment: PlannedComment = {
          page,
          replyTo,
          createdAt: rng.int(after + MINUTE, Math.min(until - MINUTE, after + 30 * DAY)),
          authorId: rng.pick(members).accountId,
          text: rng.pick(W.COMMENTS),
        };
        thread.push(comment);
        out.push(comment);
      }
    }
  }
  return out;
}
