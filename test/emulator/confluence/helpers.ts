import assert from "node:assert/strict";
import { generateSite, handle, type Site } from "../../../src/emulator/index.js";
import type { EmuResponse, Query } from "../../../src/emulator/http.js";
import type { User } from "../../../src/emulator/core/users.js";
import type { PageRecord, SpaceRecord } from "../../../src/emulator/confluence/state.js";
import { canRead, canWrite } from "../../../src/emulator/confluence/permissions.js";

/** Shared fixtures for the Confluence emulator tests: one generated site per test file, forked per test. */

export const SEED = 20260601;
let template: Site | undefined;

export function baseSite(): Site {
  template ??= generateSite({ seed: SEED });
  return template;
}

export function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
}

export const ADMIN = { authorization: basic("admin@example.com", "atlasgym") };

export function headersFor(user: User): Record<string, string> {
  return { authorization: basic(user.emailAddress, user.apiToken) };
}

export interface Call {
  method?: string;
  query?: Query;
  json?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Sends one request to the emulator, as the admin unless headers say otherwise. */
export function call(site: Site, path: string, options: Call = {}): EmuResponse {
  const headers: Record<string, string> = { ...ADMIN, ...options.headers };
  if (options.rawBody !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  return handle(site, {
    method: options.method ?? "GET",
    path,
    query: options.query,
    headers,
    json: options.json,
    rawBody: options.rawBody,
  });
}

export type Json = Record<string, unknown>;

export function ok(response: EmuResponse, status = 200): Json {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Json;
}

export function results(response: EmuResponse): Json[] {
  return ok(response)["results"] as Json[];
}

/** The single v2 error of a response. */
export function v2Error(response: EmuResponse, status: number): { status: number; code: string; title: string; detail: unknown } {
  assert.equal(response.status, status, JSON.stringify(response.body));
  const errors = (response.body as { errors: Array<{ status: number; code: string; title: string; detail: unknown }> }).errors;
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.status, status);
  return errors[0]!;
}

export function v1Message(response: EmuResponse, status: number): string {
  assert.equal(response.status, status, JSON.stringify(response.body));
  const body = response.body as { statusCode: number; message: string; data: unknown };
  assert.equal(body.statusCode, status);
  assert.ok(body.data !== undefined);
  return body.message;
}

export function spaceByKey(site: Site, key: string): SpaceRecord {
  const id = site.confluence.spaceKeys.get(key);
  assert.ok(id, `no space ${key}`);
  return site.confluence.spaces.get(id)!;
}

export function spaces(site: Site): SpaceRecord[] {
  return [...site.confluence.spaces.values()];
}

export function teamSpace(site: Site): SpaceRecord {
  return spaceByKey(site, "ENG");
}

export function restrictedSpace(site: Site): SpaceRecord {
  const space = spaces(site).find((s) => s.type === "global" && !s.grants.some((g) => g.principal.type === "group"));
  assert.ok(space, "the world has a restricted space");
  return space;
}

export function personalSpace(site: Site): SpaceRecord {
  const space = spaces(site).find((s) => s.type === "personal");
  assert.ok(space);
  return space;
}

/** An active, non-admin account that can read `space` (or cannot, with `readable: false`). */
export function userFor(site: Site, space: SpaceRecord, readable: boolean, writable?: boolean): User {
  const user = [...site.core.users.values()].find(
    (u) =>
      u.active &&
      !u.groups.includes("site-admins") &&
      canRead(u, space) === readable &&
      (writable === undefined || canWrite(u, space) === writable),
  );
  assert.ok(user, "a suitable user exists");
  return user;
}

export function livePages(site: Site, space: SpaceRecord): PageRecord[] {
  return (site.confluence.spacePages.get(space.id) ?? []).map((id) => site.confluence.pages.get(id)!).filter((p) => p.status === "current");
}

/** A current page with current children. */
export function pageWithChildren(site: Site, space: SpaceRecord): PageRecord {
  const page = livePages(site, space).find((p) => (site.confluence.children.get(p.id) ?? []).length >= 2 && p.parentId !== null);
  assert.ok(page);
  return page;
}

/** A current leaf page (no children) below the homepage. */
export function leafPage(site: Site, space: SpaceRecord): PageRecord {
  const page = livePages(site, space).find((p) => p.parentId !== null && (site.confluence.children.get(p.id) ?? []).length === 0);
  assert.ok(page);
  return page;
}

export function storage(value: string): Json {
  return { representation: "storage", value };
}

/** A serialisation of every Confluence table (and the counters), for byte-identity checks. */
export function snapshot(site: Site): string {
  const tables = Object.entries(site.confluence).map(([name, table]) => [name, [...(table as { entries(): Iterable<unknown> }).entries()]]);
  return JSON.stringify([tables, [...site.core.counters.entries()]]);
}
