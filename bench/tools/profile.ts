/**
 * Runs one measurement in this process (not in a child) so `node --cpu-prof` sees it, e.g.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/tools/profile.ts inProcess
 * Server processes of the HTTP measurements take extra Node flags from ATLASGYM_BENCH_SERVER_ARGV
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof-server"). Summarise a profile with tools/cpu-profile-summary.ts.
 */
import { FULL } from "../config.js";
import { MEASUREMENTS, isMeasurementName } from "../measure/index.js";

const name = process.argv[2] ?? "";
if (!isMeasurementName(name) || name === "siteScale") {
  process.stderr.write(
    `usage: profile.ts <${Object.keys(MEASUREMENTS)
      .filter((n) => n !== "siteScale")
      .join("|")}>\n`,
  );
  process.exit(2);
}
const measure = MEASUREMENTS[name] as (options: unknown) => Promise<unknown>;
const options: unknown = FULL[name];
const result = await measure(options);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
