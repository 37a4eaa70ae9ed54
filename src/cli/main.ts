import { buildCli } from "./program.js";

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`atlasgym: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
