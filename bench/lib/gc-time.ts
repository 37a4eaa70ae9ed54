/**
 * Garbage-collection time inside given time windows, from the `gc` performance entries. Entries arrive
 * asynchronously: record windows during synchronous work, then `await settle()` before reading them.
 */
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";

export class GcClock {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    this.entries.push(...list.getEntries());
  });

  constructor() {
    this.observer.observe({ entryTypes: ["gc"] });
  }

  /** Lets pending entries reach the observer. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Milliseconds of GC that started inside any of the windows ([start, end] in performance.now() time). */
  msWithin(windows: ReadonlyArray<readonly [number, number]>): number {
    let ms = 0;
    for (const e of this.entries) if (windows.some(([a, b]) => e.startTime >= a && e.startTime < b)) ms += e.duration;
    return ms;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
