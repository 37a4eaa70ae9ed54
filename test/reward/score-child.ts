/** Scores `{taskId, trace}` read from stdin in a fresh process and prints the result (cross-process determinism). */
import { reward } from "../../src/reward/index.js";
import { taskById } from "../../src/scenarios/registry.js";
import type { Trace } from "../../src/trace/index.js";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Array<{ taskId: string; trace: Trace }>;
process.stdout.write(JSON.stringify(inputs.map(({ taskId, trace }) => reward(taskById(taskId), trace))));
