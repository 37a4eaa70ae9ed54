/**
 * The start state of a task: the seeded world plus the task's setup requests, made as the site
 * administrator through the public API. Generators, the oracle and the reward all start here,
 * so a task is reproducible from its data alone.
 */
import { generateSite, handle, type EmuRequest, type Site } from "../emulator/index.js";
import { hash53 } from "../reward/memo.js";
import type { RequestData, Task } from "./types.js";

const ADMIN_EMAIL = "admin@example.com";
const ADMIN_TOKEN = "atlasgym";

export const ADMIN_HEADERS: Readonly<Record<string, string>> = {
  authorization: `Basic ${Buffer.from(`${ADMIN_EMAIL}:${ADMIN_TOKEN}`).toString("base64")}`,
  accept: "application/json",
};

/** A small least-recently-used cache: worlds are a few MB each and reused by many tasks. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

const worlds = new Lru<Site>(48);
const startStates = new Lru<Site>(256);

/** The frozen world of a seed (cached). */
export function baseWorld(seed: number): Site {
  return worlds.get(String(seed), () => generateSite({ seed }));
}

/** A request written as data, sent as the site administrator. */
export function asAdmin(request: RequestData): EmuRequest {
  const out: EmuRequest = { method: request.method, path: request.path, headers: ADMIN_HEADERS };
  if (request.query) out.query = request.query;
  if (request.json !== undefined) out.json = request.json;
  return out;
}

/** Applies setup requests to a site; throws when one fails (a generator bug, never a policy's fault). */
export function applySetup(site: Site, setup: readonly RequestData[]): void {
  for (const request of setup) {
    const response = handle(site, asAdmin(request));
    if (response.status >= 400) {
      throw new Error(`task setup failed: ${request.method} ${request.path} -> ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
}

/** Identifies a task's start state (world seed and setup) for memoised reads. */
export function startStateKey(task: Pick<Task, "worldSeed" | "setup">): string {
  return task.setup.length === 0 ? `w${task.worldSeed}` : `w${task.worldSeed}:${hash53(JSON.stringify(task.setup))}`;
}

/** A fresh, writable copy of the task's start state. */
export function startState(task: Pick<Task, "worldSeed" | "setup">): Site {
  if (task.setup.length === 0) return baseWorld(task.worldSeed).fork();
  const key = `${task.worldSeed}|${JSON.stringify(task.setup)}`;
  const frozen = startStates.get(key, () => {
    const site = baseWorld(task.worldSeed).fork();
    applySetup(site, task.setup);
    return site.freeze();
  });
  return frozen.fork();
}
