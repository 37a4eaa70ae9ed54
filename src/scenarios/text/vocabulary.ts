/**
 * Entity names invented by scenarios (summaries, page titles, labels, checklist items), each
 * list divided between the splits so test names never appear in training. Names are built from
 * a split-specific head and a shared tail, so every test name differs from every train name.
 */
import type { Rng } from "../../util/rng.js";
import type { Split } from "../types.js";

export interface Vocabulary {
  train: readonly string[];
  test: readonly string[];
}

export function wordsFor(vocabulary: Vocabulary, split: Split): readonly string[] {
  return split === "train" ? vocabulary.train : vocabulary.test;
}

export function pickWord(rng: Rng, vocabulary: Vocabulary, split: Split): string {
  return rng.pick(wordsFor(vocabulary, split));
}

/** The subject of invented work items: what the work is about. Split by subject. */
export const SUBJECTS: Vocabulary = {
  train: [
    "invoice export",
    "password reset email",
    "audit log viewer",
    "SAML login",
    "usage report",
    "webhook retries",
    "CSV import",
    "dark mode toggle",
    "rate limiter",
    "search autocomplete",
    "billing page",
    "session timeout",
    "bulk user invite",
    "PDF renderer",
    "timezone picker",
    "API key rotation",
    "image thumbnails",
    "email digest",
    "cookie banner",
    "refund workflow",
    "tag filter",
    "calendar sync",
    "inventory counter",
    "shipping estimate",
    "two-factor prompt",
    "release notes page",
    "onboarding checklist",
    "quota alerts",
    "file versioning",
    "status page widget",
  ],
  test: [
    "loyalty points ledger",
    "translation memory",
    "kiosk mode",
    "voucher redemption",
    "parcel tracking map",
    "consent registry",
    "warranty claims form",
    "seat reservation grid",
    "meter reading upload",
    "donation receipt",
    "fleet telemetry feed",
    "recipe scaler",
  ],
};

/** What happens to a subject in a work item ("{subject} times out on large accounts"). */
export const PROBLEMS: readonly string[] = [
  "times out on large accounts",
  "shows stale data after an update",
  "fails for users with non-ASCII names",
  "needs a retry with backoff",
  "is missing from the mobile layout",
  "should support pagination",
  "logs personal data in plain text",
  "breaks when the locale is German",
  "needs an owner and a runbook",
  "double-counts weekend entries",
  "ignores the configured limit",
  "should be behind a feature flag",
];

/** Labels a task asks to add. Split by label. */
export const LABELS: Vocabulary = {
  train: [
    "needs-triage",
    "q3-review",
    "customer-impact",
    "follow-up",
    "quick-win",
    "blocked-external",
    "docs-needed",
    "release-candidate",
    "hotfix",
    "audit-2026",
    "design-review",
    "spike",
    "okr-growth",
    "legacy",
    "cleanup",
    "on-call",
  ],
  test: ["needs-owner", "h2-planning", "compliance-check", "sunset", "pilot-feedback", "handover"],
};

/** Titles for pages a task asks to create: "{topic} {kind}". Split by topic. */
export const PAGE_TOPICS: Vocabulary = {
  train: [
    "Payments Revamp",
    "Search Relevance",
    "Data Retention",
    "Incident Review Process",
    "Mobile Offline Mode",
    "Vendor Evaluation",
    "API Versioning",
    "Hiring Plan",
    "Cost Reduction",
    "Accessibility Audit",
    "Onboarding Redesign",
    "Observability Stack",
    "Quarterly Planning",
    "Security Training",
    "Customer Interviews",
    "Pricing Experiment",
  ],
  test: ["Warehouse Robotics", "Partner Portal", "Carbon Reporting", "Field Service App", "Localization Rollout", "Edge Caching"],
};

export const PAGE_KINDS: readonly string[] = [
  "Kickoff Notes",
  "Decision Record",
  "Retrospective",
  "Runbook",
  "Status Update",
  "Design Proposal",
  "FAQ",
  "Meeting Notes",
  "Launch Checklist",
  "Research Summary",
];

/** Sentences describing why the work matters, for descriptions and comments. */
export const RATIONALES: readonly string[] = [
  "Customers reported it twice this week",
  "It blocks the next release",
  "Support spends an hour a day on it",
  "Legal asked for it before the audit",
  "It came up in the last retrospective",
  "The on-call engineer flagged it overnight",
  "Sales needs it for a renewal",
  "It is the top item from the user survey",
];
