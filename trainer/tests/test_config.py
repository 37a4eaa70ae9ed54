from __future__ import annotations

from pathlib import Path

import pytest

from atlasgym_trainer.config import ConfigError, load_config, presets_dir
from atlasgym_trainer.train import flag_overrides, grpo_arguments, parse_args

PRESETS = sorted(p.stem for p in presets_dir().glob("*.yaml"))


def test_all_four_presets_exist() -> None:
    assert {"quick", "cpu-tiny", "gpu-qwen3-1.7b", "gpu-qwen3.5-4b"} <= set(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_loads_and_validates(name: str) -> None:
    config = load_config(name)
    assert config.name == name
    assert config.env.scenarios
    g = config.grpo
    assert (g.prompts_per_step * g.num_generations) % g.micro_batch == 0


def test_overrides_are_typed_by_yaml_and_nested() -> None:
    config = load_config(
        "quick",
        [
            "grpo.steps=3",
            "grpo.learning_rate=2e-5",
            "model.lora.r=4",
            "env.scenarios=[labels]",
            "model.lora.enabled=false",
        ],
    )
    assert config.grpo.steps == 3
    assert config.grpo.learning_rate == pytest.approx(2e-5)
    assert config.model.lora.r == 4
    assert config.model.lora.enabled is False
    assert config.env.scenarios == ["labels"]


def test_unknown_keys_and_bad_values_are_errors() -> None:
    with pytest.raises(ConfigError, match="unknown keys"):
        load_config("quick", ["grpo.stpes=3"])
    with pytest.raises(ConfigError, match="micro_batch"):
        load_config("quick", ["grpo.micro_batch=3"])
    with pytest.raises(ConfigError, match="num_generations"):
        load_config("quick", ["grpo.num_generations=1"])
    with pytest.raises(ConfigError, match="unknown preset"):
        load_config("no-such-preset")
    with pytest.raises(ConfigError, match=r"section\.key=value"):
        load_config("quick", ["steps"])
    with pytest.raises(ConfigError, match=r"transformers or llama\.cpp"):
        load_config("quick", ["grpo.generation=vllm"])
    with pytest.raises(ConfigError, match="turn LoRA and vLLM off"):
        load_config("quick", ["model.lora.enabled=true"])
    assert load_config("quick", ["model.lora.enabled=true", "grpo.generation=transformers"]).model.lora.enabled


def test_a_preset_file_path_works(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nenv: {scenarios: [labels]}\ngrpo: {steps: 2, micro_batch: 2}\n")
    config = load_config(str(path))
    assert (config.name, config.grpo.steps, config.grpo.num_generations) == ("mine", 2, 4)


def test_flags_become_overrides() -> None:
    args = parse_args(
        [
            "--preset",
            "quick",
            "--out",
            "x",
            "--steps",
            "5",
            "--server",
            "http://h:1",
            "--scenario",
            "labels,jira-create-issue",
            "--set",
            "grpo.beta=0.01",
        ]
    )
    config = load_config(args.preset, flag_overrides(args))
    assert config.grpo.steps == 5
    assert config.env.server == "http://h:1"
    assert config.env.scenarios == ["labels", "jira-create-issue"]
    assert config.grpo.beta == pytest.approx(0.01)


def test_grpo_arguments_make_one_generation_batch_per_optimizer_step(tmp_path: Path) -> None:
    config = load_config("quick", ["grpo.prompts_per_step=2", "grpo.num_generations=4", "grpo.micro_batch=2"])
    args = grpo_arguments(config, tmp_path)
    assert args.per_device_train_batch_size * args.gradient_accumulation_steps == 8
    assert args.steps_per_generation == args.gradient_accumulation_steps
    assert args.generation_batch_size == 8
    assert args.num_generations == 4
    assert args.save_steps == config.output.save_every
    assert args.logging_steps == 1
    assert args.gradient_checkpointing is False  # TRL's default (True) would recompute every forward pass
    assert grpo_arguments(load_config("gpu-qwen3-1.7b"), tmp_path).gradient_checkpointing is True
