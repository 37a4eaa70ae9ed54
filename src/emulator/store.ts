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
  // Until the first write these are shared empty instances (forking allocates nothing per table);
  // `own()` and `ownRemoved()` give private ones, so the shared ones are never written.
  private overlay: Map<string, V>;
  private removed: Set<string>;
  private frozen = false;
  /** Stands for the current contents while the overlay is in use; dropped on every change (see `state`). */
  private stamp: object | undefined;

  constructor(
    private readonly journal: JournalRef,
    base?: ReadonlyMap<string, V>,
    overlay?: Map<string, V>,
    removed?: Set<string>,
  ) {
    this.base = base ?? (EMPTY as ReadonlyMap<string, V>);
    this.overlay = overlay ?? (NO_OVERLAY as Map<string, V>);
    this.removed = removed ?? NO_REMOVED;
  }

  get(key: string): V | undefined {
    if (this.overlay.size > 0) {
      const v = this.overlay.get(key);
      if (v !== undefined) return v;
    }
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
        else this.own().set(key, prev);
        if (wasRemoved) this.ownRemoved().add(key);
        this.stamp = undefined;
      });
    }
    this.stamp = undefined;
    this.removed.delete(key);
    this.own().set(key, value);
  }

  delete(key: string): boolean {
    this.assertWritable();
    if (!this.has(key)) return false;
    const journal = this.journal.entries;
    if (journal) {
      const prev = this.overlay.get(key);
      const wasRemoved = this.removed.has(key);
      journal.push(() => {
        if (prev !== undefined) this.own().set(key, prev);
        if (!wasRemoved) this.removed.delete(key);
        this.stamp = undefined;
      });
    }
    this.stamp = undefined;
    this.overlay.delete(key);
    if (this.base.has(key)) this.ownRemoved().add(key);
    return true;
  }

  /** Number of live entries. O(overlay) when the fork changed anything. */
  get size(): number {
    let n = this.base.size - this.removed.size;
    for (const key of this.overlay.keys()) if (!this.base.has(key)) n++;
    return n;
  }

  /**
   * An object standing for this table's current contents, for caches of data derived from them: the same object
   * as long as the contents are unchanged, a new one after any write (or its rollback). A fork that has not
   * written shares its base's state, so derived data is shared by every such fork of one world.
   */
  get state(): object {
    // A frozen table is flattened first, so that it and its forks answer the same object.
    if (this.frozen) return this.flatBase();
    if (this.overlay.size === 0 && this.removed.size === 0) return this.base;
    return (this.stamp ??= {});
  }

  /**
   * The `state` this table's base has (what a fork of it that has not written answers), for caches that patch
   * data derived from the base with `changedKeys` instead of deriving it again.
   */
  get baseState(): object {
    return this.frozen ? this.flatBase() : this.base;
  }

  /** The value `key` has in the base (what `get` answered before this table's own writes). */
  baseGet(key: string): V | undefined {
    if (this.frozen) this.flatBase();
    return this.base.get(key);
  }

  /** A read-only table holding this one's base contents: what a fork that has not written sees. */
  baseView(journal: JournalRef): Table<V> {
    const view = new Table(journal, this.frozen ? this.flatBase() : this.base);
    view.frozen = true;
    return view;
  }

  /** Keys this table has written (in write order) or removed since its base: where it may differ from `baseState`. */
  *changedKeys(): IterableIterator<string> {
    if (this.frozen) this.flatBase();
    yield* this.overlay.keys();
    yield* this.removed;
  }

  /** Entries in a stable order: base order first (with overrides in place), then new keys. */
  entries(): IterableIterator<[string, V]> {
    // A frozen table never changes: its base map's own iterator is the same sequence, without a generator.
    if (this.frozen && this.overlay.size === 0 && this.removed.size === 0) return this.base.entries();
    return this.liveEntries();
  }

  values(): IterableIterator<V> {
    if (this.frozen && this.overlay.size === 0 && this.removed.size === 0) return this.base.values();
    return this.liveValues();
  }

  keys(): IterableIterator<string> {
    if (this.frozen && this.overlay.size === 0 && this.removed.size === 0) return this.base.keys();
    return this.liveKeys();
  }

  /** Values as an array, in `values()` order (one pass, no iterator). */
  toArray(): V[] {
    const overlay = this.overlay;
    const removed = this.removed;
    const { keys, values } = arraysOf(this.base);
    if (overlay.size === 0 && removed.size === 0) return values.slice();
    const out: V[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (removed.size > 0 && removed.has(key)) continue;
      out.push(overlay.get(key) ?? (values[i] as V));
    }
    for (const [key, value] of overlay) if (!this.base.has(key)) out.push(value);
    return out;
  }

  // The live iterators re-read the overlay at every step (it may be allocated by a write made while iterating), so
  // writes made while iterating are seen. They walk the base as arrays and are plain objects, not generators: most
  // iterations are of forks that wrote nothing or little, where this is several times faster.
  private liveEntries(): IterableIterator<[string, V]> {
    return this.live((key, value) => [key, value]);
  }

  private liveValues(): IterableIterator<V> {
    return this.live((_, value) => value);
  }

  private liveKeys(): IterableIterator<string> {
    return this.live((key) => key);
  }

  private live<T>(pick: (key: string, value: V) => T): IterableIterator<T> {
    const base = this.base;
    const { keys, values } = arraysOf(base);
    let i = 0;
    let tailOf: Map<string, V> | undefined;
    let tail: Iterator<[string, V]> | undefined;
    const iterator: IterableIterator<T> = {
      next: (): IteratorResult<T> => {
        while (i < keys.length) {
          const at = i++;
          const key = keys[at] as string;
          const overlay = this.overlay;
          const removed = this.removed;
          if (removed.size > 0 && removed.has(key)) continue;
          const own = overlay.size > 0 ? overlay.get(key) : undefined;
          return { value: pick(key, own ?? (values[at] as V)), done: false };
        }
        // Then the keys the base lacks, in write order. A first write allocates the overlay: all of it is then new.
        for (;;) {
          if (tailOf !== this.overlay) {
            tailOf = this.overlay;
            tail = tailOf.entries();
          }
          const step = (tail as Iterator<[string, V]>).next();
          if (step.done) return { value: undefined, done: true };
          const [key, value] = step.value;
          if (!base.has(key)) return { value: pick(key, value), done: false };
        }
      },
      [Symbol.iterator]: () => iterator,
    };
    return iterator;
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
    const overlay = this.overlay.size > 0 ? new Map(this.overlay) : undefined;
    const removed = this.removed.size > 0 ? new Set(this.removed) : undefined;
    return new Table(journal, this.base, overlay, removed);
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
    this.overlay = NO_OVERLAY as Map<string, V>;
    this.removed = NO_REMOVED;
    return flat;
  }

  private own(): Map<string, V> {
    if (this.overlay === NO_OVERLAY) this.overlay = new Map();
    return this.overlay;
  }

  private ownRemoved(): Set<string> {
    if (this.removed === NO_REMOVED) this.removed = new Set();
    return this.removed;
  }

  private assertWritable(): void {
    if (this.frozen) throw new Error("write to a frozen table: fork the site first");
  }
}

const EMPTY: ReadonlyMap<string, unknown> = new Map<string, unknown>();

/** A base map's keys and values as arrays, made once per map (bases never change) for fast iteration. */
const baseArrays = new WeakMap<ReadonlyMap<string, unknown>, { keys: readonly string[]; values: readonly unknown[] }>();

function arraysOf<V>(base: ReadonlyMap<string, V>): { keys: readonly string[]; values: readonly V[] } {
  let arrays = baseArrays.get(base);
  if (arrays === undefined) {
    arrays = { keys: [...base.keys()], values: [...base.values()] };
    baseArrays.set(base, arrays);
  }
  return arrays as { keys: readonly string[]; values: readonly V[] };
}
/** Shared by every table that has not written yet; never written itself (see `Table.own`). */
const NO_OVERLAY: Map<string, unknown> = new Map<string, unknown>();
const NO_REMOVED: Set<string> = new Set<string>();

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

/** Read-only tables of the bases of `tables` (see `Table.baseView`). */
export function baseTables<T extends object>(tables: T, journal: JournalRef): T {
  const out: Record<string, unknown> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (table as Table<unknown>).baseView(journal);
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

interface MemoNode<V> {
  next?: WeakMap<object, MemoNode<V>>;
  has?: boolean;
  value?: V;
}

/**
 * Memoises values derived from immutable inputs, weakly on the identity of each input: table `state`s,
 * records, site metadata. Whatever a value reads must be among its keys (in a fixed order); entries go
 * away with their keys, so caches of a discarded world or fork cost nothing.
 */
export class WeakMemo<V> {
  private readonly root: MemoNode<V> = {};

  get(keys: readonly object[], make: () => V): V {
    let node = this.root;
    for (const key of keys) {
      const next = (node.next ??= new WeakMap());
      let child = next.get(key);
      if (child === undefined) {
        child = {};
        next.set(key, child);
      }
      node = child;
    }
    if (!node.has) {
      node.value = make();
      node.has = true;
    }
    return node.value as V;
  }

  /** The value memoised for these keys, if any (never computes one). */
  peek(keys: readonly object[]): V | undefined {
    let node: MemoNode<V> | undefined = this.root;
    for (const key of keys) {
      node = node.next?.get(key);
      if (node === undefined) return undefined;
    }
    return node.has ? node.value : undefined;
  }
}

/**
 * A fork's sorted list from its base's: `base` (sorted) without `dropped`, merged with `added` (any order), all by
 * `compare`, which must be a total order. O(base + added log added) instead of sorting everything again.
 */
export function patchSorted<T>(base: readonly T[], dropped: ReadonlySet<T>, added: readonly T[], compare: (a: T, b: T) => number): T[] {
  const extra = [...added].sort(compare);
  const out: T[] = [];
  let j = 0;
  for (const item of base) {
    if (dropped.has(item)) continue;
    while (j < extra.length && compare(extra[j] as T, item) < 0) out.push(extra[j++] as T);
    out.push(item);
  }
  while (j < extra.length) out.push(extra[j++] as T);
  return out;
}

/** `patchSorted` as a lazy sequence: a reader that stops early (a page of results) touches only what it reads. */
export function* mergePatched<T>(
  base: readonly T[],
  dropped: ReadonlySet<T>,
  added: readonly T[],
  compare: (a: T, b: T) => number,
): Generator<T> {
  const extra = [...added].sort(compare);
  let j = 0;
  for (const item of base) {
    if (dropped.size > 0 && dropped.has(item)) continue;
    while (j < extra.length && compare(extra[j] as T, item) < 0) yield extra[j++] as T;
    yield item;
  }
  while (j < extra.length) yield extra[j++] as T;
}

/** A map that keeps at most `capacity` entries, dropping the least recently used: for caches of derived data. */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && this.entries.size > 1) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}
