import type { Site } from "../site.js";
import type { User } from "../core/users.js";
import type { CqlContentView, CqlContext } from "./cql/types.js";
import { textOf } from "./render/body.js";
import type { CommentRecord, PageRecord, SpaceRecord, StoredBody } from "./state.js";
import { labelsOf } from "./store/labels.js";
import { ancestorIds } from "./store/pages.js";

/**
 * Adapts Confluence records to the CQL engine's view of content. Views are built for every
 * candidate of every search, so the costly fields (body text, labels, ancestors) are computed
 * only when the query reads them.
 */

abstract class LazyView {
  private text?: string;
  private labelNames?: readonly string[];
  private ancestors?: readonly string[];

  constructor(
    protected readonly site: Site,
    private readonly body: StoredBody,
    private readonly contentId: string,
  ) {}

  get bodyText(): string {
    return (this.text ??= textOf(this.body));
  }

  get labels(): readonly string[] {
    return (this.labelNames ??= labelsOf(this.site.confluence, this.contentId).map((l) => l.name));
  }

  get ancestorIds(): readonly string[] {
    return (this.ancestors ??= this.computeAncestors());
  }

  protected abstract computeAncestors(): readonly string[];
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
    site: Site,
    private readonly page: PageRecord,
    space: SpaceRecord,
  ) {
    super(site, page.body, page.id);
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

  protected computeAncestors(): readonly string[] {
    return ancestorIds(this.site.confluence, this.page);
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
    site: Site,
    comment: CommentRecord,
    private readonly page: PageRecord,
    space: SpaceRecord,
  ) {
    super(site, comment.body, comment.id);
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

  protected computeAncestors(): readonly string[] {
    return [...ancestorIds(this.site.confluence, this.page), this.page.id];
  }
}

export function pageContentView(site: Site, page: PageRecord, space: SpaceRecord): CqlContentView {
  return new PageView(site, page, space);
}

export function commentContentView(site: Site, comment: CommentRecord, page: PageRecord, space: SpaceRecord): CqlContentView {
  return new CommentView(site, comment, page, space);
}

export function cqlContext(site: Site, caller: User): CqlContext {
  const users = [];
  for (const user of site.core.users.values()) {
    users.push({ accountId: user.accountId, displayName: user.displayName, emailAddress: user.emailAddress });
  }
  return { currentAccountId: caller.accountId, now: site.now(), users };
}
