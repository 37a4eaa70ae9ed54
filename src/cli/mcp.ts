/** `atlasgym mcp`: one episode's tools as an MCP server over stdio, for any MCP-capable agent. */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { EpisodeSession, parseSessionSpec } from "../server/episode-session.js";
import { createMcpServer } from "../server/mcp.js";

interface McpOptions {
  scenario: string;
  split: string;
  difficulty: string;
  seed: string;
  surface: string;
  traceOut?: string;
}

export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description("serve one episode's tools over MCP (stdio); the agent finishes with the submit_answer tool")
    .requiredOption("--scenario <name>", "scenario, e.g. jira-create-issue")
    .option("--split <split>", "train or test", "test")
    .option("--difficulty <n>", "1, 2 or 3", "1")
    .option("--seed <n>", "task seed", "0")
    .option("--surface <name>", "rest or mcp (the tool set the agent sees)", "rest")
    .option("--trace-out <file>", "write the episode's trace and reward (JSON) here when it ends")
    .action(async (opts: McpOptions) => {
      const spec = parseSessionSpec({
        scenario: opts.scenario,
        split: opts.split,
        difficulty: Number(opts.difficulty),
        seed: Number(opts.seed),
        surface: opts.surface,
      });
      const session = new EpisodeSession(spec);
      const save = () => {
        if (!opts.traceOut) return;
        const trace = session.trace(`mcp-${session.task.id}`, "mcp-client");
        const result = session.done ? session.score(trace.finalAnswer ?? "") : null;
        writeFileSync(opts.traceOut, `${JSON.stringify({ trace, reward: result })}\n`);
      };
      const server = createMcpServer(session, save);
      server.onclose = save;
      // Everything on stdout belongs to the protocol; diagnostics go to stderr.
      process.stderr.write(`atlasgym mcp: ${session.task.id} (${session.tools.length} tools + submit_answer)\n`);
      await server.connect(new StdioServerTransport());
    });
}
