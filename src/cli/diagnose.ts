/** `atlasgym diagnose`: is there GRPO signal in these scored traces, and where does it come from? */
import type { Command } from "commander";
import { diagnose } from "../diagnose/index.js";

export function registerDiagnose(program: Command): void {
  program
    .command("diagnose")
    .description("reward distribution, GRPO group signal and which components carry the variance")
    .argument("<paths...>", "trace JSONL files, eval episodes.jsonl files or eval run directories")
    .option("--group-by <how>", "policy-and-task or task", "policy-and-task")
    .option("--json", "print the report as JSON", false)
    .action(async (paths: string[], opts: { groupBy: string; json: boolean }) => {
      if (opts.groupBy !== "policy-and-task" && opts.groupBy !== "task") throw new Error("--group-by must be policy-and-task or task");
      const { report, text, skipped } = await diagnose(paths, { groupBy: opts.groupBy });
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : text);
      for (const s of skipped) process.stderr.write(`skipped ${s.where}: ${s.reason}\n`);
    });
}
