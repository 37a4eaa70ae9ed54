/**
 * The operations scenarios use, resolved through the emulator's own router from a method and
 * an example path, so a scenario never depends on how an operation happens to be named.
 */
import { emulator, type Operation } from "../emulator/index.js";
import { Router } from "../emulator/router.js";

const router = new Router(emulator.operations);
const cache = new Map<string, Operation>();

/** The operation serving `method examplePath`; throws when the emulator does not register one. */
export function operationAt(method: string, examplePath: string): Operation {
  const key = `${method} ${examplePath}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const match = router.match(method, examplePath);
  if (match.kind !== "match") throw new Error(`the emulator serves no operation at ${key}`);
  cache.set(key, match.operation);
  return match.operation;
}

/** Example paths of the operations the five scenarios use, by a stable local name. */
const EXAMPLES = {
  myself: ["GET", "/rest/api/3/myself"],
  searchProjects: ["GET", "/rest/api/3/project/search"],
  getProject: ["GET", "/rest/api/3/project/KEY"],
  createMetaTypes: ["GET", "/rest/api/3/issue/createmeta/KEY/issuetypes"],
  createMetaFields: ["GET", "/rest/api/3/issue/createmeta/KEY/issuetypes/1"],
  findUsers: ["GET", "/rest/api/3/user/search"],
  getUser: ["GET", "/rest/api/3/user"],
  priorities: ["GET", "/rest/api/3/priority/search"],
  resolutions: ["GET", "/rest/api/3/resolution/search"],
  issueTypes: ["GET", "/rest/api/3/issuetype"],
  createIssue: ["POST", "/rest/api/3/issue"],
  getIssue: ["GET", "/rest/api/3/issue/KEY-1"],
  editIssue: ["PUT", "/rest/api/3/issue/KEY-1"],
  deleteIssue: ["DELETE", "/rest/api/3/issue/KEY-1"],
  getTransitions: ["GET", "/rest/api/3/issue/KEY-1/transitions"],
  doTransition: ["POST", "/rest/api/3/issue/KEY-1/transitions"],
  getComments: ["GET", "/rest/api/3/issue/KEY-1/comment"],
  addComment: ["POST", "/rest/api/3/issue/KEY-1/comment"],
  searchJql: ["GET", "/rest/api/3/search/jql"],
  searchJqlPost: ["POST", "/rest/api/3/search/jql"],
  getSpaces: ["GET", "/wiki/api/v2/spaces"],
  getSpace: ["GET", "/wiki/api/v2/spaces/1"],
  getPages: ["GET", "/wiki/api/v2/pages"],
  getSpacePages: ["GET", "/wiki/api/v2/spaces/1/pages"],
  getPage: ["GET", "/wiki/api/v2/pages/1"],
  createPage: ["POST", "/wiki/api/v2/pages"],
  updatePage: ["PUT", "/wiki/api/v2/pages/1"],
  deletePage: ["DELETE", "/wiki/api/v2/pages/1"],
  getChildren: ["GET", "/wiki/api/v2/pages/1/children"],
  getAncestors: ["GET", "/wiki/api/v2/pages/1/ancestors"],
  getPageLabels: ["GET", "/wiki/api/v2/pages/1/labels"],
  addLabels: ["POST", "/wiki/rest/api/content/1/label"],
  removeLabel: ["DELETE", "/wiki/rest/api/content/1/label/x"],
  searchCql: ["GET", "/wiki/rest/api/search"],
} as const;

export type OperationName = keyof typeof EXAMPLES;

/** The emulator's operation id for a local name, e.g. `op("createIssue")` -> `jira.createIssue`. */
export function op(name: OperationName): string {
  const [method, path] = EXAMPLES[name];
  return operationAt(method, path).id;
}

export function ops(...names: OperationName[]): string[] {
  return names.map(op);
}
