"""Run configuration: readable YAML presets (``trainer/presets/*.yaml``) plus command-line overrides.

A preset is a YAML mapping with the sections below; any field can be overridden with
``--set section.field=value`` (the value is parsed as YAML), and the common ones have their own flags.
Unknown keys are errors, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

import yaml

from atlasgym_trainer.chat_template import repo_root


@dataclass
class LoraSettings:
    enabled: bool = False
    r: int = 16
    alpha: int = 32
    dropout: float = 0.0
    target_modules: list[str] = field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    )


@dataclass
class ModelSettings:
    source: str = "smollm2-gguf"  # `smollm2-gguf`, a .gguf file, or a local model directory
    dtype: str = "float32"  # float32 | bfloat16
    chat_template: str | None = None  # None: assets/chat_template.jinja; a path; or "model" (its own)
    gradient_checkpointing: bool = False
    lora: LoraSettings = field(default_factory=LoraSettings)


@dataclass
class EnvSettings:
    server: str | None = None  # base URL of `atlasgym serve`
    scenarios: list[str] = field(default_factory=list)  # empty: every scenario the run is given
    split: str = "train"
    difficulty: int = 1
    surface: str = "rest"
    seed: int = 0  # first task seed; task i uses seed + i
    timeout: float = 60.0


@dataclass
class GrpoSettings:
    steps: int = 10
    prompts_per_step: int = 2  # distinct tasks per optimizer step
    num_generations: int = 4  # group size G (rollouts per task)
    micro_batch: int = 4  # rollouts per forward/backward pass
    max_completion_length: int = 256  # tokens per rollout, tool results included
    max_tool_calling_iterations: int = 4
    learning_rate: float = 1e-5
    beta: float = 0.0  # KL coefficient (0: no reference model, as in TRL's default)
    temperature: float = 1.0
    top_p: float = 1.0
    loss_type: str = "dapo"
    scale_rewards: str = "group"
    max_grad_norm: float = 1.0
    warmup_steps: int = 0
    seed: int = 42
    threads: int = 2  # torch intra-op threads (CPU)
    # Update pass: run each group's shared prompt once (atlasgym_trainer.shared_prefix). Single process only;
    # under DDP, with activation checkpointing or multimodal inputs TRL's per-row pass is used.
    shared_prefix: bool = True
    # Rollout generation: `transformers` (HF generate, any model, any device) or `llama.cpp` (the rollout worker
    # of atlasgym_trainer.llama_rollouts: llama-architecture models on CPU, full fine-tuning, weights synced as
    # f16 GGUF after every step). `rollout_context` is the worker's tokens per rollout (prompt + completion).
    generation: str = "transformers"
    rollout_context: int = 8192


@dataclass
class WarmupConfig:
    """Supervised warm-up on oracle demonstrations before GRPO (see atlasgym_trainer.warmup)."""

    enabled: bool = False
    tasks: int = 8  # demonstrations per scenario (train split, env.difficulty, env.surface)
    first_seed: int = 100000  # demonstration task seeds start here, apart from the GRPO tasks
    epochs: float = 2.0
    learning_rate: float = 5e-5
    batch: int = 4
    max_length: int = 4096


@dataclass
class OutputSettings:
    save_every: int = 5  # checkpoint every N optimizer steps
    keep_checkpoints: int = 2
    plot_every: int = 1  # refresh the PNG reward curve every N steps


@dataclass
class VllmSettings:
    enabled: bool = False
    mode: str = "colocate"  # colocate | server
    gpu_memory_utilization: float = 0.3
    max_model_length: int | None = None


@dataclass
class EvalSettings:
    tasks: int = 4  # tasks per scenario on the test split, before and after
    samples: int = 1
    split: str = "test"


@dataclass
class Config:
    name: str = "custom"
    description: str = ""
    model: ModelSettings = field(default_factory=ModelSettings)
    env: EnvSettings = field(default_factory=EnvSettings)
    grpo: GrpoSettings = field(default_factory=GrpoSettings)
    warmup: WarmupConfig = field(default_factory=WarmupConfig)
    output: OutputSettings = field(default_factory=OutputSettings)
    vllm: VllmSettings = field(default_factory=VllmSettings)
    eval: EvalSettings = field(default_factory=EvalSettings)

    def validate(self) -> None:
        g = self.grpo
        rollouts = g.prompts_per_step * g.num_generations
        if g.num_generations < 2:
            raise ConfigError("grpo.num_generations must be at least 2 (GRPO compares rollouts within a group)")
        if rollouts % g.micro_batch:
            raise ConfigError(
                f"grpo.micro_batch ({g.micro_batch}) must divide prompts_per_step x num_generations ({rollouts})"
            )
        if self.model.dtype not in ("float32", "bfloat16", "float16"):
            raise ConfigError(f"model.dtype must be float32, bfloat16 or float16, not {self.model.dtype!r}")
        if g.generation not in ("transformers", "llama.cpp"):
            raise ConfigError(f"grpo.generation must be transformers or llama.cpp, not {g.generation!r}")
        if g.generation == "llama.cpp" and (self.model.lora.enabled or self.vllm.enabled):
            raise ConfigError("grpo.generation llama.cpp exports full weights each step: turn LoRA and vLLM off")
        if g.steps < 1 or self.output.save_every < 1:
            raise ConfigError("grpo.steps and output.save_every must be positive")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class ConfigError(ValueError):
    pass


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any], where: str) -> T:
    if not isinstance(data, dict):
        raise ConfigError(f"{where or 'config'}: expected a mapping, got {data!r}")
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ConfigError(f"{where or 'config'}: unknown keys {sorted(unknown)}")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        hint = hints[key]
        if dataclasses.is_dataclass(hint):
            kwargs[key] = _build(hint, value or {}, f"{where}.{key}".lstrip("."))  # type: ignore[arg-type]
        elif hint is float and isinstance(value, int | str) and not isinstance(value, bool):
            kwargs[key] = float(value)  # YAML reads 1e-5 as a string
        else:
            kwargs[key] = value
    return cls(**kwargs)


def presets_dir() -> Path:
    return repo_root() / "trainer" / "presets"


def preset_path(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    candidate = presets_dir() / f"{name_or_path}.yaml"
    if candidate.is_file():
        return candidate
    known = sorted(p.stem for p in presets_dir().glob("*.yaml"))
    raise ConfigError(f"unknown preset {name_or_path!r}; known: {known}")


def parse_override(text: str) -> tuple[list[str], Any]:
    """``grpo.steps=3`` -> (["grpo", "steps"], 3); the value is YAML."""
    if "=" not in text:
        raise ConfigError(f"override {text!r} is not of the form section.key=value")
    key, raw = text.split("=", 1)
    return key.strip().split("."), yaml.safe_load(raw)


def apply_override(data: dict[str, Any], path: list[str], value: Any) -> None:
    node = data
    for part in path[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"cannot set {'.'.join(path)}: {part} is not a section")
        node = child
    node[path[-1]] = value


def load_config(preset: str, overrides: list[str] | None = None) -> Config:
    data = yaml.safe_load(preset_path(preset).read_text(encoding="utf-8")) or {}
    for text in overrides or []:
        path, value = parse_override(text)
        apply_override(data, path, value)
    config = _build(Config, data, "")
    config.validate()
    return config


def main(argv: list[str] | None = None) -> int:
    """``python -m atlasgym_trainer.config PRESET [--set k=v ...]`` prints the resolved configuration as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="atlasgym_trainer.config", description=main.__doc__)
    parser.add_argument("preset")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    print(json.dumps(load_config(args.preset, args.set).to_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
