/** Request counters and latency percentiles for `/metrics` (Prometheus text format). */
export class Metrics {
  private readonly counts = new Map<string, number>();
  /** Ring buffer of recent latencies (ms) per route group. */
  private readonly latencies = new Map<string, Float64Array>();
  private readonly cursor = new Map<string, number>();
  private static readonly WINDOW = 4096;

  observe(group: string, status: number, ms: number): void {
    const key = `${group}|${Math.floor(status / 100)}xx`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let ring = this.latencies.get(group);
    if (!ring) {
      ring = new Float64Array(Metrics.WINDOW).fill(Number.NaN);
      this.latencies.set(group, ring);
    }
    const at = this.cursor.get(group) ?? 0;
    ring[at % Metrics.WINDOW] = ms;
    this.cursor.set(group, at + 1);
  }

  render(gauges: Record<string, number>): string {
    const lines: string[] = [];
    for (const [name, value] of Object.entries(gauges)) {
      lines.push(`# TYPE atlasgym_${name} gauge`, `atlasgym_${name} ${value}`);
    }
    lines.push("# TYPE atlasgym_requests_total counter");
    for (const [key, n] of [...this.counts].sort()) {
      const [group, status] = key.split("|");
      lines.push(`atlasgym_requests_total{route="${group}",status="${status}"} ${n}`);
    }
    lines.push("# TYPE atlasgym_request_latency_ms summary");
    for (const [group, ring] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const values = [...ring].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      for (const q of [0.5, 0.9, 0.99]) {
        const v = values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
        lines.push(`atlasgym_request_latency_ms{route="${group}",quantile="${q}"} ${v.toFixed(3)}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }
}
