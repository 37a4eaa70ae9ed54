/**
 * Routes through a workflow, discovered the way an agent would: read an issue's transitions,
 * take one on a scratch fork, read again. Only targets with a single shortest route are used, so
 * "the right transitions" is well defined.
 */
import { handle, type Site } from "../../emulator/index.js";
import { apiGet, arr, obj, str } from "../catalog/api.js";
import { asAdmin } from "../world.js";

export interface TransitionInfo {
  id: string;
  name: string;
  toName: string;
  toCategory: string;
  /** Screen fields the transition requires. */
  required: string[];
  /** Screen fields it shows (required or not). */
  screen: string[];
}

export interface Route {
  steps: TransitionInfo[];
  target: string;
}

export function transitionsOf(site: Site, issueKey: string): TransitionInfo[] {
  const body = obj(apiGet(site, `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`, { expand: "transitions.fields" }));
  return arr(body["transitions"]).map((value) => {
    const t = obj(value);
    const to = obj(t["to"]);
    const fields = Object.entries(obj(t["fields"]));
    return {
      id: str(t["id"]),
      name: str(t["name"]),
      toName: str(to["name"]),
      toCategory: str(obj(to["statusCategory"])["key"]),
      required: fields.filter(([, f]) => obj(f)["required"] === true).map(([k]) => k),
      screen: fields.map(([k]) => k),
    };
  });
}

/** Every status reachable in one or two transitions, with its route when that route is the only shortest one. */
export function uniqueRoutes(world: () => Site, issueKey: string, currentStatus: string): Route[] {
  const first = transitionsOf(world(), issueKey).filter((t) => t.toName !== currentStatus);
  const routes = new Map<string, Route[]>();
  const add = (route: Route) => routes.set(route.target, [...(routes.get(route.target) ?? []), route]);
  for (const t of first) add({ steps: [t], target: t.toName });
  for (const t of first) {
    const site = world();
    const moved = handle(
      site,
      asAdmin({ method: "POST", path: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`, json: screenFill(t) }),
    );
    if (moved.status >= 400) continue;
    for (const next of transitionsOf(site, issueKey)) {
      if (next.toName === currentStatus || next.toName === t.toName || first.some((f) => f.toName === next.toName)) continue;
      add({ steps: [t, next], target: next.toName });
    }
  }
  return [...routes.values()].filter((r) => r.length === 1).map((r) => r[0]!);
}

/** The least a transition needs to go through: its id and any required resolution. */
export function screenFill(
  t: TransitionInfo,
  resolution = "Done",
): { transition: { id: string }; fields?: { resolution: { name: string } } } {
  return t.required.includes("resolution")
    ? { transition: { id: t.id }, fields: { resolution: { name: resolution } } }
    : { transition: { id: t.id } };
}
