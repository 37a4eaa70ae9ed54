import { Rng } from "../util/rng.js";
import { generateUsers } from "./core/users.js";
import { Site } from "./site.js";
import { createJiraTables } from "./jira/state.js";
import { createConfluenceTables } from "./confluence/state.js";
import { generateJira } from "./jira/generate.js";
import { generateConfluence } from "./confluence/generate.js";

export const DEFAULT_ADMIN_TOKEN = "atlasgym";
/** Site clock at the end of generation: 2026-06-01T09:00:00Z. History lies before it. */
export const WORLD_EPOCH_MS = Date.UTC(2026, 5, 1, 9, 0, 0);

export interface WorldOptions {
  seed: number;
  adminToken?: string;
  /** Multiplies the number of issues and pages (1 = default size); used by scaling benchmarks. */
  scale?: number;
}

/** `seed -> Site`: a realistic, frozen site holding Jira and Confluence; fork it to use it. */
export function generateSite(options: WorldOptions): Site {
  const { seed, adminToken = DEFAULT_ADMIN_TOKEN, scale = 1 } = options;
  const rng = new Rng(seed);
  const people = generateUsers(rng.fork("users"), rng.fork("user-count").int(22, 32), adminToken);
  const admin = people[0]!;
  const slug = rng.fork("site").pick(["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell"]);
  const site = Site.empty(
    {
      seed,
      baseUrl: `https://${slug}.atlassian.net`,
      cloudId: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      adminAccountId: admin.accountId,
      adminToken,
    },
    createJiraTables,
    createConfluenceTables,
  );
  for (const user of people) site.core.users.set(user.accountId, user);
  site.core.counters.set("clock", WORLD_EPOCH_MS);
  generateJira(site, rng.fork("jira"), scale);
  generateConfluence(site, rng.fork("confluence"), scale);
  return site.freeze();
}
