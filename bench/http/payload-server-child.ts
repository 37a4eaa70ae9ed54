/**
 * The payload floor: a bare Node `http` server answering each request of the mix with the status and body
 * atlasgym gives for that op (computed once at start, serialised per request as atlasgym does), emulating
 * nothing. atlasgym over this server isolates the emulator's work from the cost of realistic response sizes.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handle } from "../../src/emulator/index.js";
import { benchStartState } from "../lib/world.js";
import { mixOpOf } from "../mix/classify.js";
import { planMix } from "../mix/plan.js";
import { toEmuRequest } from "../mix/requests.js";
import { MIX_OPS, mixCall, remember, type EpisodeMemory, type MixOp } from "../mix/steps.js";

const base = benchStartState();
const plan = planMix(base, 1);
const site = base.fork();
const memory: EpisodeMemory = {};
const answers = new Map<MixOp, { status: number; body: unknown }>();
for (const op of MIX_OPS) {
  const response = handle(site, toEmuRequest(mixCall(plan, op, 0, 0, memory)));
  remember(op, response.body, memory);
  answers.set(op, { status: response.status, body: response.body });
}

const server = createServer((request, response) => {
  request.resume();
  request.once("end", () => {
    const answer = answers.get(mixOpOf(request.method ?? "GET", request.url ?? "/"))!;
    if (answer.body === undefined) {
      response.writeHead(answer.status);
      response.end();
      return;
    }
    const text = JSON.stringify(answer.body);
    response.writeHead(answer.status, { "content-type": "application/json;charset=UTF-8", "content-length": Buffer.byteLength(text) });
    response.end(text);
  });
});
server.keepAliveTimeout = 60_000;

process.on("SIGTERM", () => server.close(() => process.exit(0)));

server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (server.address() as AddressInfo).port });
});
