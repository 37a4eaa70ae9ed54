"""llama.cpp rollouts for the trainer: the live model's weights reach the worker, and its greedy tokens are HF's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch

from atlasgym_trainer.llama_rollouts import LlamaRollouts, RolloutWorkerError
from atlasgym_trainer.model import load_model

pytestmark = pytest.mark.slow

IM_END = 2


@pytest.fixture(scope="module")
def loaded() -> Any:
    return load_model("smollm2-gguf", dtype="float32")


@pytest.fixture
def rollouts() -> Iterator[LlamaRollouts]:
    backend = LlamaRollouts(sequences=2, context_size=1024, threads=2)
    yield backend
    backend.close()


def prompt_ids(tokenizer: Any, question: str) -> list[int]:
    messages = [{"role": "user", "content": question}]
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=False)
    return list(ids)


def test_greedy_rollouts_equal_transformers_greedy_tokens(loaded: Any, rollouts: LlamaRollouts) -> None:
    model, tokenizer = loaded.model, loaded.tokenizer
    prompt = prompt_ids(tokenizer, "What is the capital of France?")
    rollouts.sync(model, version=0)
    [completion] = rollouts.worker.generate(
        [prompt], max_tokens=12, temperature=0.0, top_p=1.0, top_k=0, seed=0, stop_tokens=[IM_END]
    )
    with torch.inference_mode():
        expected = model.generate(
            torch.tensor([prompt]), max_new_tokens=12, do_sample=False, eos_token_id=IM_END, pad_token_id=IM_END
        )[0, len(prompt) :].tolist()
    # f16 weights in llama.cpp vs fp32 here: the first tokens agree (a later near-tie may flip).
    assert completion.tokens[:6] == expected[:6]


def test_weights_are_synced_once_per_version(loaded: Any, rollouts: LlamaRollouts) -> None:
    model = loaded.model
    rollouts.sync(model, version=3)
    exported = rollouts.export_seconds
    rollouts.sync(model, version=3)
    assert rollouts.export_seconds == exported, "same version: no export, no reload"
    rollouts.sync(model, version=4)
    assert rollouts.loaded_version == 4
    assert [p.name for p in rollouts.scratch.glob("*.gguf")] == ["policy-4.gguf"], "older exports are removed"


def test_changed_weights_change_the_rollouts(loaded: Any, rollouts: LlamaRollouts) -> None:
    model, tokenizer = loaded.model, loaded.tokenizer
    prompt = prompt_ids(tokenizer, "Say hello.")
    options: dict[str, Any] = {
        "max_tokens": 8,
        "temperature": 0.0,
        "top_p": 1.0,
        "top_k": 0,
        "seed": 0,
        "stop_tokens": [IM_END],
    }
    rollouts.sync(model, version=0)
    before = rollouts.worker.generate([prompt], **options)[0].tokens
    original = model.lm_head.weight.detach().clone()
    try:
        with torch.no_grad():
            model.lm_head.weight[before[0]] -= 100.0  # the first greedy token can no longer win
        rollouts.sync(model, version=1)
        after = rollouts.worker.generate([prompt], **options)[0].tokens
    finally:
        with torch.no_grad():
            model.lm_head.weight.copy_(original)
    assert after[0] != before[0]


def test_worker_errors_are_raised(rollouts: LlamaRollouts) -> None:
    with pytest.raises(RolloutWorkerError, match="no model loaded"):
        rollouts.worker.generate([[1, 2]], max_tokens=2, temperature=0.0, top_p=1.0, top_k=0, seed=0, stop_tokens=[])
