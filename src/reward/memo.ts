/**
 * Memoised responses. The emulator is deterministic, reads never change the site, and a failed
 * write changes nothing, so the site is a pure function of its start state and the successful
 * writes made so far: any response is fixed by (start state, write history, request). Caching
 * it makes scoring a GRPO group (samples of one task sharing their first calls) or re-scoring
 * traces cheap, and changes no result: every response is still one the emulator computed for
 * this exact history, never one read from a trace.
 */
import type { EmuResponse } from "../emulator/index.js";

/** A 53-bit string hash (cyrb53), as 14 hex digits. */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/**
 * Write fingerprints by number. A history key is the sequence of its writes' numbers: built with one native map
 * lookup per write instead of hashing the (often long) request text in JavaScript. Numbers are never reused, even
 * after the table is cleared, so a key always means the same writes (a cleared table only costs memo misses).
 */
const writeNumbers = new Map<string, string>();
let nextWriteNumber = 0;
const MAX_WRITE_NUMBERS = 65_536;

/** The history key after one more successful write. */
export function extendHistory(history: string, writeFingerprint: string): string {
  let number = writeNumbers.get(writeFingerprint);
  if (number === undefined) {
    if (writeNumbers.size >= MAX_WRITE_NUMBERS) writeNumbers.clear();
    number = (nextWriteNumber++).toString(36);
    writeNumbers.set(writeFingerprint, number);
  }
  return `${history}/${number}`;
}

export class ReadMemo {
  private readonly entries = new Map<string, EmuResponse>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => EmuResponse): EmuResponse {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    this.set(key, value);
    return value;
  }

  peek(key: string): EmuResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: EmuResponse): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Read responses (search results can be large, so few are kept). */
export const readMemo = new ReadMemo(4096);
/** Write responses and final-state reads of single objects (small, so many are kept). */
export const writeMemo = new ReadMemo(65_536);
