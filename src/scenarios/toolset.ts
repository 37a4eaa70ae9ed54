/** The tools a task offers on a given surface: those covering exactly the task's operations. */
import { emulator } from "../emulator/index.js";
import { ALL_MCP_TOOLS } from "../tools/mcp/surface.js";
import { toolNameOf } from "../tools/names.js";
import { operationById } from "./plan.js";
import type { Task } from "./types.js";

export function toolNamesFor(task: Pick<Task, "operations">, surface: string): string[] {
  if (surface === "rest") return task.operations.map(toolNameOf);
  if (surface === "mcp") {
    const routes = new Set(task.operations.map((id) => operationById(id)).map((o) => `${o.method} ${o.path}`));
    const registered = new Set(emulator.operations.map((o) => `${o.method} ${o.path}`));
    return ALL_MCP_TOOLS.filter((tool) => tool.routes.every(([m, p]) => routes.has(`${m} ${p}`) && registered.has(`${m} ${p}`))).map(
      (t) => t.name,
    );
  }
  throw new Error(`no toolset mapping for surface '${surface}'`);
}
