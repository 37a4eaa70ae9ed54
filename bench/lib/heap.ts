/** Heap in use after full collections; needs `node --expose-gc` (measurement children are started with it). */
export function heapAfterGc(): number {
  if (!globalThis.gc) throw new Error("memory measurements need node --expose-gc");
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}
