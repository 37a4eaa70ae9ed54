"""Supervised warm-up on oracle demonstrations, before GRPO.

A small model that never emits a tool call gets reward 0 on every rollout, so every GRPO group has
zero spread and no gradient. A short supervised pass over the oracle's own episodes (``atlasgym
demos``: train-split tasks, conversations exactly as the env renders them) teaches the tool-call
format and the tool shapes; GRPO then has reward differences to learn from.

    python -m atlasgym_trainer.warmup --demos demos.jsonl --out runs/x/warmup [--epochs 2] [--lr 5e-5]

The loss covers the assistant turns only (tool calls, final answers and their end-of-turn tokens),
never the system prompt, tool schemas, instructions or tool results. Masks come from rendering
each conversation prefix with the shared chat template, so they follow the template exactly.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atlasgym_trainer.chat_template import repo_root
from atlasgym_trainer.config import Config, WarmupConfig

IGNORE = -100


@dataclass(frozen=True)
class Example:
    input_ids: list[int]
    labels: list[int]

    @property
    def trained_tokens(self) -> int:
        return sum(1 for label in self.labels if label != IGNORE)


def read_demos(path: Path) -> list[dict[str, Any]]:
    """Demonstrations as written by ``atlasgym demos``: one ``{messages, tools, ...}`` object per line."""
    demos = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, demo in enumerate(demos, 1):
        if not isinstance(demo.get("messages"), list) or not isinstance(demo.get("tools"), list):
            raise ValueError(f"{path}:{n}: a demonstration needs `messages` and `tools` lists")
    return demos


def _render(tokenizer: Any, messages: list[dict[str, Any]], tools: list[dict[str, Any]], generation: bool) -> str:
    text = tokenizer.apply_chat_template(
        messages, tools=tools or None, add_generation_prompt=generation, tokenize=False
    )
    return str(text)


def assistant_spans(tokenizer: Any, demo: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of its assistant turns (end-of-turn included)."""
    messages, tools = demo["messages"], demo["tools"]
    full = _render(tokenizer, messages, tools, generation=False)
    spans: list[tuple[int, int]] = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = _render(tokenizer, messages[:i], tools, generation=True)
        through = _render(tokenizer, messages[: i + 1], tools, generation=False)
        if not (full.startswith(before) and full.startswith(through) and len(through) > len(before)):
            raise ValueError("the chat template does not render conversations prefix by prefix; cannot mask turns")
        spans.append((len(before), len(through)))
    return full, spans


def tokenize_demo(tokenizer: Any, demo: dict[str, Any]) -> Example:
    """Token ids and labels: a token is trained when it starts inside an assistant turn."""
    text, spans = assistant_spans(tokenizer, demo)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = list(encoded["input_ids"])
    labels = [IGNORE] * len(ids)
    for n, (start, _end) in enumerate(encoded["offset_mapping"]):
        if any(lo <= start < hi for lo, hi in spans):
            labels[n] = ids[n]
    return Example(input_ids=ids, labels=labels)


def run_warmup(
    demos_path: Path,
    out: Path,
    *,
    model_source: str,
    settings: WarmupConfig,
    chat_template: str | None = None,
    seed: int = 42,
    threads: int = 2,
) -> dict[str, Any]:
    """Fine-tunes on the demonstrations and saves the model to ``out/model``; returns a summary (also in ``out``)."""
    import torch
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer  # type: ignore[attr-defined]

    from atlasgym_trainer.model import load_model

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    loaded = load_model(model_source, chat_template=chat_template)
    tokenizer = loaded.tokenizer
    examples = [tokenize_demo(tokenizer, demo) for demo in read_demos(demos_path)]
    too_long = [len(e.input_ids) for e in examples if len(e.input_ids) > settings.max_length]
    if too_long:
        raise ValueError(f"{len(too_long)} demonstration(s) exceed max_length {settings.max_length}: {too_long[:5]}")
    dataset = Dataset.from_list([{"input_ids": e.input_ids, "labels": e.labels} for e in examples])
    args = SFTConfig(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=settings.epochs,
        learning_rate=settings.learning_rate,
        per_device_train_batch_size=1,  # one conversation per pass: no padding, bounded memory
        gradient_accumulation_steps=settings.batch,  # conversations per optimizer step
        lr_scheduler_type="constant",
        max_length=settings.max_length,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        use_cpu=not torch.cuda.is_available(),
        seed=seed,
        data_seed=seed,
        dataloader_num_workers=0,
        activation_checkpointing=False,
        disable_tqdm=not sys.stderr.isatty(),
    )
    trainer = SFTTrainer(model=loaded.model, args=args, train_dataset=dataset, processing_class=tokenizer)
    started = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - started
    model_dir = out / "model"
    loaded.model.save_pretrained(model_dir)  # the trainer updates this very module in place
    tokenizer.save_pretrained(model_dir)
    losses = [row["loss"] for row in trainer.state.log_history if "loss" in row]
    summary = {
        "demonstrations": len(examples),
        "tokens": sum(len(e.input_ids) for e in examples),
        "trained_tokens": sum(e.trained_tokens for e in examples),
        "optimizer_steps": trainer.state.global_step,
        "seconds": round(seconds, 1),
        "loss_first": losses[0] if losses else None,
        "loss_last": losses[-1] if losses else None,
        "settings": dataclasses.asdict(settings),
        "model": str(model_dir),
    }
    (out / "warmup.json").write_text(json.dumps(summary, indent=2))
    return summary


def write_demos(config: Config, path: Path) -> None:
    """Runs ``atlasgym demos`` for the run's scenarios, difficulty and surface (train split)."""
    root = repo_root()
    command = ["node", str(root / "bin" / "atlasgym.js"), "demos", "--split", "train"]
    command += ["--difficulty", str(config.env.difficulty), "--surface", config.env.surface]
    command += ["--tasks", str(config.warmup.tasks), "--first-seed", str(config.warmup.first_seed), "--out", str(path)]
    if config.env.scenarios:
        command += ["--scenario", ",".join(config.env.scenarios)]
    subprocess.run(command, check=True, cwd=root)


def warm_up(config: Config, out: Path) -> Path:
    """The warmed-up model directory for the run (made once; a resumed run reuses it)."""
    model_dir = out / "model"
    done = out / "warmup.json"
    if done.is_file() and (model_dir / "config.json").is_file():
        print(f"warm-up: reusing {model_dir}")
        return model_dir
    if int(os.environ.get("RANK", "0")) != 0:
        # Under accelerate the main process warms up once; the others wait for its model.
        while not done.is_file():
            time.sleep(5)
        return model_dir
    out.mkdir(parents=True, exist_ok=True)
    demos = out / "demos.jsonl"
    write_demos(config, demos)
    summary = run_warmup(
        demos,
        out,
        model_source=config.model.source,
        settings=config.warmup,
        chat_template=config.model.chat_template,
        seed=config.grpo.seed,
        threads=config.grpo.threads,
    )
    print(f"warm-up: {json.dumps(summary)}")
    return model_dir


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="atlasgym_trainer.warmup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--demos", required=True, type=Path, help="JSONL from `atlasgym demos`")
    parser.add_argument("--out", required=True, type=Path, help="directory for model/ and warmup.json")
    parser.add_argument("--model", default="smollm2-gguf", help="smollm2-gguf, a .gguf, or a model directory")
    parser.add_argument("--epochs", type=float, default=WarmupConfig.epochs)
    parser.add_argument("--lr", type=float, default=WarmupConfig.learning_rate)
    parser.add_argument("--batch", type=int, default=WarmupConfig.batch)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    settings = WarmupConfig(enabled=True, epochs=args.epochs, learning_rate=args.lr, batch=args.batch)
    args.out.mkdir(parents=True, exist_ok=True)
    summary = run_warmup(args.demos, args.out, model_source=args.model, settings=settings, threads=args.threads)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
