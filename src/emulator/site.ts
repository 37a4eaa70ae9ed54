import { Table, forkTables, freezeTables, changedCount, type JournalRef } from "./store.js";
import type { User } from "./core/users.js";
import type { JiraTables } from "./jira/state.js";
import type { ConfluenceTables } from "./confluence/state.js";

/** Facts about a site that never change after generation. */
export interface SiteMeta {
  seed: number;
  /** Public base URL used in `self` links, e.g. `https://acme.atlassian.net`. */
  baseUrl: string;
  cloudId: string;
  adminAccountId: string;
  adminToken: string;
}

export interface CoreTables {
  users: Table<User>;
  /** Id sequences and the site clock (`clock`, epoch milliseconds). */
  counters: Table<number>;
}

/**
 * One emulated Atlassian site: Jira and Confluence sharing one user directory.
 * Plain state in copy-on-write tables; `fork()` is O(1) once the site is frozen.
 */
export class Site {
  constructor(
    readonly meta: SiteMeta,
    readonly core: CoreTables,
    readonly jira: JiraTables,
    readonly confluence: ConfluenceTables,
    private readonly journal: JournalRef,
  ) {}

  static empty(meta: SiteMeta, jira: (j: JournalRef) => JiraTables, confluence: (j: JournalRef) => ConfluenceTables): Site {
    const journal: JournalRef = { entries: null };
    const core: CoreTables = { users: new Table(journal), counters: new Table(journal) };
    return new Site(meta, core, jira(journal), confluence(journal), journal);
  }

  /** An independent copy: writes to the fork never reach this site, nor the reverse once frozen. */
  fork(): Site {
    const journal: JournalRef = { entries: null };
    return new Site(
      this.meta,
      forkTables(this.core, journal),
      forkTables(this.jira, journal),
      forkTables(this.confluence, journal),
      journal,
    );
  }

  /** Deep-freezes all state; afterwards the site is a template to fork from. */
  freeze(): this {
    freezeTables(this.core);
    freezeTables(this.jira);
    freezeTables(this.confluence);
    return this;
  }

  /** Records written or removed by this fork (its footprint over the shared base). */
  get changedRecords(): number {
    return changedCount(this.core) + changedCount(this.jira) + changedCount(this.confluence);
  }

  /**
   * Runs `fn` atomically: if it throws or `keep(result)` is false, every table write it
   * made is undone. Nested calls join the outer transaction.
   */
  transact<T>(fn: () => T, keep: (result: T) => boolean): T {
    if (this.journal.entries) return fn();
    const entries: Array<() => void> = [];
    this.journal.entries = entries;
    let ok = false;
    try {
      const result = fn();
      ok = keep(result);
      return result;
    } finally {
      this.journal.entries = null;
      if (!ok) for (let i = entries.length - 1; i >= 0; i--) entries[i]!();
    }
  }

  /** Next value of a named id sequence (starts at `start`). */
  nextId(sequence: string, start = 10000): number {
    const current = this.core.counters.get(sequence) ?? start - 1;
    const next = current + 1;
    this.core.counters.set(sequence, next);
    return next;
  }

  /** The site clock in epoch ms: deterministic, advanced by the emulator per write. */
  now(): number {
    return this.core.counters.get("clock") ?? 0;
  }

  advanceClock(ms: number): void {
    this.core.counters.set("clock", this.now() + ms);
  }

  user(accountId: string): User | undefined {
    return this.core.users.get(accountId);
  }

  get admin(): User {
    const admin = this.core.users.get(this.meta.adminAccountId);
    if (!admin) throw new Error("site has no administrator");
    return admin;
  }
}
