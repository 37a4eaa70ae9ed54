import type { Site } from "../site.js";
import type { User } from "../core/users.js";
import type { CqlContentView, CqlContext } from "./cql/types.js";
import { textOf } from "./render/body.js";
import type { CommentRecord, PageRecord, SpaceRecord } from "./state.js";
import { labelsOf } from "./store/labels.js";
import { ancestorIds } from "./store/pages.js";

/** Adapts Confluence records to the CQL engine's view of content. */

export function pageContentView(site: Site, page: PageRecord, space: SpaceRecord): CqlContentView {
  const t = site.confluence;
  return {
    id: page.id,
    type: "page",
    status: page.status,
    title: page.title,
    spaceId: space.id,
    spaceKey: space.key,
    bodyText: textOf(page.body),
    labels: labelsOf(t, page.id).map((l) => l.name),
    parentId: page.parentId,
    ancestorIds: ancestorIds(t, page),
    creatorAccountId: page.authorId,
    lastModifierAccountId: page.version.authorId,
    created: page.createdAt,
    lastModified: page.version.createdAt,
  };
}

/** A footer comment sits under its page: the page is its parent, the page's ancestors and the page its ancestors. */
export function commentContentView(site: Site, comment: CommentRecord, page: PageRecord, space: SpaceRecord): CqlContentView {
  return {
    id: comment.id,
    type: "comment",
    status: comment.status,
    title: comment.title,
    spaceId: space.id,
    spaceKey: space.key,
    bodyText: textOf(comment.body),
    labels: labelsOf(site.confluence, comment.id).map((l) => l.name),
    parentId: page.id,
    ancestorIds: [...ancestorIds(site.confluence, page), page.id],
    creatorAccountId: comment.authorId,
    lastModifierAccountId: comment.version.authorId,
    created: comment.createdAt,
    lastModified: comment.version.createdAt,
  };
}

export function cqlContext(site: Site, caller: User): CqlContext {
  const users = [];
  for (const user of site.core.users.values()) {
    users.push({ accountId: user.accountId, displayName: user.displayName, emailAddress: user.emailAddress });
  }
  return { currentAccountId: caller.accountId, now: site.now(), users };
}
