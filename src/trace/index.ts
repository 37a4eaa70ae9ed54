export * from "./types.js";
export { validateTrace, TRACE_SCHEMA_PATH, type TraceValidation } from "./validate.js";
export {
  createTraceWriter,
  readTraceLines,
  readTraces,
  traceLine,
  withoutTiming,
  type TraceWriter,
  type TraceLine,
  type UntimedTrace,
} from "./jsonl.js";
