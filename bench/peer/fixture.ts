/**
 * The Python peer's data, written from atlasgym's own world and sessions: the same issues, pages,
 * projects, spaces and users as plain records, and for each task the very `POST /sessions` answer
 * atlasgym gives (prompt, tools with their schemas), so both servers send the same bytes on a reset.
 */
import { writeFileSync } from "node:fs";
import type { Site } from "../../src/emulator/index.js";
import { adfToText } from "../../src/emulator/adf/index.js";
import { textOf } from "../../src/emulator/confluence/render/body.js";
import { SessionStore } from "../../src/server/session-store.js";
import { describeSession, openSession } from "../../src/server/sessions-api.js";
import type { EpisodeSession } from "../../src/server/episode-session.js";
import type { LoopEpisode } from "../http/load-plan.js";

type Row = Record<string, unknown> & { id: string };

function tables(site: Site): Record<string, Row[]> {
  const issues = [...site.jira.issues.values()].map((i) => ({
    id: i.id,
    key: i.key,
    summary: i.summary,
    statusId: i.statusId,
    priorityId: i.priorityId,
    assigneeId: i.assigneeId,
    labels: [...i.labels],
    description: i.description ? adfToText(i.description) : "",
    text: `${i.key} ${i.summary}`.toLowerCase(),
  }));
  const pages = [...site.confluence.pages.values()].map((p) => ({
    id: p.id,
    spaceId: p.spaceId,
    parentId: p.parentId,
    title: p.title,
    version: p.version.number,
    body: p.body.storage,
    text: `${p.title} ${textOf(p.body).slice(0, 400)}`.toLowerCase(),
  }));
  const projects = [...site.jira.projects.values()].map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    text: `${p.key} ${p.name}`.toLowerCase(),
  }));
  const spaces = [...site.confluence.spaces.values()].map((s) => ({
    id: s.id,
    key: s.key,
    name: s.name,
    text: `${s.key} ${s.name}`.toLowerCase(),
  }));
  const users = [...site.core.users.values()].map((u) => ({
    id: u.accountId,
    displayName: u.displayName,
    emailAddress: u.emailAddress,
    text: `${u.displayName} ${u.emailAddress}`.toLowerCase(),
  }));
  return { issues, pages, projects, spaces, users };
}

function taskKey(spec: Record<string, unknown>): string {
  return `${String(spec["scenario"])}:${String(spec["split"] ?? "train")}:${String(spec["difficulty"] ?? 1)}:${String(spec["seed"] ?? 0)}`;
}

/** Writes the fixture for `episodes` on `site` to `path`. */
export function writePeerFixture(path: string, site: Site, episodes: readonly LoopEpisode[]): void {
  const store = new SessionStore<EpisodeSession>({ ttlMs: 60_000, maxSessions: 1_000 });
  const tasks: Record<string, unknown> = {};
  for (const episode of episodes) {
    const { sessionId: _id, token: _token, ...described } = describeSession(openSession(store, episode.spec));
    tasks[taskKey(episode.spec)] = described;
  }
  store.clear();
  writeFileSync(path, JSON.stringify({ tables: tables(site), tasks }));
}
