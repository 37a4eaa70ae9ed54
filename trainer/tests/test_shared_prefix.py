"""The shared-prefix update pass equals TRL's own per-row computation (values and gradients)."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import Any

import pytest
import torch
from transformers import LlamaForCausalLM
from trl import GRPOTrainer  # type: ignore[attr-defined]
from trl.trainer.utils import add_fused_lm_head

from atlasgym_trainer.shared_prefix import group_rows_by_prefix, shared_prefix_logps

from .tiny_model import tiny_llama

PAD = 0
TEMPERATURE = 0.7


def tiny_model() -> LlamaForCausalLM:
    model = tiny_llama(97)
    add_fused_lm_head(model, temperature=TEMPERATURE, outputs=("log_probs", "entropy"))
    return model


def batch() -> tuple[torch.Tensor, torch.Tensor, int]:
    """Rows 0, 1 and 3 share prompt A; row 2 has a shorter, left-padded prompt B. Completions are right-padded."""
    prompt_a = [5, 6, 7, 8, 9, 10]
    prompt_b = [PAD, PAD, 11, 12, 13, 14]
    completions = [[20, 21, 22, 23, 24], [30, 31, 32, PAD, PAD], [40, 41, 42, 43, PAD], [50, 51, PAD, PAD, PAD]]
    prompts = [prompt_a, prompt_a, prompt_b, prompt_a]
    ids = torch.tensor([p + c for p, c in zip(prompts, completions, strict=True)])
    mask = (ids != PAD).long()
    return ids, mask, len(completions[0])


def trl_logps(model: Any, ids: torch.Tensor, mask: torch.Tensor, keep: int) -> tuple[torch.Tensor, torch.Tensor]:
    accelerator = SimpleNamespace(autocast=contextlib.nullcontext, is_main_process=True)
    fake_trainer = SimpleNamespace(accelerator=accelerator)
    logps, entropies, _ = GRPOTrainer._get_per_token_logps_and_entropies(
        fake_trainer, model, ids, mask, keep, compute_entropy=True
    )
    return logps, entropies


def test_rows_are_grouped_by_identical_prompt_ids_and_mask() -> None:
    ids, mask, keep = batch()
    assert group_rows_by_prefix(ids, mask, ids.size(1) - keep) == [[0, 1, 3], [2]]


def test_values_match_trl_per_row_computation() -> None:
    model = tiny_model()
    ids, mask, keep = batch()
    completion_mask = mask[:, -keep:].bool()
    with torch.no_grad():
        expected_logps, expected_entropy = trl_logps(model, ids, mask, keep)
        logps, entropy = shared_prefix_logps(model, ids, mask, keep, temperature=TEMPERATURE, compute_entropy=True)
    assert entropy is not None
    torch.testing.assert_close(logps[completion_mask], expected_logps[completion_mask], atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(entropy[completion_mask], expected_entropy[completion_mask], atol=1e-5, rtol=1e-5)


def test_gradients_match_trl_per_row_computation() -> None:
    ids, mask, keep = batch()
    completion_mask = mask[:, -keep:].float()
    weights = torch.linspace(-1.0, 1.0, ids.size(0)).unsqueeze(1)  # like advantages of mixed sign

    def gradients(use_shared: bool) -> dict[str, torch.Tensor]:
        model = tiny_model()
        if use_shared:
            logps, _ = shared_prefix_logps(model, ids, mask, keep, temperature=TEMPERATURE, compute_entropy=False)
        else:
            logps, _ = trl_logps(model, ids, mask, keep)
        (logps * weights * completion_mask).sum().backward()
        return {name: p.grad.clone() for name, p in model.named_parameters() if p.grad is not None}

    expected, actual = gradients(False), gradients(True)
    assert expected.keys() == actual.keys()
    for name in expected:
        torch.testing.assert_close(actual[name], expected[name], atol=1e-5, rtol=1e-4, msg=name)


def test_needs_a_prompt_token() -> None:
    model = tiny_model()
    ids, mask, _ = batch()
    with pytest.raises(ValueError):
        shared_prefix_logps(model, ids, mask, ids.size(1), temperature=TEMPERATURE, compute_entropy=False)
