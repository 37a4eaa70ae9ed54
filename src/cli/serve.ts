import { generateSite, DEFAULT_ADMIN_TOKEN } from "../emulator/index.js";
import { buildApp } from "../server/app.js";

export interface ServeOptions {
  host: string;
  port: number;
  seed: number;
  adminToken: string;
  quiet: boolean;
  sessionTtl: number;
  maxSessions: number;
}

/** `atlasgym serve`: the seeded default site at the real REST paths until SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<void> {
  const site = generateSite({ seed: options.seed, adminToken: options.adminToken }).fork();
  const app = buildApp({
    site,
    quiet: options.quiet,
    adminToken: options.adminToken,
    sessionTtlMs: options.sessionTtl * 1000,
    maxSessions: options.maxSessions,
  });
  const address = await app.listen({ host: options.host, port: options.port });
  const tokenNote = options.adminToken === DEFAULT_ADMIN_TOKEN ? " (default; set --admin-token)" : "";
  process.stdout.write(
    `atlasgym serving seed ${options.seed} at ${address}\n` +
      `  Jira:       ${address}/rest/api/3/\n` +
      `  Confluence: ${address}/wiki/api/v2/\n` +
      `  Sessions:   POST ${address}/sessions (OpenEnv: ${address.replace(/^http/, "ws")}/ws)\n` +
      `  auth:       Basic admin@example.com:${options.adminToken}${tokenNote}\n`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`received ${signal}, shutting down\n`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
