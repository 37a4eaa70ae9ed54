/** Tool surfaces by name; each is built once from the operations the emulator registers. */
import { emulator } from "../emulator/index.js";
import { createMcpSurface } from "./mcp/surface.js";
import { createRestSurface } from "./rest/surface.js";
import type { ToolSurface } from "./types.js";

export type { ToolSurface, ToolMapping, HttpCall, Exchange, Rejection, RejectionLabel, CallStep, RenderOptions } from "./types.js";
export { executeMapping, type ExecutedCall } from "./execute.js";
export { renderExchanges, describeCall, DEFAULT_RESULT_CHARS } from "./render.js";
export { createRestSurface } from "./rest/surface.js";
export { createMcpSurface } from "./mcp/surface.js";

export const SURFACE_NAMES = ["rest", "mcp"] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

const builders: Record<SurfaceName, () => ToolSurface> = {
  rest: () => createRestSurface(emulator.operations),
  mcp: () => createMcpSurface(emulator.operations),
};
const built = new Map<SurfaceName, ToolSurface>();

export function isSurfaceName(name: string): name is SurfaceName {
  return (SURFACE_NAMES as readonly string[]).includes(name);
}

/** The named surface over the emulator's registered operations (`rest` is the default). */
export function getSurface(name: SurfaceName = "rest"): ToolSurface {
  let surface = built.get(name);
  if (!surface) {
    surface = builders[name]();
    built.set(name, surface);
  }
  return surface;
}
