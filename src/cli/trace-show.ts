/** `atlasgym trace show`: a trace file as one line per episode, or one episode in full. */
import { readTraceLines } from "../trace/jsonl.js";
import type { CallRecord, StopReason, Trace, TurnRecord } from "../trace/types.js";
import { validateTrace } from "../trace/validate.js";
import { cut } from "../tools/trim.js";
import { describeCall } from "../tools/render.js";
import type { Style } from "./style.js";

export interface ShowOptions {
  /** Episode id, or its 1-based position in the file. */
  episode?: string;
  /** Print arguments and results untrimmed. */
  full?: boolean;
  style: Style;
  write(text: string): void;
}

/** Prints the file; resolves to false when the episode asked for is not in it. */
export async function showTraceFile(file: string, options: ShowOptions): Promise<boolean> {
  const { style, write } = options;
  let position = 0;
  for await (const entry of readTraceLines(file)) {
    position++;
    const problem = "error" in entry ? `not JSON: ${entry.error}` : undefined;
    const checked = "error" in entry ? undefined : validateTrace(entry.value);
    if (!checked || !checked.ok) {
      const reason = problem ?? (checked && !checked.ok ? checked.errors.slice(0, 3).join("; ") : "");
      if (options.episode === undefined)
        write(style.red(`${String(position).padStart(3)}  line ${entry.line}: not a valid trace: ${reason}`) + "\n");
      continue;
    }
    const trace = checked.trace;
    if (options.episode === undefined) {
      write(summaryLine(trace, position, style) + "\n");
    } else if (options.episode === trace.episodeId || options.episode === String(position)) {
      write(renderEpisode(trace, { full: options.full ?? false, style }));
      return true;
    }
  }
  return options.episode === undefined;
}

function stopStyle(reason: StopReason, style: Style): (text: string) => string {
  if (reason === "final_answer") return style.green;
  if (reason === "policy_error" || reason === "aborted") return style.red;
  return style.yellow;
}

function failedCalls(trace: Trace): number {
  return trace.turns.reduce((n, turn) => n + turn.calls.filter(isFailure).length, 0);
}

function isFailure(call: CallRecord): boolean {
  return call.rejection !== undefined || (call.status !== null && call.status >= 400);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}

export function summaryLine(trace: Trace, position: number, style: Style): string {
  const failed = failedCalls(trace);
  const calls = `${trace.toolCallCount} calls` + (failed > 0 ? style.red(` (${failed} failed)`) : "");
  return [
    style.dim(String(position).padStart(3)),
    style.bold(trace.episodeId),
    trace.scenario,
    trace.policyId,
    trace.surface,
    stopStyle(trace.stopReason, style)(trace.stopReason),
    `${trace.turnCount} turns`,
    calls,
    `tokens ${trace.usage.promptTokens}/${trace.usage.completionTokens}`,
    style.dim(seconds(trace.timing.durationMs)),
  ].join("  ");
}

interface EpisodeStyle {
  full: boolean;
  style: Style;
}

export function renderEpisode(trace: Trace, opts: EpisodeStyle): string {
  const { style } = opts;
  const clip = (text: string, max: number): string => (opts.full ? text : cut(text, max));
  const out: string[] = [];
  out.push(style.bold(`Episode ${trace.episodeId}`));
  out.push(
    `  task ${trace.taskId} · scenario ${trace.scenario} · seed ${trace.seed} · policy ${trace.policyId} · surface ${trace.surface}`,
  );
  out.push(`  tools: ${trace.tools.join(", ")}`);
  const system = trace.messages.find((m) => m.role === "system");
  const user = trace.messages.find((m) => m.role === "user");
  if (system) out.push(style.dim(`  [system] ${clip(system.content.replace(/\s+/g, " "), 200)}`));
  if (user) out.push(`  ${style.cyan("[user]")} ${clip(user.content, 2000)}`);
  for (const turn of trace.turns) out.push(...renderTurn(turn, opts, clip));
  out.push("");
  const stop = stopStyle(trace.stopReason, style)(trace.stopReason);
  out.push(`${style.bold("Stop:")} ${stop} after ${trace.turnCount} turns, ${trace.toolCallCount} tool calls`);
  if (trace.error !== undefined) out.push(style.red(`  error: ${trace.error}`));
  out.push(
    `  tokens: prompt ${trace.usage.promptTokens}, completion ${trace.usage.completionTokens} · ${seconds(trace.timing.durationMs)}`,
  );
  if (trace.finalAnswer !== null) out.push(`${style.bold("Final answer:")} ${clip(trace.finalAnswer, 2000)}`);
  return out.join("\n") + "\n";
}

function renderTurn(turn: TurnRecord, opts: EpisodeStyle, clip: (text: string, max: number) => string): string[] {
  const { style } = opts;
  const facts = [`policy ${Math.round(turn.timing.policyMs)} ms`];
  if (turn.finishReason) facts.push(`finish ${turn.finishReason}`);
  if (turn.usage) facts.push(`tokens ${turn.usage.promptTokens}/${turn.usage.completionTokens}`);
  const lines = ["", style.bold(`Turn ${turn.index + 1}`) + style.dim(`  (${facts.join(", ")})`)];
  if (turn.content.trim() !== "") lines.push(`  ${clip(turn.content.trim(), 1000).replace(/\n/g, "\n  ")}`);
  for (const call of turn.calls) lines.push(...renderCall(call, style, clip));
  return lines;
}

function renderCall(call: CallRecord, style: Style, clip: (text: string, max: number) => string): string[] {
  const name = call.name ?? style.red("(unparsed call)");
  const lines = [`  ${style.cyan("→")} ${style.bold(name)} ${clip(call.argumentsText, 400)}`];
  for (const request of call.requests) {
    const status = request.status >= 400 ? style.red(String(request.status)) : style.green(String(request.status));
    lines.push(`      ${describeCall(request)} → ${status}`);
  }
  if (call.rejection) lines.push(style.red(`      ✗ ${call.rejection.label}: ${clip(call.rejection.reason, 400)}`));
  // A rejected call without requests has the rejection as its whole result: do not print it twice.
  if (call.requests.length > 0 || !call.rejection)
    lines.push(style.dim(`      result: ${clip(call.result, 600).replace(/\n/g, "\n        ")}`));
  return lines;
}
