import { Site } from "../site.js";
import type { User } from "../core/users.js";
import { baseTables, patchSorted, RecentMap, WeakMemo, type JournalRef } from "../store.js";
import type { CqlContentView, CqlContext, CqlUser } from "./cql/types.js";
import { pageWebUi } from "./render/links.js";
import { textOf } from "./render/body.js";
import type { CommentRecord, PageRecord, SpaceRecord, StoredBody } from "./state.js";
import { labelsOf } from "./store/labels.js";
import { compareIds } from "./store/lists.js";
import { ancestorIds } from "./store/pages.js";
import { objectId } from "../object-id.js";

/**
 * Adapts Confluence records to the CQL engine's view of content, as a corpus: every searchable item
 * of a site with its view. The corpus is cached per state of the tables its views read (pages,
 * comments, spaces, labels), so it is shared by every request and every fork that sees the same
 * content, and the engine's per-view caches (analysed text) are reused with it.
 *
 * Costly fields (body text, labels, ancestors) are computed on first read. Labels and ancestors come
 * from other tables: a corpus reads them through the site searching it right now (`Corpus.search`),
 * whose tables are, by the cache key, in the very state the corpus was built for.
 */

/** The site a corpus's lazy fields read from; set only while a search runs. */
interface Binding {
  site: Site | undefined;
}

function boundSite(binding: Binding): Site {
  if (!binding.site) throw new Error("a CQL view was read outside the search that owns it");
  return binding.site;
}

abstract class LazyView {
  private text?: string;
  private labelNames?: readonly string[];
  private ancestors?: readonly string[];

  constructor(
    protected readonly binding: Binding,
    private readonly body: StoredBody,
    private readonly contentId: string,
  ) {}

  get bodyText(): string {
    return (this.text ??= textOf(this.body));
  }

  get labels(): readonly string[] {
    return (this.labelNames ??= labelsOf(boundSite(this.binding).confluence, this.contentId).map((l) => l.name));
  }

  get ancestorIds(): readonly string[] {
    return (this.ancestors ??= this.computeAncestors(boundSite(this.binding)));
  }

  protected abstract computeAncestors(site: Site): readonly string[];
}

class PageView extends LazyView implements CqlContentView {
  readonly id: string;
  readonly type = "page";
  readonly status: string;
  readonly title: string;
  readonly spaceId: string;
  readonly spaceKey: string;
  readonly parentId: string | null;
  readonly creatorAccountId: string;
  readonly lastModifierAccountId: string;
  readonly created: number;
  readonly lastModified: number;

  constructor(
    binding: Binding,
    private readonly page: PageRecord,
    space: SpaceRecord,
  ) {
    super(binding, page.body, page.id);
    this.id = page.id;
    this.status = page.status;
    this.title = page.title;
    this.spaceId = space.id;
    this.spaceKey = space.key;
    this.parentId = page.parentId;
    this.creatorAccountId = page.authorId;
    this.lastModifierAccountId = page.version.authorId;
    this.created = page.createdAt;
    this.lastModified = page.version.createdAt;
  }

  protected computeAncestors(site: Site): readonly string[] {
    return ancestorIds(site.confluence, this.page);
  }
}

/** A footer comment sits under its page: the page is its parent, the page's ancestors and the page its ancestors. */
class CommentView extends LazyView implements CqlContentView {
  readonly id: string;
  readonly type = "comment";
  readonly status: string;
  readonly title: string;
  readonly spaceId: string;
  readonly spaceKey: string;
  readonly parentId: string;
  readonly creatorAccountId: string;
  readonly lastModifierAccountId: string;
  readonly created: number;
  readonly lastModified: number;

  constructor(
    binding: Binding,
    comment: CommentRecord,
    private readonly page: PageRecord,
    space: SpaceRecord,
  ) {
    super(binding, comment.body, comment.id);
    this.id = comment.id;
    this.status = comment.status;
    this.title = comment.title;
    this.spaceId = space.id;
    this.spaceKey = space.key;
    this.parentId = page.id;
    this.creatorAccountId = comment.authorId;
    this.lastModifierAccountId = comment.version.authorId;
    this.created = comment.createdAt;
    this.lastModified = comment.version.createdAt;
  }

  protected computeAncestors(site: Site): readonly string[] {
    return [...ancestorIds(site.confluence, this.page), this.page.id];
  }
}

/** One searchable item: its view, its space (for permissions and rendering) and its body. */
export class CqlCandidate {
  private link?: string;

  constructor(
    readonly view: CqlContentView,
    readonly space: SpaceRecord,
    readonly body: StoredBody,
    readonly page: PageRecord,
    readonly commentId: string | null,
  ) {}

  /** Web UI link of the item (a comment's is its page's, focused on the comment). */
  get url(): string {
    if (this.link === undefined) {
      const pageUrl = pageWebUi(this.space.key, this.page);
      this.link = this.commentId === null ? pageUrl : `${pageUrl}?focusedCommentId=${this.commentId}#comment-${this.commentId}`;
    }
    return this.link;
  }
}

function pageCandidate(binding: Binding, site: Site, page: PageRecord): CqlCandidate | undefined {
  if (page.status !== "current") return undefined;
  const space = site.confluence.spaces.get(page.spaceId);
  return space && new CqlCandidate(new PageView(binding, page, space), space, page.body, page, null);
}

function commentCandidate(binding: Binding, site: Site, comment: CommentRecord): CqlCandidate | undefined {
  if (comment.status !== "current") return undefined;
  const page = site.confluence.pages.get(comment.pageId);
  if (!page || page.status !== "current") return undefined;
  const space = site.confluence.spaces.get(page.spaceId);
  return space && new CqlCandidate(new CommentView(binding, comment, page, space), space, comment.body, page, comment.id);
}

type Comparator = (a: CqlContentView, b: CqlContentView) => number;

/** Comparators by number, for cache keys. */
const comparatorId = (compare: Comparator): number => objectId(compare);

/** How a fork's corpus differs from its base's: what it no longer has and what it has anew. */
interface Patch {
  base: CqlCorpus;
  dropped: ReadonlySet<CqlCandidate>;
  added: readonly CqlCandidate[];
}

export class CqlCorpus {
  // Bounded: every compiled query brings its own comparator, and each ordering holds the whole corpus.
  private readonly orderings = new RecentMap<string, readonly CqlCandidate[]>(32);
  private bySpace: Map<string, CqlCandidate[]> | undefined;

  constructor(
    /** Shared by a base corpus and the corpora patched from it, whose views it may hold. */
    private readonly binding: Binding,
    readonly candidates: readonly CqlCandidate[],
    private readonly patch?: Patch,
  ) {}

  /**
   * The candidates (only those of these spaces, lower-cased keys, when given) in `compare`'s order, ties by id;
   * cached per comparator and spaces (compiled queries are shared, so their comparators are too). Filtering this
   * list keeps the order, so a search never sorts its hits. A patched corpus merges its changes into its base's
   * order. Call it inside `search`, like anything that may read views.
   */
  sortedBy(compare: Comparator, spaceKeys?: readonly string[]): readonly CqlCandidate[] {
    const spaces = spaceKeys && [...new Set(spaceKeys)].sort();
    const key = `${comparatorId(compare)}|${spaces ? `spaces:${spaces.join("\u0000")}` : "all"}`;
    let sorted = this.orderings.get(key);
    if (!sorted) {
      const total = (a: CqlCandidate, b: CqlCandidate): number => compare(a.view, b.view) || compareIds(a.view.id, b.view.id);
      const patch = this.patch;
      if (patch) {
        const inSpaces = spaces && new Set(spaces);
        const added = inSpaces ? patch.added.filter((c) => inSpaces.has(c.view.spaceKey.toLowerCase())) : patch.added;
        sorted = patchSorted(patch.base.sortedBy(compare, spaces), patch.dropped, added, total);
      } else sorted = [...this.select(spaces)].sort(total);
      this.orderings.set(key, sorted);
    }
    return sorted;
  }

  private select(spaces: readonly string[] | undefined): readonly CqlCandidate[] {
    if (!spaces) return this.candidates;
    if (!this.bySpace) {
      this.bySpace = new Map();
      for (const candidate of this.candidates) {
        const space = candidate.view.spaceKey.toLowerCase();
        const group = this.bySpace.get(space);
        if (group) group.push(candidate);
        else this.bySpace.set(space, [candidate]);
      }
    }
    const groups = this.bySpace;
    return spaces.flatMap((space) => groups.get(space) ?? []);
  }

  /** Runs `fn` with the corpus's lazy fields reading from `site` (which must be in the corpus's state). */
  search<T>(site: Site, fn: () => T): T {
    const outer = this.binding.site;
    this.binding.site = site;
    try {
      return fn();
    } finally {
      this.binding.site = outer;
    }
  }

  /** Current pages, then current comments on current pages; only items whose space exists. */
  static build(site: Site): CqlCorpus {
    const binding: Binding = { site: undefined };
    const candidates: CqlCandidate[] = [];
    for (const page of site.confluence.pages.values()) {
      const candidate = pageCandidate(binding, site, page);
      if (candidate) candidates.push(candidate);
    }
    for (const comment of site.confluence.comments.values()) {
      const candidate = commentCandidate(binding, site, comment);
      if (candidate) candidates.push(candidate);
    }
    return new CqlCorpus(binding, candidates);
  }

  /**
   * A fork's corpus from its base's, rebuilding only the items whose records or labels changed. An unchanged view
   * is kept with what it has computed (text, labels, ancestors): that needs its labels and every ancestor link to
   * be as in the base, so a fork that moved or removed a base page, or changed a base label, is built afresh (as is
   * one that made a base page current again, whose comments the base corpus does not hold).
   */
  static patch(site: Site, base: CqlCorpus): CqlCorpus | undefined {
    const t = site.confluence;
    for (const id of t.labels.changedKeys()) if (t.labels.baseGet(id) !== undefined) return undefined;
    const pages = new Set(t.pages.changedKeys());
    for (const id of pages) {
      const before = t.pages.baseGet(id);
      const after = t.pages.get(id);
      if (before && after?.parentId !== before.parentId) return undefined;
      // A base page coming back into search brings comments the base corpus never held.
      if (before && before.status !== "current" && after?.status === "current") return undefined;
    }
    const comments = new Set(t.comments.changedKeys());
    const labelled = new Set(t.contentLabels.changedKeys());
    const dropped = new Set<CqlCandidate>();
    const kept: CqlCandidate[] = [];
    for (const c of base.candidates) {
      const stale = pages.has(c.page.id) || (c.commentId !== null && comments.has(c.commentId)) || labelled.has(c.view.id);
      if (!stale) kept.push(c);
      else {
        dropped.add(c);
        if (c.commentId !== null) comments.add(c.commentId);
      }
    }
    // Whatever changed or lost its candidate is read again from the fork's records.
    for (const id of labelled) {
      if (t.pages.get(id)) pages.add(id);
      else if (t.comments.get(id)) comments.add(id);
    }
    const added: CqlCandidate[] = [];
    for (const id of pages) {
      const page = t.pages.get(id);
      const candidate = page && pageCandidate(base.binding, site, page);
      if (candidate) added.push(candidate);
    }
    for (const id of comments) {
      const comment = t.comments.get(id);
      const candidate = comment && commentCandidate(base.binding, site, comment);
      if (candidate) added.push(candidate);
    }
    return new CqlCorpus(base.binding, [...kept, ...added], { base, dropped, added });
  }
}

const corpora = new WeakMemo<CqlCorpus>();

/** The corpus of a site, shared with every site whose content tables are in the same state. */
export function cqlCorpus(site: Site): CqlCorpus {
  const t = site.confluence;
  const keys = [t.pages.state, t.comments.state, t.spaces.state, t.contentLabels.state, t.labels.state];
  return corpora.get(keys, () => {
    const wrote = [t.pages, t.comments, t.contentLabels, t.labels].some((table) => table.changedCount > 0);
    if (!wrote || t.spaces.state !== t.spaces.baseState) return CqlCorpus.build(site);
    // A fork that wrote a little patches the corpus of its base (shared by all its unwritten forks).
    const baseKeys = [t.pages.baseState, t.comments.baseState, t.spaces.state, t.contentLabels.baseState, t.labels.baseState];
    const base = corpora.peek(baseKeys) ?? cqlCorpus(baseSiteOf(site));
    return CqlCorpus.patch(site, base) ?? CqlCorpus.build(site);
  });
}

/** The site as its unwritten forks see it (read-only): to build what they all share. */
function baseSiteOf(site: Site): Site {
  const journal: JournalRef = { entries: null };
  return new Site(site.meta, baseTables(site.core, journal), baseTables(site.jira, journal), baseTables(site.confluence, journal), journal);
}

export function pageContentView(site: Site, page: PageRecord, space: SpaceRecord): CqlContentView {
  return new PageView({ site }, page, space);
}

export function commentContentView(site: Site, comment: CommentRecord, page: PageRecord, space: SpaceRecord): CqlContentView {
  return new CommentView({ site }, comment, page, space);
}

/** Users as CQL sees them, per state of the user directory. */
const userLists = new WeakMemo<readonly CqlUser[]>();

export function cqlContext(site: Site, caller: User): CqlContext {
  const users = userLists.get([site.core.users.state], () =>
    site.core.users
      .toArray()
      .map((user) => ({ accountId: user.accountId, displayName: user.displayName, emailAddress: user.emailAddress })),
  );
  return { currentAccountId: caller.accountId, now: site.now(), users };
}
