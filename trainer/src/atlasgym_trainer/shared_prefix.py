"""Log-probabilities of GRPO rollouts with the prompt computed once per group.

The G rollouts of a GRPO group share their prompt token for token. TRL runs the model over
``prompt + completion`` for every rollout, so on the CPU presets (prompts of about 1,000 tokens,
completions of a few hundred) most of the update pass is spent re-encoding the same prompt G times,
and projecting every prompt position through the LM head only to mask it out.

Here the rows of a micro-batch are grouped by identical prompt (ids and mask). Each group runs the
prompt once, keeping its KV cache in the autograd graph, repeats that cache across the group's rows,
and then runs only the completions on top of it. Gradients flow back through the shared cache, so
the loss and its gradient are those of the unshared computation, up to float rounding (tested).

Positions are unchanged: the unshared forward numbers positions 0..L-1 including left padding, and
the cached forward continues at the prompt's length, so both use the same rotary positions.
"""

from __future__ import annotations

from typing import Any

import torch
from trl.trainer.utils import selective_log_softmax_and_entropy


def group_rows_by_prefix(input_ids: torch.Tensor, attention_mask: torch.Tensor, prefix_len: int) -> list[list[int]]:
    """Row indices grouped by identical first ``prefix_len`` ids and mask, in first-seen order."""
    groups: dict[bytes, list[int]] = {}
    ids = input_ids[:, :prefix_len].cpu()
    mask = attention_mask[:, :prefix_len].cpu()
    for row in range(input_ids.size(0)):
        key = ids[row].numpy().tobytes() + b"|" + mask[row].numpy().tobytes()
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def _repeat_cache(cache: Any, repeats: int) -> Any:
    """Repeat a one-row KV cache across ``repeats`` rows (differentiably: the copies share gradients)."""
    if repeats > 1:
        for layer in cache.layers:
            layer.batch_repeat_interleave(repeats)
    return cache


def shared_prefix_logps(
    model: torch.nn.Module,
    input_ids: torch.Tensor,
    attention_mask: torch.Tensor,
    logits_to_keep: int,
    *,
    temperature: float,
    compute_entropy: bool,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Per-token log-probabilities (and entropies) of the last ``logits_to_keep`` tokens of each row.

    Same contract as TRL's ``_get_per_token_logps_and_entropies`` for text-only models: position t of
    the result scores token ``input_ids[:, -logits_to_keep + t]`` given everything before it.
    """
    batch, length = input_ids.shape
    prefix_len = length - logits_to_keep
    if prefix_len < 1:
        raise ValueError("shared_prefix_logps needs at least one prompt token")
    logps_parts: list[tuple[list[int], torch.Tensor, torch.Tensor | None]] = []
    for rows in group_rows_by_prefix(input_ids, attention_mask, prefix_len):
        index = torch.tensor(rows, device=input_ids.device)
        prefix = model(
            input_ids=input_ids[rows[:1], :prefix_len],
            attention_mask=attention_mask[rows[:1], :prefix_len],
            use_cache=True,
            logits_to_keep=1,  # only the last prompt position predicts a completion token
        )
        cache = _repeat_cache(prefix.past_key_values, len(rows))
        completion_ids = input_ids[index, prefix_len:]
        suffix = model(
            input_ids=completion_ids,
            attention_mask=attention_mask[index],
            past_key_values=cache,
            use_cache=True,
        )
        # Logits that predict completion token t: the prompt's last position for t = 0, else suffix t-1.
        logits = torch.cat([prefix.logits.expand(len(rows), -1, -1), suffix.logits[:, :-1]], dim=1)
        row_mask = attention_mask[index, prefix_len:]
        group_logps, group_entropy = selective_log_softmax_and_entropy(
            logits.float(), completion_ids, temperature=temperature, row_mask=row_mask
        )
        logps_parts.append((rows, group_logps, group_entropy if compute_entropy else None))
    # Scatter back into row order without in-place writes on tensors autograd needs.
    order = [row for rows, _, _ in logps_parts for row in rows]
    inverse = torch.empty(batch, dtype=torch.long)
    inverse[torch.tensor(order)] = torch.arange(batch)
    inverse = inverse.to(input_ids.device)
    logps = torch.cat([part for _, part, _ in logps_parts], dim=0)[inverse]
    entropies = None
    if compute_entropy:
        entropies = torch.cat([part for _, _, part in logps_parts if part is not None], dim=0)[inverse]
    return logps, entropies
