import type { Rng } from "../../util/rng.js";

/** An Atlassian account, shared by Jira and Confluence on one site. */
export interface User {
  accountId: string;
  accountType: "atlassian" | "app";
  displayName: string;
  emailAddress: string;
  active: boolean;
  timeZone: string;
  locale: string;
  /** Secret API token; never rendered in a response. */
  apiToken: string;
  /** Group names, e.g. `jira-software-users`, `site-admins`. */
  groups: readonly string[];
}

const GIVEN = [
  "Amelia",
  "Bruno",
  "Chiara",
  "Dmitri",
  "Elena",
  "Farid",
  "Grace",
  "Hiroshi",
  "Ines",
  "Jonas",
  "Kavya",
  "Liam",
  "Mei",
  "Nadia",
  "Oscar",
  "Priya",
  "Quentin",
  "Rosa",
  "Samir",
  "Tomasz",
  "Uma",
  "Victor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Aditya",
  "Beatriz",
  "Connor",
  "Dalia",
  "Emeka",
  "Freya",
  "Gustavo",
  "Hana",
  "Ivan",
  "Julia",
  "Kenji",
  "Leila",
  "Marco",
  "Noor",
] as const;

const FAMILY = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Novak",
  "Haddad",
  "Fischer",
  "Ramirez",
  "Kowalski",
  "Chen",
  "Gupta",
  "O'Brien",
  "Rossi",
  "Nakamura",
  "Andersen",
  "Silva",
  "Petrov",
  "Mensah",
  "Schmidt",
  "Alvarez",
  "Kim",
  "Dubois",
  "Nguyen",
  "Costa",
  "Ivanova",
  "Bianchi",
  "Walsh",
  "Yilmaz",
  "Herrera",
  "Sato",
] as const;

const TIME_ZONES = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Asia/Kolkata",
  "America/Sao_Paulo",
  "Europe/Warsaw",
  "Africa/Lagos",
] as const;

const LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "ja_JP", "pt_BR", "es_ES"] as const;

export const ADMIN_EMAIL = "admin@example.com";

/** Account ids look like Atlassian's: `5b10ac8d82e05b22cc7d4ef5` or `712020:<uuid>`. */
function accountId(rng: Rng): string {
  return rng.chance(0.5) ? rng.hex(24) : `712020:${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
}

/**
 * The site administrator first (fixed e-mail, the given API token), then `count` people
 * with unique names; about one in ten is deactivated, as on real sites.
 */
export function generateUsers(rng: Rng, count: number, adminToken: string, domain = "example.com"): User[] {
  const admin: User = {
    accountId: accountId(rng),
    accountType: "atlassian",
    displayName: "Site Admin",
    emailAddress: ADMIN_EMAIL,
    active: true,
    timeZone: "Etc/UTC",
    locale: "en_US",
    apiToken: adminToken,
    groups: ["site-admins", "jira-administrators", "jira-software-users", "confluence-users"],
  };
  const users: User[] = [admin];
  const seen = new Set<string>();
  while (users.length < count + 1) {
    const given = rng.pick(GIVEN);
    const family = rng.pick(FAMILY);
    const displayName = `${given} ${family}`;
    if (seen.has(displayName)) continue;
    seen.add(displayName);
    const local = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, "");
    users.push({
      accountId: accountId(rng),
      accountType: "atlassian",
      displayName,
      emailAddress: `${local}@${domain}`,
      active: !rng.chance(0.1),
      timeZone: rng.pick(TIME_ZONES),
      locale: rng.pick(LOCALES),
      apiToken: `ATATT3x${rng.hex(40)}`,
      groups: rng.chance(0.15)
        ? ["jira-administrators", "jira-software-users", "confluence-users"]
        : ["jira-software-users", "confluence-users"],
    });
  }
  return users;
}
