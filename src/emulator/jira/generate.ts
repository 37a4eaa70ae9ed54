import type { Rng } from "../../util/rng.js";
import type { Site } from "../site.js";

/** Populates the Jira tables of a site under construction (not yet frozen). */
export function generateJira(_site: Site, _rng: Rng, _scale: number): void {
  // The Jira world generator fills this in.
}
