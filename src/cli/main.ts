import { Command, InvalidArgumentError } from "commander";
import { serve } from "./serve.js";
import { DEFAULT_ADMIN_TOKEN } from "../emulator/index.js";

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
}

export function buildCli(): Command {
  const program = new Command("atlasgym").description("RLVR environments for the Jira and Confluence Cloud REST APIs").version("0.1.0");

  program
    .command("serve")
    .description("serve the seeded default site at the real REST paths")
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--port <port>", "port to listen on", integer, 8787)
    .option("--seed <n>", "world seed", integer, 1)
    .option("--admin-token <token>", "API token of admin@example.com", DEFAULT_ADMIN_TOKEN)
    .option("-q, --quiet", "do not log one line per request", false)
    .action(async (opts: { host: string; port: number; seed: number; adminToken: string; quiet: boolean }) => {
      await serve(opts);
    });

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`atlasgym: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
