/**
 * Copy-on-write tables: the storage layer every emulated product keeps its state in.
 *
 * A generated world is built once, frozen, and then forked for every episode. A fork
 * shares the frozen base and records only its own writes in a small overlay, so forking
 * is O(1) and a live session costs memory in proportion to what it changed.
 *
 * Values are immutable by convention (the base is deep-frozen): to change a record,
 * write a new object with `set`. Writes made inside a transaction are journaled so a
 * request that fails can be rolled back exactly (the emulator is atomic per request).
 */

/** Undo entries of the transaction in progress, shared by all tables of one site. */
export interface JournalRef {
  entries: Array<() => void> | null;
}

export class Table<V> {
  private base: ReadonlyMap<string, V>;
  private readonly overlay: Map<string, V>;
  private readonly removed: Set<string>;
  private frozen = false;

  constructor(
    private readonly journal: JournalRef,
    base?: ReadonlyMap<string, V>,
    overlay?: Map<string, V>,
    removed?: Set<string>,
  ) {
    this.base = base ?? (EMPTY as ReadonlyMap<string, V>);
    this.overlay = overlay ?? new Map();
    this.removed = removed ?? new Set();
  }

  get(key: string): V | undefined {
    const v = this.overlay.get(key);
    if (v !== undefined) return v;
    if (this.removed.size > 0 && this.removed.has(key)) return undefined;
    return this.base.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.assertWritable();
    const journal = this.journal.entries;
    if (journal) {
      const prev = this.overlay.get(key);
      const wasRemoved = this.removed.has(key);
      journal.push(() => {
        if (prev === undefined) this.overlay.delete(key);
        else this.overlay.set(key, prev);
        if (wasRemoved) this.removed.add(key);
      });
    }
    this.removed.delete(key);
    this.overlay.set(key, value);
  }

  delete(key: string): boolean {
    this.assertWritable();
    if (!this.has(key)) return false;
    const journal = this.journal.entries;
    if (journal) {
      const prev = this.overlay.get(key);
      const wasRemoved = this.removed.has(key);
      journal.push(() => {
        if (prev !== undefined) this.overlay.set(key, prev);
        if (!wasRemoved) this.removed.delete(key);
      });
    }
    this.overlay.delete(key);
    if (this.base.has(key)) this.removed.add(key);
    return true;
  }

  /** Number of live entries. O(overlay) when the fork changed anything. */
  get size(): number {
    let n = this.base.size - this.removed.size;
    for (const key of this.overlay.keys()) if (!this.base.has(key)) n++;
    return n;
  }

  /** Entries in a stable order: base order first (with overrides in place), then new keys. */
  *entries(): IterableIterator<[string, V]> {
    const overlay = this.overlay;
    const removed = this.removed;
    for (const [key, value] of this.base) {
      if (removed.size > 0 && removed.has(key)) continue;
      const own = overlay.size > 0 ? overlay.get(key) : undefined;
      yield [key, own ?? value];
    }
    for (const [key, value] of overlay) if (!this.base.has(key)) yield [key, value];
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  /** Number of keys this fork has written or removed (its private footprint). */
  get changedCount(): number {
    return this.overlay.size + this.removed.size;
  }

  /**
   * A new table that sees everything this one sees and writes only to itself.
   * A frozen table is shared as the base; an unfrozen one copies its (small) overlay.
   */
  fork(journal: JournalRef): Table<V> {
    if (this.frozen) return new Table(journal, this.flatBase());
    return new Table(journal, this.base, new Map(this.overlay), new Set(this.removed));
  }

  /** Make this table read-only, collapsing its overlay so forks read one map. */
  freeze(deep = true): void {
    if (this.frozen) return;
    if (deep) for (const v of this.values()) deepFreeze(v);
    this.frozen = true;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  private flatBase(): ReadonlyMap<string, V> {
    if (this.overlay.size === 0 && this.removed.size === 0) return this.base;
    const flat = new Map(this.entries());
    // Cache the flattened view: a frozen table never changes again.
    this.base = flat;
    this.overlay.clear();
    this.removed.clear();
    return flat;
  }

  private assertWritable(): void {
    if (this.frozen) throw new Error("write to a frozen table: fork the site first");
  }
}

const EMPTY: ReadonlyMap<string, unknown> = new Map<string, unknown>();

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** A named set of tables; products declare theirs as interfaces of `Table`s. */
export type Tables = { readonly [name: string]: Table<unknown> };

export function forkTables<T extends object>(tables: T, journal: JournalRef): T {
  const out: Record<string, unknown> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (table as Table<unknown>).fork(journal);
  return out as T;
}

export function freezeTables(tables: object): void {
  for (const table of Object.values(tables)) (table as Table<unknown>).freeze();
}

export function changedCount(tables: object): number {
  let n = 0;
  for (const table of Object.values(tables)) n += (table as Table<unknown>).changedCount;
  return n;
}
