import { generateSite } from "../../src/emulator/index.js";
import { buildServer, type AppOptions } from "../../src/server/app.js";

/** Starts the env server on a free loopback port; call `close()` when done. */
export async function startServer(options: Partial<AppOptions> = {}) {
  const { app, sessions } = buildServer({ site: generateSite({ seed: 1 }).fork(), quiet: true, ...options });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { base, sessions, close: () => app.close() };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}
