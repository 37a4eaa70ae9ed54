"""Two GRPO steps of the real embedded model against a real `atlasgym serve`, with a kill and --resume.

Runs `python -m atlasgym_trainer.train` as a subprocess, SIGKILLs it once the first checkpoint exists
(mid step 2), resumes it, and checks what it left: one metrics row per step with rewards from the
server, finite loss, checkpoints, and a final model whose weights moved exactly when GRPO had signal.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from atlasgym_trainer.metrics import read_rows
from atlasgym_trainer.model import resolve_model_dir

# Real GRPO steps of SmolLM2 (the quick preset: llama.cpp rollouts, shared-prefix update), short budgets: in CI.
pytestmark = pytest.mark.slow

SETTINGS = [
    "--preset", "quick", "--steps", "2", "--scenario", "jira-create-issue",
    "--set", "grpo.prompts_per_step=1", "--set", "grpo.num_generations=2", "--set", "grpo.micro_batch=2",
    "--set", "grpo.max_completion_length=48", "--set", "grpo.max_tool_calling_iterations=1",
    "--set", "grpo.learning_rate=1e-3", "--set", "output.save_every=1",
    # GRPO alone: the weights must move exactly when a group's rewards differ (the warm-up has its own tests).
    "--set", "warmup.enabled=false",
]  # fmt: skip


def train(server: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "OMP_NUM_THREADS": "2", "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "atlasgym_trainer.train", "--server", server, "--out", str(out), *SETTINGS]
    return subprocess.Popen([*command, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_real_steps_survive_a_kill_and_resume(atlasgym_server: str, tmp_path: Path) -> None:
    out = tmp_path / "run"
    first = train(atlasgym_server, out)
    deadline = time.monotonic() + 1500
    while not (out / "checkpoints" / "checkpoint-1" / "trainer_state.json").is_file():
        assert first.poll() is None, first.stdout.read() if first.stdout else ""
        assert time.monotonic() < deadline, "no checkpoint after 25 minutes"
        time.sleep(1)
    time.sleep(2)  # let the checkpoint finish writing its last file
    first.send_signal(signal.SIGKILL)
    first.wait()

    second = train(atlasgym_server, out, "--resume")
    output, _ = second.communicate(timeout=1500)
    assert second.returncode == 0, output
    assert "done: 2 steps" in output

    rows = read_rows(out / "metrics.jsonl")
    assert [row["step"] for row in rows] == [1, 2]
    for row in rows:
        assert row["rollouts"] == 2
        assert 0.0 <= row["reward/jira-create-issue/mean"] <= 1.0
        assert math.isfinite(row["loss"])
        assert row["time/env"] > 0 and row["time/generation"] > 0 and row["time/update"] > 0
    assert (out / "checkpoints" / "checkpoint-2").is_dir()
    assert (out / "reward_curve.png").is_file()

    base = load_file(resolve_model_dir("smollm2-gguf") / "model.safetensors")
    final = load_file(out / "final" / "model.safetensors")
    changed = any(not torch.equal(base[k], final[k]) for k in base if k in final)
    had_signal = any(row.get("trl/frac_reward_zero_std", 1.0) < 1.0 for row in rows)
    # GRPO moves the weights exactly when some group's rewards differ (zero advantages give zero gradients).
    assert changed == had_signal, f"weights changed={changed}, groups with reward spread={had_signal}: {rows}"
