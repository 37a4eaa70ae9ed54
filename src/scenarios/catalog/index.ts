/** World catalogs, read once per world seed through the public API. */
import { baseWorld } from "../world.js";
import { readConfluenceCatalog, type ConfluenceCatalog } from "./confluence.js";
import { readJiraCatalog, type JiraCatalog } from "./jira.js";

export type { JiraCatalog, CatalogProject, CatalogIssue, CatalogIssueType, CatalogUser, CatalogField } from "./jira.js";
export type { ConfluenceCatalog, CatalogSpace, CatalogPage } from "./confluence.js";

const jira = new Map<number, JiraCatalog>();
const confluence = new Map<number, ConfluenceCatalog>();

export function jiraCatalog(worldSeed: number): JiraCatalog {
  let catalog = jira.get(worldSeed);
  if (!catalog) {
    catalog = readJiraCatalog(baseWorld(worldSeed).fork());
    jira.set(worldSeed, catalog);
  }
  return catalog;
}

export function confluenceCatalog(worldSeed: number): ConfluenceCatalog {
  let catalog = confluence.get(worldSeed);
  if (!catalog) {
    catalog = readConfluenceCatalog(baseWorld(worldSeed).fork());
    confluence.set(worldSeed, catalog);
  }
  return catalog;
}
