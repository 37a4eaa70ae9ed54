/**
 * `atlasgym run`: one episode of one task (a generated task by id, or a hand-written task file)
 * with any policy; prints the episode and its reward and can write the trace.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { createPolicySource } from "../eval/policy-source.js";
import { reward } from "../reward/index.js";
import { taskById } from "../scenarios/registry.js";
import { runTask } from "../scenarios/run.js";
import type { Task } from "../scenarios/types.js";
import { isSurfaceName } from "../tools/index.js";
import { createTraceWriter } from "../trace/index.js";
import { renderEpisode } from "./trace-show.js";
import { styleFor } from "./style.js";

interface RunOptions {
  task?: string;
  taskId?: string;
  policy: string;
  surface: string;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  modelPath?: string;
  temperature?: string;
  seed: string;
  out?: string;
}

const TASK_FIELDS = ["id", "scenario", "worldSeed", "setup", "instruction", "operations", "turnBudget", "goal", "plan"] as const;

/** A task from a JSON file, checked for the fields an episode and its reward need. */
export function readTaskFile(path: string): Task {
  const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const missing = TASK_FIELDS.filter((f) => value[f] === undefined);
  if (missing.length > 0) throw new Error(`${path} is not a task: missing ${missing.join(", ")} (see docs/scenarios.md)`);
  return value as unknown as Task;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run one episode of one task with a policy, print it with its reward")
    .option("--task <file>", "a task as JSON (e.g. examples/tasks/start-and-comment.json)")
    .option("--task-id <id>", "a generated task, e.g. jira-create-issue:test:2:17")
    .option("--policy <spec>", "oracle, perturbed:<failure>, embedded or openai", "oracle")
    .option("--surface <name>", "rest or mcp", "rest")
    .option("--base-url <url>", "openai: API root including /v1")
    .option("--model <name>", "openai: model name")
    .option("--api-key <key>", "openai: API key (default: $OPENAI_API_KEY)")
    .option("--model-path <gguf>", "embedded: GGUF model file (default: the installed model)")
    .option("--temperature <t>", "sampling temperature")
    .option("--seed <n>", "sampling seed", "0")
    .option("--out <file>", "append the trace to this JSONL file")
    .action(async (opts: RunOptions) => {
      if ((opts.task === undefined) === (opts.taskId === undefined)) throw new Error("give exactly one of --task FILE or --task-id ID");
      if (!isSurfaceName(opts.surface)) throw new Error("--surface must be rest or mcp");
      const task = opts.task !== undefined ? readTaskFile(opts.task) : taskById(opts.taskId!);
      const seed = Number(opts.seed);
      const temperature = opts.temperature === undefined ? undefined : Number(opts.temperature);
      const source = await createPolicySource(
        {
          policy: opts.policy,
          ...(opts.baseUrl && opts.model ? { openai: { baseUrl: opts.baseUrl, model: opts.model, toolFormat: "native" as const } } : {}),
          ...(opts.modelPath !== undefined ? { modelPath: opts.modelPath } : {}),
          ...(temperature !== undefined ? { temperature } : {}),
          surface: opts.surface,
          scenarios: [task.scenario],
          splits: [task.split],
          difficulties: [task.difficulty],
          tasks: 1,
          samples: 1,
          seed,
          successThreshold: 1,
        },
        {
          concurrency: 1,
          ...((opts.apiKey ?? process.env["OPENAI_API_KEY"]) ? { apiKey: opts.apiKey ?? process.env["OPENAI_API_KEY"] } : {}),
        },
      );
      try {
        const policy = source.forEpisode(task);
        if (!policy) throw new Error(`${opts.policy} does not apply to ${task.id}`);
        const trace = await runTask(task, policy, {
          surface: source.surface ?? opts.surface,
          seed,
          ...(temperature !== undefined ? { temperature } : {}),
        });
        const result = reward(task, trace);
        const style = styleFor(process.stdout);
        process.stdout.write(`${renderEpisode(trace, { full: false, style })}\n`);
        const failures = result.failures.map((f) => `${f.label}: ${f.detail}`);
        process.stdout.write(
          `\n${style.bold(`reward ${result.reward.toFixed(3)}`)}${failures.length ? `\n  ${failures.join("\n  ")}` : ""}\n`,
        );
        if (opts.out) {
          const writer = createTraceWriter(opts.out, { append: true });
          await writer.write(trace);
          await writer.close();
        }
      } finally {
        await source.close();
      }
    });
}
