/** `atlasgym demos`: oracle demonstrations on train tasks as chat conversations (JSONL), for a supervised warm-up. */
import { createWriteStream } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { buildDemos } from "../demos/index.js";
import { parseDifficulties, parseScenarios } from "../eval/index.js";
import { scenarioNames } from "../scenarios/registry.js";
import { isSurfaceName } from "../tools/index.js";

interface DemosCliOptions {
  scenario: string;
  split: string;
  difficulty: string;
  tasks: number;
  surface: string;
  firstSeed: number;
  out: string;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a non-negative integer");
  return n;
}

export function registerDemos(program: Command): void {
  program
    .command("demos")
    .description("oracle demonstrations (episodes scoring 1.0) as {messages, tools} chat conversations, one per line")
    .option("--scenario <names>", "all, or a comma-separated list of scenarios", "all")
    .option("--split <split>", "train or test (warm-ups use train; test stays held out)", "train")
    .option("--difficulty <d>", "1, 2, 3, a list such as 1,2, or all", "1")
    .option("--tasks <n>", "demonstrations per scenario and difficulty", count, 20)
    .option("--surface <name>", "tool surface: rest or mcp", "rest")
    .option("--first-seed <n>", "first task seed", count, 100000)
    .requiredOption("--out <file>", "JSONL file to write")
    .action(async (opts: DemosCliOptions) => {
      if (!isSurfaceName(opts.surface)) throw new Error("--surface must be rest or mcp");
      if (opts.split !== "train" && opts.split !== "test") throw new Error("--split must be train or test");
      const out = createWriteStream(opts.out);
      const demos = await buildDemos(
        {
          scenarios: parseScenarios(opts.scenario, scenarioNames()),
          split: opts.split,
          difficulties: parseDifficulties(opts.difficulty),
          perScenario: opts.tasks,
          surface: opts.surface,
          firstSeed: opts.firstSeed,
        },
        (demo) => out.write(`${JSON.stringify(demo)}\n`),
      );
      await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
      process.stdout.write(`wrote ${demos.length} demonstrations to ${opts.out}\n`);
    });
}
