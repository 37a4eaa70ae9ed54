/**
 * The atlasgym env server under load, in its own process: `buildServer` as `atlasgym serve --quiet` builds it.
 * On request it opens sessions in-process (outside the measured time) for the mix to run in.
 */
import { buildServer } from "../../src/server/app.js";
import { openSession } from "../../src/server/sessions-api.js";
import { benchStartState, BENCH_SESSION_SPEC } from "../lib/world.js";
import type { OpenSessions } from "./server-messages.js";

const { app, sessions } = buildServer({ site: benchStartState().fork(), quiet: true, maxSessions: 1_000_000, sessionTtlMs: 3_600_000 });

process.on("message", (message: OpenSessions) => {
  if (message.type !== "open") return;
  sessions.clear();
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < message.count; i++) ids.push(openSession(sessions, BENCH_SESSION_SPEC).id);
  const micros = ((performance.now() - started) * 1000) / Math.max(1, message.count);
  process.send?.({ type: "opened", ids, micros });
});

process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});

const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.send?.({ type: "ready", port: Number(new URL(address).port) });
