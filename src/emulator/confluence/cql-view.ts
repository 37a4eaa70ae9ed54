import type { Site } from "../site.js";
import type { User } from "../core/users.js";
import { WeakMemo } from "../store.js";
import type { CqlContentView, CqlContext, CqlUser } from "./cql/types.js";
import { pageWebUi } from "./render/links.js";
import { textOf } from "./render/body.js";
import type { CommentRecord, PageRecord, SpaceRecord, StoredBody } from "./state.js";
import { labelsOf } from "./store/labels.js";
import { compareIds } from "./store/lists.js";
import { ancestorIds } from "./store/pages.js";

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
    private readonly page: PageRecord,
    private readonly commentId: string | null,
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

type Comparator = (a: CqlContentView, b: CqlContentView) => number;

export class CqlCorpus {
  private readonly binding: Binding = { site: undefined };
  private readonly orderings = new WeakMap<Comparator, readonly CqlCandidate[]>();
  readonly candidates: readonly CqlCandidate[];

  constructor(site: Site) {
    const t = site.confluence;
    const candidates: CqlCandidate[] = [];
    // Current pages, then current comments on current pages; only items whose space exists.
    for (const page of t.pages.values()) {
      if (page.status !== "current") continue;
      const space = t.spaces.get(page.spaceId);
      if (space) candidates.push(new CqlCandidate(new PageView(this.binding, page, space), space, page.body, page, null));
    }
    for (const comment of t.comments.values()) {
      if (comment.status !== "current") continue;
      const page = t.pages.get(comment.pageId);
      if (!page || page.status !== "current") continue;
      const space = t.spaces.get(page.spaceId);
      if (!space) continue;
      const view = new CommentView(this.binding, comment, page, space);
      candidates.push(new CqlCandidate(view, space, comment.body, page, comment.id));
    }
    this.candidates = candidates;
  }

  /**
   * The candidates in `compare`'s order, ties by id; cached per comparator (compiled queries are shared, so their
   * comparators are too). Filtering this list keeps the order, so a search never sorts its hits. Call it inside
   * `search`, like anything that may read views.
   */
  sortedBy(compare: Comparator): readonly CqlCandidate[] {
    let sorted = this.orderings.get(compare);
    if (!sorted) {
      sorted = [...this.candidates].sort((a, b) => compare(a.view, b.view) || compareIds(a.view.id, b.view.id));
      this.orderings.set(compare, sorted);
    }
    return sorted;
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
}

const corpora = new WeakMemo<CqlCorpus>();

/** The corpus of a site, shared with every site whose content tables are in the same state. */
export function cqlCorpus(site: Site): CqlCorpus {
  const t = site.confluence;
  const keys = [t.pages.state, t.comments.state, t.spaces.state, t.contentLabels.state, t.labels.state];
  return corpora.get(keys, () => new CqlCorpus(site));
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
