/**
 * Contract between the CQL engine (this folder) and the Confluence emulator, which adapts its
 * content records to `CqlContentView`.
 */
export interface CqlContentView {
  id: string;
  /** `page`, `blogpost`, `comment`, ... */
  type: string;
  /** `current`, `draft`, `trashed`, ...; only `current` content matches (as in Confluence search). */
  status: string;
  title: string;
  spaceId: string;
  spaceKey: string;
  /** Plain text of the body (for `text ~`). */
  bodyText: string;
  labels: readonly string[];
  /** Direct parent page id or null. */
  parentId: string | null;
  /** All ancestor page ids, root first. */
  ancestorIds: readonly string[];
  creatorAccountId: string;
  lastModifierAccountId: string;
  /** Epoch ms. */
  created: number;
  lastModified: number;
}

export interface CqlUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

export interface CqlContext {
  currentAccountId: string;
  now: number;
  users: readonly CqlUser[];
}

export interface CompiledCql {
  matches(content: CqlContentView): boolean;
  compare(a: CqlContentView, b: CqlContentView): number;
  /**
   * Space keys (lower-cased) the query is restricted to, when the engine can tell: only content of these spaces
   * can match, so the emulator may scan just them. Undefined means: scan everything.
   */
  spaceKeys?: readonly string[];
}

export type CqlResult =
  | { ok: true; query: CompiledCql }
  /**
   * Confluence's v1 400 message, e.g. `Could not parse cql : type = page AND` (Confluence echoes
   * the query and says no more). `detail` says what is wrong, for logs and tests; Confluence does
   * not return it.
   */
  | { ok: false; message: string; detail?: string };

/** Implemented in `./index.ts`. */
export type CompileCql = (cql: string, context: CqlContext) => CqlResult;
