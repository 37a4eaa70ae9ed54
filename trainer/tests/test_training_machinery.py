"""GRPO machinery (trainer subclass, metrics, checkpoints, exact resume) on a tiny random model.

The environment here is a toy counter, not atlasgym: it exercises TRL's environment_factory path
and our trainer code quickly. Training against the real env server is in test_server_e2e.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from atlasgym_trainer.config import load_config
from atlasgym_trainer.grpo import AtlasGRPOTrainer
from atlasgym_trainer.metrics import MetricsLogger, read_rows
from atlasgym_trainer.rewards import RolloutLog, RolloutRecord
from atlasgym_trainer.train import grpo_arguments, last_checkpoint

from .tiny_model import tiny_llama

pytestmark = pytest.mark.slow


class ToyCounter:
    """A toy environment with one tool."""

    def __init__(self) -> None:
        self.count = 0

    def reset(self, **_: Any) -> str:
        self.count = 0
        return "Increment the counter to 3."

    def increment(self, amount: int) -> str:
        """Add to the counter.

        Args:
            amount: How much to add.

        Returns:
            The new value.
        """
        self.count += amount
        return str(self.count)


def toy_reward(log: RolloutLog) -> Any:
    def parity_reward(completions: list[Any], completion_ids: list[list[int]], **_: Any) -> list[float]:
        # Varies between samples of a random model, so GRPO advantages (and gradients) are non-zero.
        rewards = [sum(i % 2 for i in ids) / max(1, len(ids)) for ids in completion_ids]
        for reward in rewards:
            log.add(RolloutRecord("toy", reward, {"parity": reward}, ["wrong_value"] if reward < 0.5 else [], 0, 0, 0))
        return rewards

    return parity_reward


def make_trainer(tokenizer: Any, out: Path, steps: int, overrides: list[str] | None = None) -> tuple[Any, Any]:
    from datasets import Dataset

    config = load_config(
        "quick",
        [
            f"grpo.steps={steps}",
            "grpo.prompts_per_step=2",
            "grpo.num_generations=2",
            "grpo.micro_batch=2",
            "grpo.max_completion_length=12",
            "grpo.max_tool_calling_iterations=1",
            "grpo.learning_rate=0.01",
            "output.save_every=1",
            "output.keep_checkpoints=5",
            "model.lora.enabled=false",
            *(overrides or []),
        ],
    )
    log = RolloutLog()
    system = {"role": "system", "content": "Use the tools."}
    rows = [{"environment": "toy", "prompt": [system, {"role": "user", "content": ""}]} for _ in range(steps * 2)]
    trainer = AtlasGRPOTrainer(
        model=tiny_llama(len(tokenizer)),
        reward_funcs=[toy_reward(log)],
        args=grpo_arguments(config, out),
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
        environment_factory={"toy": ToyCounter},
    )
    logger = MetricsLogger(out, log, trainer.step_times)
    trainer.add_callback(logger)
    return trainer, logger


class StopAfter:
    """Stops training after a given step, as a crash right after that step's checkpoint would."""

    def __new__(cls, step: int) -> Any:
        from transformers import TrainerCallback

        class _Stop(TrainerCallback):  # type: ignore[misc]
            def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
                if state.global_step >= step:
                    control.should_training_stop = True
                    control.should_save = True
                return control

        return _Stop()


def weights(trainer: Any) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in trainer.model.state_dict().items()}


def test_two_steps_log_checkpoint_and_change_weights(smollm2_tokenizer: Any, tmp_path: Path) -> None:
    trainer, _ = make_trainer(smollm2_tokenizer, tmp_path, steps=2)
    assert trainer.shared_prefix, "the update pass should share each group's prompt in a single process"
    before = weights(trainer)
    trainer.train()
    after = weights(trainer)
    assert any(not torch.equal(before[k], after[k]) for k in before), "no trainable weight changed"

    rows = read_rows(tmp_path / "metrics.jsonl")
    assert [r["step"] for r in rows] == [1, 2]
    for row in rows:
        assert row["rollouts"] == 4
        assert 0.0 <= row["reward/toy/mean"] <= 1.0
        assert row["component/parity"] == pytest.approx(row["reward/mean"])
        assert torch.isfinite(torch.tensor(row["loss"]))
        assert row["time/step"] >= row["time/generation"] > 0
        assert row["time/update"] > 0
    header = (tmp_path / "metrics.csv").read_text().splitlines()[0].split(",")
    assert {"step", "loss", "reward/mean", "reward/toy/std", "time/update"} <= set(header)
    assert (tmp_path / "reward_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list((tmp_path / "tensorboard").glob("events.out.tfevents.*"))
    assert last_checkpoint(tmp_path) == tmp_path / "checkpoints" / "checkpoint-2"


def test_prompts_carry_the_exact_tool_schema(smollm2_tokenizer: Any, tmp_path: Path) -> None:
    from atlasgym_trainer.client import ToolSchema
    from atlasgym_trainer.environment import make_environment_class

    schema = ToolSchema(
        "jira_create_issue",
        "Create an issue.",
        {
            "type": "object",
            "properties": {"fields": {"type": "object", "properties": {"project": {"type": "object"}}}},
            "required": ["fields"],
        },
    )
    env = make_environment_class("s", [schema], lambda: None)  # type: ignore[arg-type,return-value]
    trainer, _ = make_trainer(smollm2_tokenizer, tmp_path, steps=1)
    trainer._env_tools = {"s": [env.jira_create_issue]}
    trainer._use_exact_tool_schemas()
    assert trainer._env_tools["s"] == [schema.to_json()]
    rendered = smollm2_tokenizer.apply_chat_template(
        [{"role": "user", "content": "x"}], tools=trainer._env_tools["s"], tokenize=False
    )
    assert json.dumps(schema.to_json(), ensure_ascii=False) in rendered


def test_resume_after_a_stop_gives_the_same_weights_and_one_row_per_step(
    smollm2_tokenizer: Any, tmp_path: Path
) -> None:
    straight, _ = make_trainer(smollm2_tokenizer, tmp_path / "straight", steps=3)
    straight.train()
    expected = weights(straight)

    out = tmp_path / "resumed"
    first, _ = make_trainer(smollm2_tokenizer, out, steps=3)
    first.add_callback(StopAfter(2))
    first.train()
    assert first.state.global_step == 2
    # A crash after logging step 3 but before its checkpoint leaves a row the resumed run must replace.
    with (out / "metrics.jsonl").open("a") as handle:
        handle.write(json.dumps({"step": 3, "loss": 123.0}) + "\n")

    second, _ = make_trainer(smollm2_tokenizer, out, steps=3)
    second.train(resume_from_checkpoint=str(last_checkpoint(out)))
    assert second.state.global_step == 3
    resumed = weights(second)
    for key, value in expected.items():
        torch.testing.assert_close(resumed[key], value, rtol=0, atol=1e-6, msg=f"{key} differs after resume")
    rows = read_rows(out / "metrics.jsonl")
    assert [r["step"] for r in rows] == [1, 2, 3]
    assert rows[2]["loss"] != 123.0
    straight_rows = read_rows(tmp_path / "straight" / "metrics.jsonl")
    assert [r["reward/mean"] for r in rows] == pytest.approx([r["reward/mean"] for r in straight_rows])
