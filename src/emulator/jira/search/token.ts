/**
 * Opaque `nextPageToken`s: the offset of the next page bound to a fingerprint of the JQL, so a
 * token is only valid for the query that produced it (as on Jira Cloud).
 */

function fingerprint(jql: string): string {
  // FNV-1a, 32 bit: enough to tell queries apart; tokens are not a security boundary.
  let hash = 0x811c9dc5;
  for (let i = 0; i < jql.length; i++) {
    hash ^= jql.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function encodePageToken(offset: number, jql: string): string {
  return Buffer.from(`v1:${offset}:${fingerprint(jql)}`, "utf8").toString("base64url");
}

/** The offset a token stands for, or undefined when it is malformed or belongs to another query. */
export function decodePageToken(token: string, jql: string): number | undefined {
  if (token.length === 0 || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const parts = Buffer.from(token, "base64url").toString("utf8").split(":");
  if (parts.length !== 3 || parts[0] !== "v1" || !/^\d{1,9}$/.test(parts[1] ?? "") || parts[2] !== fingerprint(jql)) return undefined;
  return Number(parts[1]);
}
