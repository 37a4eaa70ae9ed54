import type { Rng } from "../../util/rng.js";
import type { Site } from "../site.js";

/** Populates the Confluence tables of a site under construction (not yet frozen). */
export function generateConfluence(_site: Site, _rng: Rng, _scale: number): void {
  // The Confluence world generator fills this in.
}
