/**
 * Progress of an eval: a live bar on a terminal (episodes done, mean reward so far, rate, ETA),
 * plain lines at most every `intervalMs` otherwise (logs, CI). Rate and ETA count only this
 * invocation's episodes, so a resumed run does not look instantly fast.
 */
import { SingleBar } from "cli-progress";

export interface ProgressSnapshot {
  done: number;
  total: number;
  meanReward: number | null;
  /** Episodes per second in this invocation. */
  rate: number | null;
  etaSeconds: number | null;
}

export interface ProgressReporter {
  start(total: number, alreadyDone: number, rewardSoFar: number): void;
  episodeDone(reward: number): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Plain mode: the least time between two lines. Default 10 s. */
  intervalMs?: number;
  clock?: () => number;
}

/** Tracks the numbers both presentations show. */
class Tally {
  total = 0;
  done = 0;
  private doneAtStart = 0;
  private rewardSum = 0;
  private startedAt = 0;

  constructor(private readonly clock: () => number) {}

  start(total: number, alreadyDone: number, rewardSoFar: number): void {
    this.total = total;
    this.done = this.doneAtStart = alreadyDone;
    this.rewardSum = rewardSoFar;
    this.startedAt = this.clock();
  }

  add(reward: number): void {
    this.done++;
    this.rewardSum += reward;
  }

  snapshot(): ProgressSnapshot {
    const seconds = (this.clock() - this.startedAt) / 1000;
    const ranNow = this.done - this.doneAtStart;
    const rate = ranNow > 0 && seconds > 0 ? ranNow / seconds : null;
    return {
      done: this.done,
      total: this.total,
      meanReward: this.done > 0 ? this.rewardSum / this.done : null,
      rate,
      etaSeconds: rate ? (this.total - this.done) / rate : null,
    };
  }
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function parts(snap: ProgressSnapshot): { mean: string; rate: string; eta: string } {
  return {
    mean: snap.meanReward === null ? "–" : snap.meanReward.toFixed(3),
    rate: snap.rate === null ? "? episodes/s" : `${snap.rate.toFixed(2)} episodes/s`,
    eta: snap.done >= snap.total ? "0s" : formatDuration(snap.etaSeconds),
  };
}

export function progressLine(snap: ProgressSnapshot): string {
  const { mean, rate, eta } = parts(snap);
  const percent = snap.total > 0 ? Math.floor((100 * snap.done) / snap.total) : 100;
  return `eval: ${snap.done}/${snap.total} episodes (${percent}%), mean reward ${mean}, ${rate}, ETA ${eta}`;
}

function barReporter(options: ProgressOptions, tally: Tally): ProgressReporter {
  const bar = new SingleBar({
    format: "eval {bar} {value}/{total} episodes | mean reward {mean} | {rate} | ETA {etaText}",
    stream: options.stream,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
  });
  const payload = (): Record<string, string> => parts(tally.snapshot());
  return {
    start(total, alreadyDone, rewardSoFar) {
      tally.start(total, alreadyDone, rewardSoFar);
      const { mean, rate, eta } = payload();
      bar.start(total, alreadyDone, { mean, rate, etaText: eta });
    },
    episodeDone(reward) {
      tally.add(reward);
      const { mean, rate, eta } = payload();
      bar.update(tally.done, { mean, rate, etaText: eta });
    },
    stop() {
      bar.stop();
    },
  };
}

function lineReporter(options: ProgressOptions, tally: Tally, clock: () => number): ProgressReporter {
  const interval = options.intervalMs ?? 10_000;
  let lastLine = -Infinity;
  const print = (): void => {
    lastLine = clock();
    options.stream.write(progressLine(tally.snapshot()) + "\n");
  };
  return {
    start(total, alreadyDone, rewardSoFar) {
      tally.start(total, alreadyDone, rewardSoFar);
      print();
    },
    episodeDone(reward) {
      tally.add(reward);
      if (clock() - lastLine >= interval && tally.done < tally.total) print();
    },
    stop() {
      print();
    },
  };
}

export function createProgress(options: ProgressOptions): ProgressReporter {
  const clock = options.clock ?? Date.now;
  const tally = new Tally(clock);
  return options.stream.isTTY ? barReporter(options, tally) : lineReporter(options, tally, clock);
}

/** For library use and tests: reports nothing. */
export const silentProgress: ProgressReporter = { start() {}, episodeDone() {}, stop() {} };
