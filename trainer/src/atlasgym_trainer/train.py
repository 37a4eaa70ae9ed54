"""Training entry point.

    python -m atlasgym_trainer.train --preset quick --server http://127.0.0.1:8787 --out runs/quick \
        [--steps N] [--scenario a,b] [--set grpo.learning_rate=2e-5] [--resume]

Writes to ``--out``: ``config.yaml`` (resolved), ``tasks.jsonl`` (the training tasks),
``checkpoints/checkpoint-N`` (every ``output.save_every`` steps: weights, optimizer, scheduler,
RNG, trainer state), ``metrics.jsonl``/``metrics.csv``, ``tensorboard/``, ``reward_curve.png`` and
``final/`` (the trained model, LoRA merged), and with ``warmup.enabled`` ``warmup/`` (demonstrations, the
warmed-up model GRPO starts from, ``warmup.json``). ``--resume`` continues from the last checkpoint with
the saved configuration and tasks.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from atlasgym_trainer.client import SessionClient
from atlasgym_trainer.config import Config, _build, apply_override, load_config, parse_override
from atlasgym_trainer.tasks import TaskRow, TaskSet, probe_tasks


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="atlasgym_trainer.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="quick", help="preset name (trainer/presets) or YAML path")
    parser.add_argument("--server", help="env server base URL (overrides env.server)")
    parser.add_argument("--out", required=True, type=Path, help="run directory")
    parser.add_argument("--steps", type=int, help="optimizer steps (overrides grpo.steps)")
    parser.add_argument("--scenario", help="comma-separated scenarios (overrides env.scenarios)")
    parser.add_argument("--model", help="model source: smollm2-gguf, a .gguf, or a model directory")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="any config override")
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint in --out")
    return parser.parse_args(argv)


def flag_overrides(args: argparse.Namespace) -> list[str]:
    overrides = list(args.set)
    if args.server:
        overrides.append(f"env.server={args.server}")
    if args.steps is not None:
        overrides.append(f"grpo.steps={args.steps}")
    if args.scenario:
        overrides.append(f"env.scenarios={json.dumps(args.scenario.split(','))}")
    if args.model:
        overrides.append(f"model.source={json.dumps(args.model)}")
    return overrides


def resolve_config(args: argparse.Namespace) -> Config:
    saved = args.out / "config.yaml"
    if args.resume and saved.is_file():
        data = yaml.safe_load(saved.read_text())
        for text in flag_overrides(args):
            path, value = parse_override(text)
            apply_override(data, path, value)
        config = _build(Config, data, "")
        config.validate()
        return config
    return load_config(args.preset, flag_overrides(args))


def last_checkpoint(out: Path) -> Path | None:
    checkpoints = sorted(
        (p for p in (out / "checkpoints").glob("checkpoint-*") if p.name.split("-")[-1].isdigit()),
        key=lambda p: int(p.name.split("-")[-1]),
    )
    return checkpoints[-1] if checkpoints else None


def load_or_probe_tasks(config: Config, out: Path, client: SessionClient, resume: bool) -> TaskSet:
    """The run's tasks, probed once and saved, so a resumed run trains on exactly the same data."""
    saved = out / "tasks.json"
    if resume and saved.is_file():
        data = json.loads(saved.read_text())
        from atlasgym_trainer.client import ToolSchema

        return TaskSet(
            rows=[TaskRow(**row) for row in data["rows"]],
            tools={k: [ToolSchema.from_json(t) for t in v] for k, v in data["tools"].items()},
            scenarios=data["scenarios"],
        )
    g = config.grpo
    taskset = probe_tasks(
        client,
        config.env.scenarios,
        g.steps * g.prompts_per_step,
        split=config.env.split,
        difficulty=config.env.difficulty,
        surface=config.env.surface,
        first_seed=config.env.seed,
    )
    if is_main_process():
        saved.write_text(
            json.dumps(
                {
                    "rows": [row.to_dict() for row in taskset.rows],
                    "tools": {k: [t.to_json() for t in v] for k, v in taskset.tools.items()},
                    "scenarios": taskset.scenarios,
                },
                indent=1,
            )
        )
    return taskset


def grpo_arguments(config: Config, out: Path) -> Any:
    import torch
    from trl import GRPOConfig  # type: ignore[attr-defined]

    g = config.grpo
    rollouts = g.prompts_per_step * g.num_generations
    on_gpu = torch.cuda.is_available()
    kwargs: dict[str, Any] = {
        "output_dir": str(out / "checkpoints"),
        "max_steps": g.steps,
        "per_device_train_batch_size": g.micro_batch,
        "gradient_accumulation_steps": rollouts // g.micro_batch,
        "num_generations": g.num_generations,
        "max_completion_length": g.max_completion_length,
        "max_tool_calling_iterations": g.max_tool_calling_iterations,
        "learning_rate": g.learning_rate,
        "beta": g.beta,
        "temperature": g.temperature,
        "top_p": g.top_p,
        "loss_type": g.loss_type,
        "scale_rewards": g.scale_rewards,
        "max_grad_norm": g.max_grad_norm,
        "warmup_steps": g.warmup_steps,
        "lr_scheduler_type": "constant_with_warmup",
        "seed": g.seed,
        "data_seed": g.seed,
        "logging_steps": 1,
        "save_strategy": "steps",
        "save_steps": config.output.save_every,
        "save_total_limit": config.output.keep_checkpoints,
        "report_to": "none",
        "disable_tqdm": not sys.stderr.isatty(),
        "use_cpu": not on_gpu,
        "bf16": on_gpu and config.model.dtype == "bfloat16",
        "dataloader_num_workers": 0,
    }
    # TRL turns activation (gradient) checkpointing on by default; it recomputes the forward pass, which only
    # pays when memory is short, so it follows the preset.
    kwargs["activation_checkpointing"] = config.model.gradient_checkpointing
    if config.vllm.enabled:
        kwargs.update(
            use_vllm=True,
            vllm_mode=config.vllm.mode,
            vllm_gpu_memory_utilization=config.vllm.gpu_memory_utilization,
        )
        if config.vllm.max_model_length:
            kwargs["vllm_max_model_length"] = config.vllm.max_model_length
    return GRPOConfig(**kwargs)


def peft_config(config: Config) -> Any:
    if not config.model.lora.enabled:
        return None
    from peft import LoraConfig

    lora = config.model.lora
    return LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=list(lora.target_modules),
        task_type="CAUSAL_LM",
    )


def build_trainer(
    config: Config,
    *,
    out: Path,
    taskset: TaskSet,
    client_factory: Callable[[], SessionClient],
    model: Any,
    tokenizer: Any,
) -> tuple[Any, Any]:
    """The trainer and its metrics logger."""
    from datasets import Dataset

    from atlasgym_trainer.grpo import AtlasGRPOTrainer
    from atlasgym_trainer.metrics import MetricsLogger
    from atlasgym_trainer.rewards import RolloutLog, make_session_reward

    rollouts = RolloutLog()
    dataset = Dataset.from_list([row.to_dict() for row in taskset.rows])
    g = config.grpo
    llama_rollouts = None
    if g.generation == "llama.cpp":
        from atlasgym_trainer.llama_rollouts import LlamaRollouts

        llama_rollouts = LlamaRollouts(
            sequences=g.prompts_per_step * g.num_generations, context_size=g.rollout_context, threads=g.threads
        )
    trainer = AtlasGRPOTrainer(
        model=model,
        reward_funcs=[make_session_reward(rollouts)],
        args=grpo_arguments(config, out),
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=peft_config(config),
        environment_factory=taskset.environment_factories(client_factory),
        shared_prefix=g.shared_prefix,
        llama_rollouts=llama_rollouts,
    )
    logger = MetricsLogger(out, rollouts, trainer.step_times, plot_every=config.output.plot_every)
    trainer.add_callback(logger)
    return trainer, logger


def is_main_process() -> bool:
    """Rank 0 under `accelerate launch` / torchrun (which set RANK), or a single process."""
    return int(os.environ.get("RANK", "0")) == 0


def save_final(trainer: Any, tokenizer: Any, out: Path) -> Path:
    final = out / "final"
    trainer.accelerator.wait_for_everyone()
    if not trainer.accelerator.is_main_process:
        return final
    model = trainer.accelerator.unwrap_model(trainer.model)
    if hasattr(model, "merge_and_unload"):
        model = model.merge_and_unload()
    model.save_pretrained(final)
    tokenizer.save_pretrained(final)
    return final


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    args = parse_args(argv)
    config = resolve_config(args)
    os.environ.setdefault("OMP_NUM_THREADS", str(config.grpo.threads))

    import torch

    torch.set_num_threads(config.grpo.threads)
    from atlasgym_trainer.model import load_model

    if not config.env.server:
        print("error: no env server (pass --server URL or set env.server)", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    checkpoint = last_checkpoint(out) if args.resume else None
    if args.resume and checkpoint is None:
        print(f"note: --resume but no checkpoint in {out}/checkpoints; starting from step 0", file=sys.stderr)
    if is_main_process():
        (out / "config.yaml").write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))

    shared_client = SessionClient(config.env.server, timeout=config.env.timeout)
    shared_client.health()
    taskset = load_or_probe_tasks(config, out, shared_client, resume=checkpoint is not None)
    source = config.model.source
    if config.warmup.enabled:
        from atlasgym_trainer.warmup import warm_up

        source = str(warm_up(config, out / "warmup"))
    loaded = load_model(source, dtype=config.model.dtype, chat_template=config.model.chat_template)
    print(f"model: {loaded.model_dir} ({config.model.dtype}); chat template: {loaded.chat_template_source}")
    trainer, _ = build_trainer(
        config,
        out=out,
        taskset=taskset,
        client_factory=lambda: shared_client,
        model=loaded.model,
        tokenizer=loaded.tokenizer,
    )
    try:
        trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    finally:
        if trainer.llama_rollouts is not None:
            trainer.llama_rollouts.close()
    final = save_final(trainer, loaded.tokenizer, out)
    print(f"done: {trainer.state.global_step} steps; model in {final}; metrics in {out / 'metrics.csv'}")
    shared_client.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
