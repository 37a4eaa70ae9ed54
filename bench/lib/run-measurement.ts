/** Runs a measurement in a fresh `node --expose-gc` child and returns its result (typed by the registry). */
import { join } from "node:path";
import type { MeasurementName, OptionsOf, ResultOf } from "../measure/index.js";
import { BENCH_DIR, forkTs, nextMessage, stopChild } from "./processes.js";

type Answer = { type: "measured"; result: unknown } | { type: "failed"; error: string };

function isAnswer(message: unknown): message is Answer {
  const type = (message as { type?: unknown } | null)?.type;
  return type === "measured" || type === "failed";
}

export async function runMeasurement<N extends MeasurementName>(name: N, options: OptionsOf<N>, timeoutMs: number): Promise<ResultOf<N>> {
  const child = forkTs(join(BENCH_DIR, "lib", "measurement-child.ts"), [], ["--expose-gc"]);
  try {
    child.send({ type: "measure", name, options });
    const answer = await nextMessage(child, isAnswer, timeoutMs);
    if (answer.type === "failed") throw new Error(`${name}: ${answer.error}`);
    return answer.result as ResultOf<N>;
  } finally {
    await stopChild(child);
  }
}
