import type { Rng } from "../../../util/rng.js";
import type { User } from "../../core/users.js";
import type { SpaceGrant, SpaceType } from "../state.js";
import type { SpaceFlavour } from "./tree.js";

/** Which spaces a world has, who may do what in them, and how big their page trees are. */

export interface SpacePlan {
  key: string;
  name: string;
  type: SpaceType;
  flavour: SpaceFlavour;
  description: string;
  ownerId: string;
  grants: SpaceGrant[];
  /** Accounts that write in the space (authors, commenters, people mentioned). */
  members: User[];
  /** Target page count at scale 1. */
  baseSize: number;
}

interface SpaceTemplate {
  key: string;
  name: string;
  flavour: SpaceFlavour;
  description: string;
}

const TEAM_SPACES: readonly SpaceTemplate[] = [
  {
    key: "ENG",
    name: "Engineering",
    flavour: "engineering",
    description: "Runbooks, design docs and release notes for the engineering teams.",
  },
  {
    key: "OPS",
    name: "Operations",
    flavour: "operations",
    description: "How we run production: runbooks, incident reviews and checklists.",
  },
  { key: "MKT", name: "Marketing", flavour: "marketing", description: "Campaign briefs, launch checklists and marketing team notes." },
  { key: "PROD", name: "Product Management", flavour: "product", description: "Product requirements, roadmaps and release notes." },
  { key: "DATA", name: "Data Platform", flavour: "data", description: "Pipelines, warehouse runbooks and data quality checks." },
  { key: "SUP", name: "Customer Support", flavour: "support", description: "Support playbooks, escalation checklists and how-to guides." },
];

const RESTRICTED_SPACES: readonly SpaceTemplate[] = [
  {
    key: "SEC",
    name: "Security",
    flavour: "restricted",
    description: "Security policies, audits and incident reviews. Restricted to the security team.",
  },
  { key: "LEGAL", name: "Legal", flavour: "restricted", description: "Contracts, policies and compliance. Restricted to the legal team." },
  {
    key: "FIN",
    name: "Finance",
    flavour: "restricted",
    description: "Budgets, audit checklists and finance policies. Restricted to finance.",
  },
];

export const CONFLUENCE_USERS_GROUP = "confluence-users";

/** 4-6 spaces: Engineering plus 1-3 more team spaces, one restricted space and one personal space. */
export function planSpaces(rng: Rng, users: readonly User[], admin: User): SpacePlan[] {
  const active = users.filter((u) => u.active && u.accountId !== admin.accountId);
  const total = rng.int(4, 6);
  const teams = [TEAM_SPACES[0]!, ...rng.sample(TEAM_SPACES.slice(1), total - 3)];
  const plans: SpacePlan[] = teams.map((template) => {
    const owner = rng.pick(active);
    return {
      ...template,
      type: "global",
      ownerId: owner.accountId,
      grants: [
        { principal: { type: "group", id: CONFLUENCE_USERS_GROUP }, operations: ["read", "write"] },
        { principal: { type: "user", id: owner.accountId }, operations: ["read", "write", "administer"] },
      ],
      members: active,
      baseSize: rng.int(25, 60),
    };
  });

  const restricted = rng.pick(RESTRICTED_SPACES);
  const insiders = rng.sample(active, rng.int(3, 5));
  plans.push({
    ...restricted,
    type: "global",
    ownerId: insiders[0]!.accountId,
    grants: insiders.map((u, i) => ({
      principal: { type: "user" as const, id: u.accountId },
      operations: i === 0 ? (["read", "write", "administer"] as const) : (["read", "write"] as const),
    })),
    members: insiders,
    baseSize: rng.int(20, 35),
  });

  const person = rng.pick(active.filter((u) => !insiders.includes(u)));
  plans.push({
    key: `~${person.accountId.replace(/[^A-Za-z0-9]/g, "")}`,
    name: person.displayName,
    type: "personal",
    flavour: "personal",
    description: `Personal space of ${person.displayName}.`,
    ownerId: person.accountId,
    grants: [
      { principal: { type: "user", id: person.accountId }, operations: ["read", "write", "administer"] },
      { principal: { type: "group", id: CONFLUENCE_USERS_GROUP }, operations: ["read"] },
    ],
    members: [person],
    baseSize: rng.int(20, 28),
  });
  return plans;
}
