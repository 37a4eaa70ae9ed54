/**
 * `npm run bench`: runs every measurement of issue 8 in its own child process, one after another,
 * prints a table and writes results.json and the scaling charts.
 *
 *   npm run bench                      full run (a few minutes), writes into bench/
 *   npm run bench -- --quick --out DIR tiny settings (the smoke test), writes into DIR
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { svgToPng } from "../src/eval/chart/render.js";
import { sessionScalingSvg, siteScalingSvg } from "./chart/scaling-charts.js";
import { FULL, QUICK, type BenchConfig } from "./config.js";
import { loadAverage, machineInfo } from "./lib/machine.js";
import { BENCH_DIR } from "./lib/processes.js";
import { runMeasurement } from "./lib/run-measurement.js";
import { benchTask } from "./lib/world.js";
import { resultsDocument, type Measured } from "./report/results.js";
import { checkScaling } from "./report/scaling-checks.js";
import { renderTable } from "./report/table.js";
import { evaluateTargets } from "./report/targets.js";

interface Args {
  quick: boolean;
  out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, out: BENCH_DIR };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") args.quick = true;
    else if (argv[i] === "--out" && argv[i + 1]) args.out = argv[++i]!;
    else throw new Error(`unknown argument '${argv[i]}' (use --quick, --out DIR)`);
  }
  return args;
}

const MINUTE = 60_000;

function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`bench: ${label} ...`);
  return run().then((result) => {
    process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return result;
  });
}

async function measureAll(config: BenchConfig): Promise<Measured> {
  const seed = benchTask().worldSeed;
  const inProcess = await step("in-process mix", () => runMeasurement("inProcess", config.inProcess, 5 * MINUTE));
  const sessions = await step("sessions", () => runMeasurement("sessions", config.sessions, 5 * MINUTE));
  const reward = await step("reward", () => runMeasurement("reward", config.reward, 5 * MINUTE));
  const http = await step("http mix vs bare node", () => runMeasurement("http", config.http, 10 * MINUTE));
  const peer = await step("session loop vs python peer", () => runMeasurement("peer", config.peer, 10 * MINUTE));
  const siteScale = [];
  for (const s of config.siteScales)
    siteScale.push(await step(`site scale ${s.scale}x`, () => runMeasurement("siteScale", { ...s, seed }, 10 * MINUTE)));
  const sessionScale = await step("live sessions scale", () => runMeasurement("sessionScale", config.sessionScale, 10 * MINUTE));
  const agent = await step("embedded-model episodes", () => runMeasurement("agent", config.agent, 15 * MINUTE));
  return { inProcess, http, sessions, reward, agent, peer, siteScale, sessionScale };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = args.quick ? QUICK : FULL;
  const startLoad = loadAverage();
  const date = new Date().toISOString();
  const started = performance.now();
  const measured = await measureAll(config);
  const checks = checkScaling(measured.siteScale);
  const targets = evaluateTargets({
    inProcessCallsPerSec: measured.inProcess.callsPerSec.median,
    httpRatio: measured.http.ratio.median,
    createMicros: measured.sessions.createMicros.median,
    bytesPerSession: measured.sessions.bytesPerSession.median,
    tracesPerSec: measured.reward.tracesPerSec.median,
    overheadShare: measured.agent.skipped ? null : measured.agent.overheadShare.median,
    peerRatio: measured.peer.ratio.median,
    lookupsConstant: checks.lookupsConstant,
    searchesLinearInMatches: checks.searchesLinearInMatches,
  });
  const machine = machineInfo(startLoad);
  const document = resultsDocument({
    date,
    command: `npm run bench${args.quick ? " -- --quick" : ""}`,
    mode: args.quick ? "quick" : "full",
    durationSec: (performance.now() - started) / 1000,
    machine,
    measured,
    checks,
    targets,
  });
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, "results.json"), `${JSON.stringify(document, null, 2)}\n`);
  const caption = `${date.slice(0, 10)} · ${machine.cpuCount} x ${machine.cpuModel} · load ${machine.loadAverage.start[0]} → ${machine.loadAverage.end[0]}`;
  writeFileSync(join(args.out, "site-scaling.png"), svgToPng(siteScalingSvg(measured.siteScale, caption), 1.5));
  writeFileSync(join(args.out, "session-scaling.png"), svgToPng(sessionScalingSvg(measured.sessionScale, caption), 1.5));
  process.stdout.write(`\n${renderTable(measured, targets, checks)}\n\nWrote ${join(args.out, "results.json")} and the charts.\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
