/** Reading a world through its public API, as the administrator (generators learn the world the way agents do). */
import { handle, type Site } from "../../emulator/index.js";
import { asAdmin } from "../world.js";

export function apiGet(site: Site, path: string, query: Record<string, string | string[]> = {}): unknown {
  const response = handle(site, asAdmin({ method: "GET", path, query }));
  if (response.status >= 400) throw new Error(`catalog read failed: GET ${path} -> ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A record read from an API body: plain object or an empty one. */
export function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

export function optStr(value: unknown): string | null {
  const s = str(value);
  return s === "" ? null : s;
}
