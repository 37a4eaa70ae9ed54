/**
 * Runs work items with at most `limit` in flight. Items start in order; none starts once the
 * controller is aborted. The first error aborts the controller (so the others wind down), and
 * is rethrown once every running item has settled.
 */
export async function runWithLimit<T>(
  items: readonly T[],
  limit: number,
  stop: AbortController,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
      // Lets timers and signal handlers run between items: work that never waits on I/O (the
      // scripted oracles) would otherwise keep the event loop busy until the last item.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
}
