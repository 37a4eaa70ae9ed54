/**
 * One llama.cpp runtime and one copy of each model per process, shared by every embedded policy (and so by every
 * concurrent episode). Policies borrow a model with `acquireModel` and give it back with `releaseModel`; the weights
 * are freed when the last borrower is done.
 *
 * The runtime is the CPU build shipped prebuilt in node-llama-cpp's npm packages; `build: "never"` and
 * `skipDownload: true` make a missing binary an error instead of a download or a compile at run time.
 */
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from "node-llama-cpp";

interface SharedModel {
  model: Promise<LlamaModel>;
  borrowers: number;
}

let runtime: Promise<Llama> | undefined;
const models = new Map<string, SharedModel>();

export function sharedLlama(): Promise<Llama> {
  runtime ??= getLlama({
    gpu: false,
    build: "never",
    skipDownload: true,
    usePrebuiltBinaries: true,
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
  });
  return runtime;
}

export async function acquireModel(modelPath: string): Promise<LlamaModel> {
  let shared = models.get(modelPath);
  if (!shared) {
    shared = { model: sharedLlama().then((llama) => llama.loadModel({ modelPath, gpuLayers: 0 })), borrowers: 0 };
    models.set(modelPath, shared);
  }
  shared.borrowers += 1;
  try {
    return await shared.model;
  } catch (error) {
    // A failed load must not poison later attempts (e.g. after the model is installed).
    if (models.get(modelPath) === shared) models.delete(modelPath);
    throw error;
  }
}

export async function releaseModel(modelPath: string): Promise<void> {
  const shared = models.get(modelPath);
  if (!shared) return;
  shared.borrowers -= 1;
  if (shared.borrowers > 0) return;
  models.delete(modelPath);
  await (await shared.model).dispose();
}
