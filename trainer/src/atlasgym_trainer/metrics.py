"""Per-step training metrics: ``metrics.jsonl`` (source of truth), ``metrics.csv``, TensorBoard and a PNG curve.

One row per optimizer step: TRL's own numbers (loss, KL, grad norm, tokens, completion length, tool
call frequency), the rollouts' rewards per scenario (mean, spread, count), mean reward components,
failure counts by label, and the wall time split into generation, environment, scoring,
log-probabilities and update. On resume, rows after the checkpoint's step are dropped (and purged
from TensorBoard) before the run continues, so every step appears exactly once.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments

from atlasgym_trainer.grpo import StepTimes
from atlasgym_trainer.rewards import RolloutLog, RolloutRecord

# TRL log keys worth keeping, under our column names.
TRL_KEYS = {
    "loss": "loss",
    "kl": "kl",
    "grad_norm": "grad_norm",
    "learning_rate": "learning_rate",
    "num_tokens": "tokens/total",
    "completions/mean_length": "tokens/completion_mean",
    "completions/clipped_ratio": "tokens/clipped_ratio",
    "tools/call_frequency": "tools/call_frequency",
    "tools/failure_frequency": "tools/failure_frequency",
    "entropy": "entropy",
    "reward": "trl/reward",
    "reward_std": "trl/reward_std",
    "frac_reward_zero_std": "trl/frac_reward_zero_std",
}


def summarise_rollouts(records: list[RolloutRecord]) -> dict[str, float]:
    row: dict[str, float] = {}
    if not records:
        return row
    rewards = [r.reward for r in records]
    row["reward/mean"] = statistics.fmean(rewards)
    row["reward/std"] = statistics.pstdev(rewards)
    row["rollouts"] = len(records)
    by_scenario: dict[str, list[float]] = defaultdict(list)
    for record in records:
        by_scenario[record.scenario].append(record.reward)
    for scenario, values in sorted(by_scenario.items()):
        row[f"reward/{scenario}/mean"] = statistics.fmean(values)
        row[f"reward/{scenario}/std"] = statistics.pstdev(values)
        row[f"reward/{scenario}/n"] = len(values)
    components: dict[str, list[float]] = defaultdict(list)
    for record in records:
        for name, value in record.components.items():
            components[name].append(value)
    for name, values in sorted(components.items()):
        row[f"component/{name}"] = statistics.fmean(values)
    failures = Counter(label for record in records for label in record.failures)
    for label, count in sorted(failures.items()):
        row[f"failures/{label}"] = count
    row["tools/calls_per_rollout"] = statistics.fmean(r.tool_calls for r in records)
    return row


def split_times(times: StepTimes, wall: float) -> dict[str, float]:
    generation = max(0.0, times.generate - times.env_tools - times.weight_sync)
    logprobs = max(0.0, times.generate_and_score - times.generate - times.scoring - times.env_open)
    return {
        "time/step": wall,
        "time/generation": generation,
        "time/weight_sync": times.weight_sync,
        "time/env": times.env_open + times.env_tools,
        "time/scoring": times.scoring,
        "time/logprobs": logprobs,
        "time/update": max(0.0, wall - times.generate_and_score),
    }


class MetricsLogger(TrainerCallback):
    def __init__(self, out_dir: Path, rollouts: RolloutLog, times: StepTimes, plot_every: int = 1) -> None:
        self.out_dir = out_dir
        self.rollouts = rollouts
        self.times = times
        self.plot_every = plot_every
        self.jsonl = out_dir / "metrics.jsonl"
        self.csv = out_dir / "metrics.csv"
        self.png = out_dir / "reward_curve.png"
        self.samples = out_dir / "rollouts.jsonl"
        self._writer: Any = None
        self._step_started: float | None = None
        self._pending: dict[str, float] | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def on_train_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: Any
    ) -> None:
        if not state.is_world_process_zero:
            return
        self.out_dir.mkdir(parents=True, exist_ok=True)
        rows = [r for r in read_rows(self.jsonl) if r["step"] <= state.global_step]
        write_rows(self.jsonl, rows)
        write_rows(self.samples, [r for r in read_rows(self.samples) if r["step"] <= state.global_step])
        write_csv(self.csv, rows)
        from torch.utils.tensorboard import SummaryWriter

        self._writer = SummaryWriter(str(self.out_dir / "tensorboard"), purge_step=state.global_step + 1)

    def on_step_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: Any
    ) -> None:
        if self._step_started is None:
            self._step_started = time.perf_counter()

    def on_step_end(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: Any) -> None:
        started = self._step_started if self._step_started is not None else time.perf_counter()
        self._pending = split_times(self.times, time.perf_counter() - started)
        self._step_started = None
        self.times.reset()

    def on_log(
        self,
        args: TrainingArguments,
        state: TrainerState,
        control: TrainerControl,
        logs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        logs = logs or {}
        if not state.is_world_process_zero:
            # Under accelerate every process logs its own rollouts' rewards to TRL (which averages them
            # across processes); the files are written once, by the main process, from its rollouts.
            self.rollouts.drain()
            return
        if "train_runtime" in logs:
            (self.out_dir / "train_summary.json").write_text(json.dumps(logs, indent=2))
            return
        row: dict[str, Any] = {"step": state.global_step, "time": time.time()}
        row.update(self._pending or {})
        self._pending = None
        for key, name in TRL_KEYS.items():
            value = logs.get(key)
            if isinstance(value, int | float) and math.isfinite(value):
                row[name] = float(value)
        records = self.rollouts.drain()
        row.update(summarise_rollouts(records))
        append_row(self.jsonl, row)
        for record in records:
            append_row(self.samples, rollout_row(state.global_step, record))
        rows = read_rows(self.jsonl)
        write_csv(self.csv, rows)
        if self._writer is not None:
            for key, value in row.items():
                if key not in ("step", "time"):
                    self._writer.add_scalar(key, value, state.global_step)
            self._writer.flush()
        if state.global_step % self.plot_every == 0:
            plot_rewards(rows, self.png)

    def on_train_end(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs: Any
    ) -> None:
        if not state.is_world_process_zero:
            return
        rows = read_rows(self.jsonl)
        if rows:
            plot_rewards(rows, self.png)
        if self._writer is not None:
            self._writer.close()
            self._writer = None


# -- files ---------------------------------------------------------------------------------------


def rollout_row(step: int, record: RolloutRecord) -> dict[str, Any]:
    """One line of rollouts.jsonl: what the model did in a rollout and what it scored."""
    return {
        "step": step,
        "scenario": record.scenario,
        "reward": record.reward,
        "failures": record.failures,
        "tool_calls": record.tool_calls,
        "completion": record.completion,
    }


def read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def append_row(path: Path, row: dict[str, Any]) -> None:
    with path.open("a") as handle:
        handle.write(json.dumps(row, default=str) + "\n")


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """The CSV is rewritten from the JSONL, since scenarios and failure labels add columns as they appear."""
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


def plot_rewards(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [row["step"] for row in rows]
    scenarios = sorted(
        {
            key.split("/")[1]
            for row in rows
            for key in row
            if key.count("/") == 2 and key.startswith("reward/") and key.endswith("/mean")
        }
    )
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7), sharex=True)
    means = [row.get("reward/mean", math.nan) for row in rows]
    stds = [row.get("reward/std", 0.0) for row in rows]
    top.plot(steps, means, color="black", linewidth=2, label="all scenarios")
    top.fill_between(
        steps,
        [m - s for m, s in zip(means, stds, strict=True)],
        [m + s for m, s in zip(means, stds, strict=True)],
        color="black",
        alpha=0.1,
    )
    for scenario in scenarios:
        top.plot(
            steps,
            [row.get(f"reward/{scenario}/mean", math.nan) for row in rows],
            marker=".",
            linewidth=1,
            label=scenario,
        )
    top.set_ylabel("reward (mean, ±1 sd)")
    top.set_ylim(-0.02, 1.02)
    top.grid(alpha=0.3)
    top.legend(fontsize=8, loc="best")
    top.set_title("atlasgym GRPO training reward")
    bottom.plot(steps, [row.get("loss", math.nan) for row in rows], label="loss")
    if any("kl" in row for row in rows):
        bottom.plot(steps, [row.get("kl", math.nan) for row in rows], label="KL")
    bottom.set_xlabel("optimizer step")
    bottom.grid(alpha=0.3)
    bottom.legend(fontsize=8, loc="best")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
