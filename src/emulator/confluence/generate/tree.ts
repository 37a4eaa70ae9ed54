import type { Rng } from "../../../util/rng.js";
import type { PageKind } from "./bodies.js";
import * as W from "./words.js";
import { day } from "./xhtml.js";

/**
 * Plans the page tree of one space: homepage, sections under it, optional grouping pages
 * (by quarter, service, person, ...) and leaf pages, with creation times that respect the tree
 * (a parent is always older than its children) and titles unique within the space.
 */

export interface PlannedPage {
  title: string;
  kind: PageKind;
  parent: PlannedPage | null;
  createdAt: number;
  depth: number;
}

export type SpaceFlavour = "engineering" | "operations" | "marketing" | "product" | "data" | "support" | "restricted" | "personal";

interface Leaf {
  title: string;
  kind: PageKind;
  /** Title of the intermediate page the leaf sits under. */
  group?: string;
}

interface SectionSpec {
  title: string;
  weight: number;
  leaf(n: number, rng: Rng, when: number): Leaf;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function quarter(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

const meetings = (title = "Meeting Notes", weight = 3): SectionSpec => ({
  title,
  weight,
  leaf: (_n, rng, when) => ({
    title: `${day(when)} ${rng.pick(W.TEAMS)} ${rng.pick(W.MEETING_KINDS)}`,
    kind: "meeting",
    group: `${quarter(when)} Meetings`,
  }),
});

const runbooks = (weight = 3): SectionSpec => ({
  title: "Runbooks",
  weight,
  leaf: (_n, rng) => {
    const service = rng.pick(W.SERVICES);
    return { title: `${service}: ${rng.pick(W.PROCEDURES)}`, kind: "runbook", group: `${service} Runbooks` };
  },
});

const designDocs = (title = "Design Docs", weight = 2): SectionSpec => ({
  title,
  weight,
  leaf: (n, rng) => ({ title: `RFC-${String(n + 101).padStart(3, "0")}: ${rng.pick(W.DESIGN_TOPICS)}`, kind: "design" }),
});

const retros = (weight = 1): SectionSpec => ({
  title: "Retrospectives",
  weight,
  leaf: (n, rng) => ({ title: `Retro: ${rng.pick(W.TEAMS)} Sprint ${n + 31}`, kind: "retro" }),
});

const incidentReviews = (weight = 2): SectionSpec => ({
  title: "Incident Reviews",
  weight,
  leaf: (_n, rng, when) => ({ title: `Incident Review ${day(when)}: ${rng.pick(W.SERVICES)}`, kind: "retro" }),
});

const releases = (weight = 2): SectionSpec => ({
  title: "Release Notes",
  weight,
  leaf: (n) => {
    const major = 3 + Math.floor(n / 8);
    return { title: `Release ${major}.${n % 8}.0`, kind: "release", group: `Release Notes ${major}.x` };
  },
});

const checklists = (title = "Checklists", weight = 2): SectionSpec => ({
  title,
  weight,
  leaf: (n, rng) =>
    rng.chance(0.5)
      ? { title: `Release Checklist ${3 + Math.floor(n / 8)}.${n % 8}`, kind: "checklist" }
      : { title: `${rng.pick(W.SERVICES)} Launch Checklist`, kind: "checklist" },
});

const howtos = (weight = 2): SectionSpec => ({
  title: "How-to Guides",
  weight,
  leaf: (_n, rng) => ({ title: `How to ${rng.pick(W.HOWTO_TASKS)}`, kind: "howto" }),
});

const onboarding = (weight = 1): SectionSpec => ({
  title: "Onboarding",
  weight,
  leaf: (n, rng) =>
    n === 0
      ? { title: "Onboarding Checklist", kind: "onboarding" }
      : { title: `Onboarding: ${rng.pick(W.TEAMS)} Team`, kind: "onboarding" },
});

const campaigns = (weight = 3): SectionSpec => ({
  title: "Campaigns",
  weight,
  leaf: (_n, rng, when) => {
    const year = new Date(when).getUTCFullYear();
    return { title: `Campaign Brief: ${rng.pick(W.CAMPAIGNS)} ${year}`, kind: "brief", group: `Campaigns ${year}` };
  },
});

const policies = (weight = 3): SectionSpec => ({
  title: "Policies",
  weight,
  leaf: (_n, rng) => ({ title: rng.pick(W.POLICIES), kind: "policy" }),
});

const personalNotes = (people: readonly string[]): SectionSpec[] => [
  {
    title: "1:1 Notes",
    weight: 3,
    leaf: (_n, rng, when) => {
      const who = people.length > 0 ? rng.pick(people) : "Manager";
      return { title: `1:1 with ${who} ${day(when)}`, kind: "meeting", group: `1:1s with ${who}` };
    },
  },
  {
    title: "Scratchpad",
    weight: 2,
    leaf: (n, rng) => ({ title: n === 0 ? "Reading List" : `Ideas: ${rng.pick(W.DESIGN_TOPICS)}`, kind: "notes" }),
  },
  {
    title: "Weekly Priorities",
    weight: 2,
    leaf: (_n, _rng, when) => ({
      title: `Priorities for the week of ${day(when)}`,
      kind: "checklist",
      group: `${quarter(when)} Priorities`,
    }),
  },
];

function sections(flavour: SpaceFlavour, people: readonly string[]): SectionSpec[] {
  switch (flavour) {
    case "engineering":
      return [runbooks(), designDocs(), meetings(), retros(), releases(), checklists(), howtos(), onboarding()];
    case "operations":
      return [runbooks(4), incidentReviews(), meetings(), checklists("Operational Checklists"), howtos(1)];
    case "marketing":
      return [campaigns(), meetings(), checklists("Launch Checklists"), retros(1), howtos(1)];
    case "product":
      return [designDocs("Product Requirements", 3), meetings(), releases(), retros(), onboarding()];
    case "data":
      return [runbooks(2), designDocs(), meetings(), howtos(), checklists("Data Quality Checklists", 1)];
    case "support":
      return [howtos(3), meetings(), checklists("Escalation Checklists"), incidentReviews(1), onboarding()];
    case "restricted":
      return [policies(), meetings(), checklists("Audit Checklists"), incidentReviews(1)];
    case "personal":
      return personalNotes(people);
  }
}

export interface TreePlanInput {
  rng: Rng;
  flavour: SpaceFlavour;
  homeTitle: string;
  /** Target number of pages (homepage included). */
  size: number;
  createdAt: number;
  /** The world's "now": every page is created before it. */
  until: number;
  /** Display names, for personal 1:1 pages. */
  people: readonly string[];
}

export function planTree(input: TreePlanInput): PlannedPage[] {
  const { rng, flavour, size, createdAt, until } = input;
  const pages: PlannedPage[] = [];
  const titles = new Set<string>();
  const add = (title: string, kind: PageKind, parent: PlannedPage | null, at: number): PlannedPage => {
    const page: PlannedPage = { title, kind, parent, createdAt: at, depth: parent ? parent.depth + 1 : 0 };
    titles.add(title.toLowerCase());
    pages.push(page);
    return page;
  };
  const home = add(input.homeTitle, "home", null, createdAt);
  const specs = sections(flavour, input.people);
  const sectionPages = new Map<SectionSpec, PlannedPage>();
  const groups = new Map<string, PlannedPage>();
  const counters = new Map<SectionSpec, number>();

  const leafTimes: number[] = [];
  const first = createdAt + 2 * DAY;
  const leafCount = Math.max(1, size - 1 - specs.length);
  for (let i = 0; i < leafCount; i++) leafTimes.push(rng.int(first, until - HOUR));
  leafTimes.sort((a, b) => a - b);

  const totalWeight = specs.reduce((sum, s) => sum + s.weight, 0);
  for (let i = 0; i < leafTimes.length && pages.length < size; i++) {
    const when = leafTimes[i]!;
    const spec = pickWeighted(rng, specs, totalWeight);
    let section = sectionPages.get(spec);
    if (!section) {
      section = add(uniqueTitle(spec.title, titles), "index", home, createdAt + rng.int(HOUR, DAY));
      sectionPages.set(spec, section);
    }
    const n = counters.get(spec) ?? 0;
    counters.set(spec, n + 1);
    let leaf = spec.leaf(n, rng, when);
    for (let attempt = 0; attempt < 4 && titles.has(leaf.title.toLowerCase()); attempt++) leaf = spec.leaf(n, rng, when);
    let parent = section;
    if (leaf.group !== undefined) {
      let group = groups.get(leaf.group);
      if (!group) {
        group = add(uniqueTitle(leaf.group, titles), "index", section, when - rng.int(HOUR, 12 * HOUR));
        groups.set(leaf.group, group);
      }
      parent = group;
    }
    const page = add(uniqueTitle(leaf.title, titles), leaf.kind, parent, when);
    // Some design documents grow an appendix page beneath them.
    if (leaf.kind === "design" && rng.chance(0.3) && pages.length < size) {
      add(uniqueTitle(`${leaf.title} - Appendix`, titles), "design", page, Math.min(until - HOUR, when + rng.int(HOUR, 20 * DAY)));
    }
  }
  keepParentsOlder(pages, rng);
  return pages;
}

function pickWeighted(rng: Rng, specs: readonly SectionSpec[], total: number): SectionSpec {
  let roll = rng.next() * total;
  for (const spec of specs) {
    roll -= spec.weight;
    if (roll < 0) return spec;
  }
  return specs[specs.length - 1]!;
}

function uniqueTitle(title: string, taken: ReadonlySet<string>): string {
  if (!taken.has(title.toLowerCase())) return title;
  for (let n = 2; ; n++) {
    const candidate = `${title} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Moves a parent's creation before its earliest child (children come later in the list than parents). */
function keepParentsOlder(pages: PlannedPage[], rng: Rng): void {
  for (let i = pages.length - 1; i >= 0; i--) {
    const page = pages[i]!;
    const parent = page.parent;
    if (parent && parent.parent && parent.createdAt >= page.createdAt) parent.createdAt = page.createdAt - rng.int(HOUR, 6 * HOUR);
  }
}
