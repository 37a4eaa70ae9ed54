/** Child process entry: runs one measurement named in the first IPC message and sends back its result. */
import { MEASUREMENTS, isMeasurementName } from "../measure/index.js";

interface Job {
  type: "measure";
  name: string;
  options: unknown;
}

async function run(job: Job): Promise<unknown> {
  if (!isMeasurementName(job.name)) throw new Error(`unknown measurement '${job.name}'`);
  const measure = MEASUREMENTS[job.name] as (options: unknown) => Promise<unknown>;
  return measure(job.options);
}

process.once("message", (job: Job) => {
  run(job).then(
    (result) => process.send?.({ type: "measured", result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
});
