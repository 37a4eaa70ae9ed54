import type { Rng } from "../../../util/rng.js";
import * as W from "./words.js";
import * as X from "./xhtml.js";

/**
 * Storage bodies per kind of page. A body is a list of top-level blocks: the current version joins
 * them all and older versions join a prefix, so every version is well-formed XHTML.
 */

export type PageKind =
  | "home"
  | "index"
  | "runbook"
  | "meeting"
  | "design"
  | "retro"
  | "checklist"
  | "release"
  | "howto"
  | "onboarding"
  | "policy"
  | "brief"
  | "notes";

export interface BodyContext {
  rng: Rng;
  title: string;
  spaceKey: string;
  spaceName: string;
  /** Account ids that may be mentioned (members of the space). */
  people: readonly string[];
  /** Titles of other pages in the space, for cross-links. */
  related: readonly string[];
  createdAt: number;
}

type Builder = (c: BodyContext) => string[];

function sentence(c: BodyContext): string {
  const { rng } = c;
  switch (rng.int(0, 3)) {
    case 0:
      return `We ${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)} every quarter so that it stays reliable.`;
    case 1:
      return `Last time this ${rng.pick(W.OUTCOMES)}, so keep following the same approach.`;
    case 2:
      return `Owners should ${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)} before changing anything described here.`;
    default:
      return `This page covers ${c.title.toLowerCase()} for the ${c.spaceName} space.`;
  }
}

function paragraph(c: BodyContext, sentences = 2): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(c));
  return X.p(X.text(parts.join(" ")));
}

function someone(c: BodyContext): string {
  return c.people.length > 0 ? X.mention(c.rng.pick(c.people)) : X.text("the owner");
}

function relatedLinks(c: BodyContext, n: number): string[] {
  return c.rng.sample(c.related, n).map((title) => X.pageLink(title));
}

function tasks(c: BodyContext, n: number, doneRatio: number, make: (i: number) => string): X.Task[] {
  const out: X.Task[] = [];
  for (let i = 0; i < n; i++) out.push({ id: i + 1, done: c.rng.chance(doneRatio), body: make(i) });
  return out;
}

const home: Builder = (c) => {
  const links = relatedLinks(c, Math.min(6, c.related.length));
  return [
    X.p(X.text("Welcome to the "), X.strong(c.spaceName), X.text(" space. Start here to find how we work.")),
    X.panelMacro("info", X.p(X.text("Keep pages up to date: if something is wrong, fix it or leave a comment."))),
    X.h(2, "Quick links"),
    links.length > 0 ? X.ul(links) : X.p(X.text("Pages will be linked here as the space grows.")),
    X.h(2, "Contacts"),
    X.table(
      ["Area", "Contact"],
      [
        [X.text("Space owner"), someone(c)],
        [X.text("Questions"), someone(c)],
      ],
    ),
  ];
};

const index: Builder = (c) => [paragraph(c, 1), X.childrenMacro()];

const runbook: Builder = (c) => {
  const { rng } = c;
  const service = c.title.split(":")[0] ?? c.title;
  const unit = service.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return [
    X.tocMacro(),
    X.h(1, "Overview"),
    paragraph(c, 2),
    X.h(2, "Prerequisites"),
    X.ul([X.text("Production access approved"), X.text(`Member of the ${unit}-oncall group`), X.text("VPN connected")]),
    X.h(2, "Procedure"),
    X.ol([
      X.text("Announce the maintenance in the incident channel."),
      X.text(`Check the ${service} dashboard for current error rates.`),
      X.text("Run the commands below one at a time and watch the output."),
      X.text("Confirm health checks pass before closing the ticket."),
    ]),
    X.codeMacro(
      "bash",
      `kubectl -n ${unit} rollout status deploy/${unit}\nkubectl -n ${unit} rollout restart deploy/${unit}\n./scripts/healthcheck.sh --service ${unit} --timeout ${rng.int(30, 120)}`,
    ),
    X.h(2, "Rollback"),
    X.ol([X.text("Revert to the previous release tag."), X.text("Re-run the health check."), X.text("Post a summary in the channel.")]),
    X.h(2, "Escalation"),
    X.table(
      ["Role", "Contact"],
      [
        [X.text("Primary on-call"), someone(c)],
        [X.text("Service owner"), someone(c)],
      ],
    ),
    ...(c.related.length > 0 ? [X.p(X.text("See also "), ...relatedLinks(c, 1), X.text("."))] : []),
  ];
};

const meeting: Builder = (c) => {
  const { rng } = c;
  const attendees = rng.sample(c.people, rng.int(2, 5));
  return [
    X.p(X.strong("Date: "), X.date(c.createdAt)),
    X.h(2, "Attendees"),
    X.ul(attendees.map((a) => X.mention(a))),
    X.h(2, "Agenda"),
    X.ol([
      X.text(`Review ${rng.pick(W.NOUNS)}`),
      X.text(`Decide whether to ${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)}`),
      X.text("Open questions"),
    ]),
    X.h(2, "Discussion"),
    X.table(
      ["Topic", "Notes"],
      [
        [X.text(rng.pick(W.SERVICES)), X.text(sentence(c))],
        [X.text(rng.pick(W.DESIGN_TOPICS)), X.text(sentence(c))],
      ],
    ),
    X.h(2, "Action items"),
    X.taskList(tasks(c, rng.int(2, 5), 0.5, () => `${someone(c)}${X.text(` to ${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)}`)}`)),
  ];
};

const design: Builder = (c) => {
  const { rng } = c;
  const status = rng.pick(["DRAFT", "IN REVIEW", "APPROVED", "SUPERSEDED"]);
  return [
    X.panelMacro("note", X.p(X.strong("Status: "), X.text(status), X.text(" | Owner: "), someone(c))),
    X.h(1, "Context"),
    paragraph(c, 3),
    X.h(2, "Goals"),
    X.ul([X.text(`${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)}`), X.text(`Keep ${rng.pick(W.SERVICES)} backwards compatible`)]),
    X.h(2, "Non-goals"),
    X.ul([X.text("Changing the public API"), X.text("Migrating historical data")]),
    X.h(2, "Proposal"),
    paragraph(c, 2),
    X.codeMacro(
      "json",
      `{\n  "event": "order.updated",\n  "version": ${rng.int(1, 4)},\n  "idempotencyKey": "<uuid>",\n  "retryPolicy": { "maxAttempts": ${rng.int(3, 8)} }\n}`,
    ),
    X.h(2, "Alternatives considered"),
    X.table(
      ["Option", "Pros", "Cons"],
      [
        [X.text("Do nothing"), X.text("No migration cost"), X.text(rng.pick(W.PROBLEMS))],
        [X.text("Buy a managed service"), X.text("Less to operate"), X.text("Vendor lock-in")],
      ],
    ),
    X.h(2, "Open questions"),
    X.ol([X.text("Who owns the rollout?"), X.text("What is the rollback plan?")]),
  ];
};

const retro: Builder = (c) => {
  const { rng } = c;
  return [
    X.p(X.text("Retrospective held on "), X.date(c.createdAt), X.text(".")),
    X.h(2, "What went well"),
    X.ul(rng.sample(W.WELL, 3).map((s) => X.text(s))),
    X.h(2, "What could be improved"),
    X.ul(rng.sample(W.PROBLEMS, 2).map((s) => X.text(`Next time: ${s}`))),
    X.h(2, "Action items"),
    X.taskList(tasks(c, rng.int(2, 4), 0.4, () => `${someone(c)}${X.text(` will ${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)}`)}`)),
  ];
};

const checklist: Builder = (c) => {
  const { rng } = c;
  const before = ["Changelog reviewed", "Feature flags configured", "Database migrations tested on staging", "Support briefed"];
  const after = ["Dashboards checked for errors", "Release announced", "Tickets closed", "Retro scheduled"];
  let n = 0;
  const list = (items: string[], ratio: number) => X.taskList(items.map((s) => ({ id: ++n, done: rng.chance(ratio), body: X.text(s) })));
  return [
    X.p(X.text("Work through every item and tick it off. Owner: "), someone(c)),
    X.h(2, "Before"),
    list(rng.sample(before, rng.int(3, 4)), 0.7),
    X.h(2, "After"),
    list(rng.sample(after, rng.int(2, 4)), 0.3),
  ];
};

const release: Builder = (c) => {
  const { rng } = c;
  const rows = rng.sample(W.FIX_SUMMARIES, rng.int(2, 4)).map((s) => [X.text(`${rng.pick(W.JIRA_KEYS)}-${rng.int(10, 999)}`), X.text(s)]);
  return [
    X.p(X.text(`${c.title} shipped on `), X.date(c.createdAt), X.text(".")),
    X.h(2, "Highlights"),
    X.ul([X.text(`Faster ${rng.pick(W.SERVICES)}`), X.text(`New settings for ${rng.pick(W.NOUNS)}`)]),
    X.h(2, "Fixed issues"),
    X.table(["Key", "Summary"], rows),
    X.h(2, "Known issues"),
    X.ul([X.text(rng.pick(W.PROBLEMS))]),
    X.h(2, "Upgrade notes"),
    X.codeMacro("bash", `helm upgrade app ./chart --set image.tag=${c.title.replace(/^Release /, "")}`),
  ];
};

const howto: Builder = (c) => {
  const { rng } = c;
  return [
    paragraph(c, 1),
    X.h(2, "Steps"),
    X.ol([X.text("Clone the repository."), X.text("Run the setup script."), X.text("Verify with the smoke test.")]),
    X.codeMacro(
      rng.pick(["bash", "python", "yaml"]),
      `git clone git@github.com:example/platform.git\ncd platform && make setup\nmake smoke-test`,
    ),
    X.panelMacro("warning", X.p(X.text("Never run these steps against production without a second pair of eyes."))),
    ...(c.related.length > 0 ? [X.p(X.text("Related: "), ...relatedLinks(c, 1))] : []),
  ];
};

const onboarding: Builder = (c) => {
  const { rng } = c;
  let n = 0;
  const items = ["Laptop set up", "Accounts requested", "Read the team charter", "Met your onboarding buddy", "First pull request merged"];
  const [href, label] = rng.pick(W.LINKS);
  return [
    X.p(X.text("Welcome aboard! Your onboarding buddy is "), someone(c), X.text(".")),
    X.h(2, "First week"),
    X.taskList(items.map((s) => ({ id: ++n, done: rng.chance(0.5), body: X.text(s) }))),
    X.h(2, "Accounts"),
    X.table(
      ["System", "How to get access"],
      [
        [X.text("Source control"), X.text("Ask in the help channel")],
        [X.text("Cloud console"), X.text("Request through the access portal")],
      ],
    ),
    X.h(2, "Useful links"),
    X.ul([X.externalLink(href, label), ...relatedLinks(c, 2)]),
  ];
};

const policy: Builder = (c) => [
  X.h(2, "Purpose"),
  paragraph(c, 2),
  X.h(2, "Scope"),
  X.p(X.text("Applies to all employees, contractors and systems that handle company data.")),
  X.h(2, "Policy"),
  X.ol([
    X.text("Access is granted on least privilege."),
    X.text("Reviews happen every quarter."),
    X.text("Exceptions need written approval."),
  ]),
  X.h(2, "Contacts"),
  X.p(X.text("Questions go to "), someone(c), X.text(".")),
];

const brief: Builder = (c) => {
  const { rng } = c;
  return [
    X.h(2, "Objective"),
    paragraph(c, 2),
    X.h(2, "Audience"),
    X.ul([X.text("Existing customers"), X.text("Developers evaluating the API")]),
    X.h(2, "Key messages"),
    X.ul([X.text(`It ${rng.pick(W.OUTCOMES)}`), X.text("Setup takes minutes")]),
    X.h(2, "Timeline"),
    X.table(
      ["Milestone", "Date", "Owner"],
      [
        [X.text("Draft copy"), X.date(c.createdAt), someone(c)],
        [X.text("Launch"), X.date(c.createdAt + rng.int(14, 60) * 86_400_000), someone(c)],
      ],
    ),
    X.h(2, "Launch checklist"),
    X.taskList(tasks(c, 3, 0.5, (i) => X.text(["Landing page live", "Email scheduled", "Social posts queued"][i] ?? "Follow up"))),
  ];
};

const notes: Builder = (c) => {
  const { rng } = c;
  return [
    paragraph(c, 1),
    X.h(2, "To do"),
    X.taskList(tasks(c, rng.int(2, 5), 0.5, () => X.text(`${rng.pick(W.VERBS)} ${rng.pick(W.NOUNS)}`))),
    X.h(2, "Notes"),
    X.ul([X.text(rng.pick(W.WELL)), X.text(rng.pick(W.PROBLEMS))]),
  ];
};

const BUILDERS: Readonly<Record<PageKind, Builder>> = {
  home,
  index,
  runbook,
  meeting,
  design,
  retro,
  checklist,
  release,
  howto,
  onboarding,
  policy,
  brief,
  notes,
};

export function bodyBlocks(kind: PageKind, context: BodyContext): string[] {
  return BUILDERS[kind](context);
}

/** Labels a page of this kind usually carries. */
export const KIND_LABELS: Readonly<Record<PageKind, readonly string[]>> = {
  home: [],
  index: [],
  runbook: ["runbook", "oncall", "operations"],
  meeting: ["meeting-notes"],
  design: ["design-doc", "rfc", "architecture"],
  retro: ["retrospective", "lessons-learned"],
  checklist: ["checklist", "release"],
  release: ["release-notes"],
  howto: ["how-to", "guide"],
  onboarding: ["onboarding", "new-hire"],
  policy: ["policy", "compliance"],
  brief: ["campaign", "marketing"],
  notes: ["personal"],
};

export const EXTRA_LABELS = ["needs-review", "draft", "deprecated", "q2-2026", "important", "customer-facing", "team-process"] as const;
