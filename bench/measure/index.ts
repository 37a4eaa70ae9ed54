/** Every measurement by name: the benchmark runs each in a fresh child process (see lib/measurement-child.ts). */
import { measureAgent } from "./agent.js";
import { measureHttp } from "./http.js";
import { measureInProcess } from "./in-process.js";
import { measurePeer } from "./peer.js";
import { measureReward } from "./reward.js";
import { measureSessionScale } from "./session-scale.js";
import { measureSessions } from "./sessions.js";
import { measureSiteScale } from "./site-scale.js";

export const MEASUREMENTS = {
  inProcess: measureInProcess,
  http: measureHttp,
  sessions: measureSessions,
  reward: measureReward,
  agent: measureAgent,
  peer: measurePeer,
  siteScale: measureSiteScale,
  sessionScale: measureSessionScale,
} as const;

export type MeasurementName = keyof typeof MEASUREMENTS;
export type OptionsOf<N extends MeasurementName> = Parameters<(typeof MEASUREMENTS)[N]>[0];
export type ResultOf<N extends MeasurementName> = Awaited<ReturnType<(typeof MEASUREMENTS)[N]>>;

export function isMeasurementName(name: string): name is MeasurementName {
  return Object.hasOwn(MEASUREMENTS, name);
}
