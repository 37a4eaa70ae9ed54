/**
 * The `mcp` surface: the tool names and argument shapes of sooperset/mcp-atlassian, each
 * mapped to the same emulator requests the `rest` surface makes. A tool is offered once every
 * operation it needs is registered in the emulator.
 */
import type { Operation } from "../../emulator/operation.js";
import type { ToolSpec } from "../../policy/types.js";
import { asArgs, unknownArgument } from "../args.js";
import { renderExchanges } from "../render.js";
import type { ToolMapping, ToolSurface } from "../types.js";
import { confluenceMcpTools } from "./confluence.js";
import { jiraMcpTools } from "./jira.js";
import { ArgReader, type McpTool } from "./tool.js";

export const ALL_MCP_TOOLS: readonly McpTool[] = [...jiraMcpTools, ...confluenceMcpTools];

/** Whether every route the tool needs is among the operations. */
export function isEnabled(tool: McpTool, operations: readonly Operation[]): boolean {
  const registered = new Set(operations.map((o) => `${o.method} ${o.path}`));
  return tool.routes.every(([method, path]) => registered.has(`${method} ${path}`));
}

function specOf(tool: McpTool): ToolSpec {
  const parameters: Record<string, unknown> = { type: "object", properties: tool.properties, additionalProperties: false };
  if (tool.required.length > 0) parameters["required"] = [...tool.required];
  return { name: tool.name, description: tool.description, parameters };
}

export function createMcpSurface(operations: readonly Operation[], catalogue: readonly McpTool[] = ALL_MCP_TOOLS): ToolSurface {
  const tools = new Map<string, { tool: McpTool; spec: ToolSpec; accepted: ReadonlySet<string> }>();
  for (const tool of catalogue) {
    if (!isEnabled(tool, operations)) continue;
    tools.set(tool.name, { tool, spec: specOf(tool), accepted: new Set(Object.keys(tool.properties)) });
  }
  const names = [...tools.keys()];

  return {
    name: "mcp",
    names,
    has: (name) => tools.has(name),
    tools(selected = names) {
      return selected.map((name) => {
        const entry = tools.get(name);
        if (!entry) throw new Error(`the mcp surface has no tool '${name}' (are its operations registered?)`);
        return entry.spec;
      });
    },
    toRequest(name, raw): ToolMapping {
      const entry = tools.get(name);
      if (!entry) return { ok: false, label: "unknown_tool", reason: `Unknown tool '${name}'.` };
      const read = asArgs(raw);
      if (!read.ok) return read;
      const unknown = unknownArgument(read.args, entry.accepted);
      if (unknown) return unknown;
      return entry.tool.plan(new ArgReader(read.args));
    },
    renderResult: renderExchanges,
  };
}
