/** Which op of the mix a request path is (for servers that answer by op without emulating anything). */
import type { MixOp } from "./steps.js";

export function mixOpOf(method: string, url: string): MixOp {
  if (url.includes("/search/jql")) return "searchJql";
  if (url.includes("/transitions")) return "transitionIssue";
  if (url.includes("/label")) return "addLabel";
  if (url.includes("/wiki/api/v2/pages")) return "createPage";
  return method.toUpperCase() === "GET" ? "getIssue" : "createIssue";
}
