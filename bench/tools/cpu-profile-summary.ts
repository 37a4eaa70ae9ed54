/**
 * Summarises a V8 .cpuprofile: self time and inclusive time per function, optionally only for samples
 * under a function (`--root search` keeps the stacks that pass through a function named `search`).
 *   npx tsx bench/tools/cpu-profile-summary.ts FILE.cpuprofile [--top 40] [--root NAME]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function parseArgs(argv: readonly string[]): { file: string; top: number; root: string | undefined } {
  let top = 40;
  let root: string | undefined;
  let file = "";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--top") top = Number(argv[++i]);
    else if (argv[i] === "--root") root = argv[++i];
    else file = argv[i]!;
  }
  if (!file) throw new Error("usage: cpu-profile-summary.ts FILE.cpuprofile [--top N] [--root NAME]");
  return { file, top, root };
}

function labelOf(node: ProfileNode): string {
  const where = node.callFrame.url.replace(/^file:\/\//, "").replace(/^.*?\/(src|bench|node_modules)\//, "$1/");
  return `${node.callFrame.functionName || "(anonymous)"} ${where}`.trim();
}

function summarise(
  profile: CpuProfile,
  root: string | undefined,
): { self: Map<string, number>; inclusive: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
    return stack;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack = stackOf(id);
    if (root && !stack.some((n) => n.callFrame.functionName === root)) return;
    total += dt;
    const own = labelOf(stack[0]!);
    self.set(own, (self.get(own) ?? 0) + dt);
    for (const label of new Set(stack.map(labelOf))) inclusive.set(label, (inclusive.get(label) ?? 0) + dt);
  });
  return { self, inclusive, total };
}

const args = parseArgs(process.argv.slice(2));
const { self, inclusive, total } = summarise(JSON.parse(readFileSync(args.file, "utf8")) as CpuProfile, args.root);
const rows = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, args.top)
    .map(([label, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${label}`)
    .join("\n");
process.stdout.write(
  `${(total / 1000).toFixed(0)} ms sampled${args.root ? ` under ${args.root}` : ""}\n\nself\n${rows(self)}\n\ninclusive\n${rows(inclusive)}\n`,
);
