export type { CompileCql, CompiledCql, CqlContentView, CqlContext, CqlResult, CqlUser } from "./types.js";
export { compileCql } from "./compile.js";
