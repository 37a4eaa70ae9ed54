/**
 * The context sequences of one embedded policy, lent to one turn at a time: concurrent episodes each get their own
 * sequence (llama.cpp batches them together), and wait when all are busy.
 */
import type { LlamaContext, LlamaContextSequence } from "node-llama-cpp";
import { Semaphore } from "../semaphore.js";

export class SequencePool {
  private readonly free: LlamaContextSequence[];
  private readonly slots: Semaphore;

  constructor(context: LlamaContext) {
    this.free = Array.from({ length: context.totalSequences }, () => context.getSequence());
    this.slots = new Semaphore(this.free.length);
  }

  async use<T>(task: (sequence: LlamaContextSequence) => Promise<T>): Promise<T> {
    return this.slots.run(async () => {
      const sequence = this.free.pop();
      if (!sequence) throw new Error("sequence pool is empty while a slot was free");
      try {
        return await task(sequence);
      } finally {
        this.free.push(sequence);
      }
    });
  }
}
