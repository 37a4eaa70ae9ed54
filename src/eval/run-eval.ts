/**
 * `atlasgym eval` as a library call: plan the episodes, run the missing ones with at most
 * `concurrency` in flight, log each as it finishes, then write results.json, report.md and the
 * chart from every finished episode. Stopping (the signal) lets running episodes end as aborted,
 * discards them, and still writes the outputs for what finished; `resume` continues such a run.
 */
import { writeFileSync } from "node:fs";
import { generate } from "../scenarios/registry.js";
import type { Task } from "../scenarios/types.js";
import { writeChart } from "./chart/index.js";
import { mergeResumeConfig, validateConfig, type EvalConfig, type RuntimeOptions } from "./config.js";
import { runPlannedEpisode } from "./episode.js";
import { planEpisodes, type EpisodeJob } from "./plan.js";
import { runWithLimit } from "./pool.js";
import { createPolicySource, parsePolicySpec, type PolicySource } from "./policy-source.js";
import { silentProgress, type ProgressReporter } from "./progress.js";
import type { EpisodeRecord, SkippedTask } from "./records.js";
import { renderRunReport } from "./report-md.js";
import { buildResults, atlasgymVersion, writeResults, type EvalResults } from "./results.js";
import { rewardsChart } from "./rewards-chart.js";
import { resumeRunDir, runFile, startRunDir, writeStoredConfig, type EpisodeLog } from "./run-dir.js";

export interface EvalOptions {
  /** The run directory. */
  out: string;
  /** For a new run: the configuration. For a resumed run: the stored one with any options given again (see mergeResumeConfig). */
  config: EvalConfig;
  runtime: RuntimeOptions;
  /** Continue the run in `out`, skipping finished episodes. */
  resume?: boolean;
  /** Stops the run cleanly (Ctrl-C). */
  signal?: AbortSignal;
  progress?: ProgressReporter;
  /** Replaces the policy built from the configuration (tests, embedding). */
  policySource?: PolicySource;
  /** Told about every finished episode, after it is logged. */
  onEpisode?: (record: EpisodeRecord) => void;
  /** Episode clock, for byte-identical traces in tests. */
  clock?: () => number;
}

export interface EvalOutcome {
  results: EvalResults;
  /** The run was stopped before every planned episode finished. */
  interrupted: boolean;
  files: { results: string; report: string; traces: string; episodes: string; chartSvg: string; chartPng: string };
}

interface Prepared {
  /** Jobs of the tasks the policy can run, in plan order. */
  jobs: EpisodeJob[];
  tasks: Map<string, Task>;
  skipped: SkippedTask[];
}

/** Generates every planned task and sets aside those the policy cannot run on. */
function prepare(config: EvalConfig, source: PolicySource): Prepared {
  const tasks = new Map<string, Task>();
  const skipped: SkippedTask[] = [];
  const applicable = new Map<string, boolean>();
  const jobs: EpisodeJob[] = [];
  for (const job of planEpisodes(config)) {
    const { id, ref, index } = job.task;
    if (!applicable.has(id)) {
      const task = generate(ref);
      tasks.set(id, task);
      const runnable = source.forEpisode(task) !== undefined;
      applicable.set(id, runnable);
      if (!runnable) {
        const reason = `${source.id} does not apply to this task`;
        skipped.push({ taskId: id, scenario: ref.scenario, split: ref.split, difficulty: ref.difficulty, taskIndex: index, reason });
      }
    }
    if (applicable.get(id)) jobs.push(job);
  }
  return { jobs, tasks, skipped };
}

interface OpenedRun {
  config: EvalConfig;
  log: EpisodeLog;
  /** Episodes finished by earlier invocations. */
  finished: EpisodeRecord[];
  createdAt: string;
}

function openNewRun(options: EvalOptions): OpenedRun {
  validateConfig(options.config);
  const createdAt = new Date().toISOString();
  const log = startRunDir(options.out, { atlasgymVersion: atlasgymVersion(), createdAt, config: options.config });
  return { config: options.config, log, finished: [], createdAt };
}

async function openResumedRun(options: EvalOptions): Promise<OpenedRun> {
  const { stored, finished, log } = await resumeRunDir(options.out);
  const config = mergeResumeConfig(stored.config, options.config);
  validateConfig(config);
  if (JSON.stringify(config) !== JSON.stringify(stored.config)) writeStoredConfig(options.out, { ...stored, config });
  return { config, log, finished, createdAt: stored.createdAt };
}

/** Checks that need no model: the policy spec parses and can act through the surface. */
function checkPolicy(config: EvalConfig): void {
  const spec = parsePolicySpec(config.policy);
  if (spec.kind === "perturbed" && config.surface !== "rest") {
    throw new Error(`${config.policy} acts through the rest surface only; drop --surface ${config.surface}`);
  }
}

/** results.json, report.md and the chart, from the results. */
function writeOutputs(out: string, results: EvalResults): EvalOutcome["files"] {
  const files = {
    results: runFile(out, "results"),
    report: runFile(out, "report"),
    traces: runFile(out, "traces"),
    episodes: runFile(out, "episodes"),
    chartSvg: runFile(out, "chartSvg"),
    chartPng: runFile(out, "chartPng"),
  };
  writeResults(files.results, results);
  writeFileSync(files.report, renderRunReport(results));
  writeChart(rewardsChart(results), { svg: files.chartSvg, png: files.chartPng });
  return files;
}

export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const startedAt = Date.now();
  checkPolicy(options.config);
  const run = options.resume ? await openResumedRun(options) : openNewRun(options);
  const { config, log } = run;
  const progress = options.progress ?? silentProgress;
  let source: PolicySource | undefined;
  const records: EpisodeRecord[] = [];
  let prepared: Prepared = { jobs: [], tasks: new Map(), skipped: [] };
  let resumed = 0;
  let progressStarted = false;
  let failure: { error: unknown } | undefined;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();

  try {
    source = options.policySource ?? (await createPolicySource(config, options.runtime));
    prepared = prepare(config, source);
    const planned = new Set(prepared.jobs.map((j) => j.episodeId));
    records.push(...run.finished.filter((r) => planned.has(r.episodeId)));
    resumed = records.length;
    const done = new Set(records.map((r) => r.episodeId));
    const pending = prepared.jobs.filter((j) => !done.has(j.episodeId));
    progress.start(
      prepared.jobs.length,
      records.length,
      records.reduce((sum, r) => sum + r.reward, 0),
    );
    progressStarted = true;
    const policySource = source;
    await runWithLimit(pending, options.runtime.concurrency, stop, async (job) => {
      const task = prepared.tasks.get(job.task.id)!;
      const policy = policySource.forEpisode(task);
      if (!policy) throw new Error(`${policySource.id} stopped applying to ${task.id}`);
      const finished = await runPlannedEpisode(job, task, policy, {
        surface: config.surface,
        signal: stop.signal,
        ...(config.maxTurns !== undefined ? { maxTurns: config.maxTurns } : {}),
        ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
      });
      // An episode cut short by the stop is not finished work: resuming runs it again.
      if (finished.trace.stopReason === "aborted") return;
      await log.append(finished.trace, finished.record);
      records.push(finished.record);
      progress.episodeDone(finished.record.reward);
      options.onEpisode?.(finished.record);
    });
  } catch (error) {
    failure = { error };
  } finally {
    if (progressStarted) progress.stop();
    options.signal?.removeEventListener("abort", onAbort);
    await log.close();
    await source?.close();
  }
  // Nothing ran (no policy, no tasks): there are no results to write.
  if (failure && !progressStarted) throw failure.error;

  const results = buildResults({
    config,
    records,
    skipped: prepared.skipped,
    plannedEpisodes: prepared.jobs.length,
    run: {
      createdAt: run.createdAt,
      writtenAt: new Date().toISOString(),
      durationMs: Date.now() - startedAt,
      concurrency: options.runtime.concurrency,
      episodesThisInvocation: records.length - resumed,
      interrupted: stop.signal.aborted && failure === undefined,
    },
  });
  const files = writeOutputs(options.out, results);
  if (failure) throw failure.error;
  return { results, interrupted: !results.complete, files };
}
