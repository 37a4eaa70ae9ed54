/** CPU time of this process (all its threads), for rates that other load on the machine distorts less. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
