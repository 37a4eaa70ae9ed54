"""Supervised warm-up: demonstrations from the real `atlasgym demos`, masks, and a real SFT step."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import torch

from atlasgym_trainer.chat_template import repo_root
from atlasgym_trainer.config import WarmupConfig, load_config
from atlasgym_trainer.model import load_tokenizer, resolve_model_dir
from atlasgym_trainer.warmup import IGNORE, assistant_spans, read_demos, run_warmup, tokenize_demo, write_demos

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node for `atlasgym demos`")


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demos") / "demos.jsonl"
    config = load_config("quick", ['env.scenarios=["jira-create-issue", "labels"]', "warmup.tasks=1"])
    write_demos(config, path)
    return path


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return load_tokenizer(resolve_model_dir("smollm2-gguf"))[0]


def test_demos_come_from_the_env_on_the_run_surface(demos: Path) -> None:
    rows = read_demos(demos)
    assert [r["scenario"] for r in rows] == ["jira-create-issue", "labels"]
    for row in rows:
        assert ":train:1:" in row["taskId"]
        names = {t["function"]["name"] for t in row["tools"]}
        assert any(n.startswith(("jira_", "confluence_")) for n in names)
        assert all("body" not in t["function"]["parameters"]["properties"] for t in row["tools"])  # mcp, not rest


def test_only_assistant_turns_are_trained(demos: Path, tokenizer: object) -> None:
    for demo in read_demos(demos):
        text, spans = assistant_spans(tokenizer, demo)
        example = tokenize_demo(tokenizer, demo)
        trained = [t for t, label in zip(example.input_ids, example.labels, strict=True) if label != IGNORE]
        decoded = tokenizer.decode(trained)  # type: ignore[attr-defined]
        assert decoded.count("<tool_call>") == sum(
            len(m.get("tool_calls") or []) for m in demo["messages"] if m["role"] == "assistant"
        )
        assert decoded.count("<|im_end|>") == sum(1 for m in demo["messages"] if m["role"] == "assistant")
        assert "<tool_response>" not in decoded and "You work in the Atlassian" not in decoded
        assert demo["messages"][1]["content"] not in decoded  # the instruction is context, not a target
        assert all(text[lo:hi].endswith("<|im_end|>\n") for lo, hi in spans)


@pytest.mark.slow
def test_a_real_warmup_step_changes_the_weights_and_saves_a_loadable_model(demos: Path, tmp_path: Path) -> None:
    settings = WarmupConfig(enabled=True, epochs=1, learning_rate=1e-4, batch=2)
    summary = run_warmup(demos, tmp_path, model_source="smollm2-gguf", settings=settings)
    assert summary["demonstrations"] == 2 and summary["optimizer_steps"] == 1
    assert summary["loss_first"] is not None and 0 < summary["loss_first"] < 20
    assert json.loads((tmp_path / "warmup.json").read_text())["model"] == str(tmp_path / "model")

    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(resolve_model_dir("smollm2-gguf"))
    tuned = AutoModelForCausalLM.from_pretrained(tmp_path / "model")
    changed = [
        name
        for (name, a), (_, b) in zip(base.named_parameters(), tuned.named_parameters(), strict=True)
        if not torch.equal(a, b)
    ]
    assert len(changed) > 100


def test_demos_command_fails_loudly_on_a_bad_surface(tmp_path: Path) -> None:
    result = subprocess.run(
        ["node", str(repo_root() / "bin" / "atlasgym.js"), "demos", "--surface", "soap", "--out", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "surface" in result.stderr
