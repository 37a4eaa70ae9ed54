/** What the numbers were measured on: they mean little without the machine and how busy it was. */
import { cpus, freemem, loadavg, totalmem, platform, arch, release } from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  cpuMHz: number;
  /** os.cpus() as reported, one entry per logical CPU. */
  cpus: Array<{ model: string; speed: number }>;
  platform: string;
  release: string;
  arch: string;
  node: string;
  totalMemBytes: number;
  freeMemBytes: number;
  /** 1, 5 and 15 minute load averages when the run started and ended. */
  loadAverage: { start: number[]; end: number[] };
}

export function loadAverage(): number[] {
  return loadavg().map((v) => Math.round(v * 100) / 100);
}

export function machineInfo(startLoad: number[]): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? "unknown",
    cpuCount: list.length,
    cpuMHz: list[0]?.speed ?? 0,
    cpus: list.map((c) => ({ model: c.model, speed: c.speed })),
    platform: platform(),
    release: release(),
    arch: arch(),
    node: process.version,
    totalMemBytes: totalmem(),
    freeMemBytes: freemem(),
    loadAverage: { start: startLoad, end: loadAverage() },
  };
}
