"""``AtlasGRPOTrainer``: TRL's GRPOTrainer with three atlasgym-specific adjustments.

1. Prompts show the env server's tool schemas verbatim (nested properties and all), exactly as the
   TypeScript policies render them, instead of the lossy schema transformers derives from type hints.
2. A tool call whose name the environment class does not define (a hallucinated tool, or a wire name
   that is not a Python identifier) is forwarded to the session anyway, so the server's trace, and
   so the reward, sees every call the model made.
3. Wall time is split per optimizer step into generation, environment, scoring, log-probabilities
   and update, and handed to the metrics logger.
4. The update pass runs each group's shared prompt once instead of once per rollout
   (``atlasgym_trainer.shared_prefix``), where that is exact: one process, text only, no activation
   checkpointing.
5. With a ``LlamaRollouts`` backend, every generation turn (the first and each one after tool
   results) runs on llama.cpp instead of HF ``generate`` (``atlasgym_trainer.llama_rollouts``); TRL's
   tool loop, masks and rewards are unchanged.

All five hook TRL 1.16 internals (``_env_tools``, ``_sync_tool_dicts``, ``_tool_call_loop``,
``_generate``, ``_generate_single_turn``, ``_generate_and_score_completions``,
``_get_per_token_logps_and_entropies``); the
pinned version is tested.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from trl import GRPOTrainer  # type: ignore[attr-defined]

from atlasgym_trainer.environment import AtlasEnvironment
from atlasgym_trainer.llama_rollouts import LlamaRollouts
from atlasgym_trainer.shared_prefix import shared_prefix_logps
from atlasgym_trainer.toolgen import SCHEMA_ATTR


@dataclass
class StepTimes:
    generate_and_score: float = 0.0  # all of TRL's rollout phase
    generate: float = 0.0  # generation including tool calls
    env_open: float = 0.0  # POST /sessions (reset)
    env_tools: float = 0.0  # tool calls (inside generation)
    scoring: float = 0.0  # reward functions (server scoring)
    weight_sync: float = 0.0  # exporting weights to the llama.cpp rollout worker (inside generation)

    def reset(self) -> None:
        self.generate_and_score = self.generate = self.env_open = self.env_tools = self.scoring = 0.0
        self.weight_sync = 0.0


class _ForwardingToolDict(dict[str, Any]):
    """Tool lookup that sends unknown names to the environment's session instead of failing locally."""

    def __init__(self, tools: dict[str, Any], environment: AtlasEnvironment) -> None:
        super().__init__(tools)
        self._environment = environment

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> Any:
        environment = self._environment

        def forward(**arguments: Any) -> str:
            return environment._forward_tool_call(name, arguments)

        return forward


class AtlasGRPOTrainer(GRPOTrainer):
    def __init__(
        self, *args: Any, shared_prefix: bool = True, llama_rollouts: LlamaRollouts | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.step_times = StepTimes()
        self._use_exact_tool_schemas()
        self.shared_prefix = shared_prefix and self._shared_prefix_is_exact()
        self.llama_rollouts = llama_rollouts
        self._turn_in_step = (-1, 0)  # (global step, generation calls in it): seeds llama.cpp sampling

    def _generate_single_turn(
        self,
        prompt_ids: Any,
        images: Any,
        multimodal_fields: Any,
        num_generations: int,
        has_tool_images: bool = False,
    ) -> Any:
        if self.llama_rollouts is None or any(images or []) or multimodal_fields:
            return super()._generate_single_turn(  # type: ignore[no-untyped-call]
                prompt_ids, images, multimodal_fields, num_generations, has_tool_images
            )
        step = self.state.global_step
        synced = self.llama_rollouts.export_seconds
        self.llama_rollouts.sync(self.accelerator.unwrap_model(self.model), step)
        self.step_times.weight_sync += self.llama_rollouts.export_seconds - synced
        turn = self._turn_in_step[1] + 1 if self._turn_in_step[0] == step else 0
        self._turn_in_step = (step, turn)
        # One prompt_ids entry per rollout (TRL repeats each prompt G times before this call), as in HF generate.
        completions = self.llama_rollouts.worker.generate(
            prompt_ids,
            max_tokens=self.max_completion_length or 256,
            temperature=self.temperature,
            top_p=self.top_p,
            top_k=self.top_k or 0,
            seed=(self.args.seed * 1_000_003 + step * 1009 + turn * 101 + self.accelerator.process_index) % 2**31,
            stop_tokens=self.eos_token_ids,
        )
        return [c.tokens for c in completions], None

    def _shared_prefix_is_exact(self) -> bool:
        # Under DDP the model must be called once per backward through its wrapper; activation
        # checkpointing drops the KV cache the shared pass relies on.
        model: Any = self.model
        name = (
            "is_activation_checkpointing"
            if hasattr(model, "is_activation_checkpointing")
            else "is_gradient_checkpointing"
        )
        return self.accelerator.num_processes == 1 and not getattr(model, name, False)

    def _get_per_token_logps_and_entropies(  # noqa: PLR0917 (TRL's signature)
        self,
        model: Any,
        input_ids: Any,
        attention_mask: Any,
        logits_to_keep: int,
        batch_size: int | None = None,
        compute_entropy: bool = False,
        compute_aux_loss: bool = False,
        **multimodal: Any,
    ) -> Any:
        if not self.shared_prefix or compute_aux_loss or any(v is not None for v in multimodal.values()):
            return super()._get_per_token_logps_and_entropies(
                model,
                input_ids,
                attention_mask,
                logits_to_keep,
                batch_size,
                compute_entropy,
                compute_aux_loss,
                **multimodal,
            )
        import torch

        chunk = batch_size or input_ids.size(0)
        logps, entropies = [], []
        for start in range(0, input_ids.size(0), chunk):
            rows = slice(start, start + chunk)
            with self.accelerator.autocast():
                part_logps, part_entropy = shared_prefix_logps(
                    model,
                    input_ids[rows],
                    attention_mask[rows],
                    logits_to_keep,
                    temperature=self.temperature,
                    compute_entropy=compute_entropy,
                )
            logps.append(part_logps)
            if part_entropy is not None:
                entropies.append(part_entropy)
        return torch.cat(logps), (torch.cat(entropies) if compute_entropy else None), None

    def _use_exact_tool_schemas(self) -> None:
        env_tools = getattr(self, "_env_tools", None)
        if not env_tools:
            return
        for name, tools in env_tools.items():
            env_tools[name] = [getattr(tool, SCHEMA_ATTR, tool) for tool in tools]

    def _tool_call_loop(self, prompts: Any, *args: Any, **kwargs: Any) -> Any:
        if self.environments:
            self._sync_tool_dicts = [
                _ForwardingToolDict(tools, environment) if isinstance(environment, AtlasEnvironment) else tools
                for tools, environment in zip(self._sync_tool_dicts, self.environments, strict=True)
            ]
        return super()._tool_call_loop(prompts, *args, **kwargs)  # type: ignore[no-untyped-call]

    def _generate(self, prompts: list[Any]) -> Any:
        started = time.perf_counter()
        try:
            return super()._generate(prompts)
        finally:
            self.step_times.generate += time.perf_counter() - started

    def _calculate_rewards(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return super()._calculate_rewards(*args, **kwargs)
        finally:
            self.step_times.scoring += time.perf_counter() - started

    def _generate_and_score_completions(self, inputs: Any) -> Any:
        started = time.perf_counter()
        try:
            return super()._generate_and_score_completions(inputs)
        finally:
            self.step_times.generate_and_score += time.perf_counter() - started
            environment: Any
            for environment in self.environments or []:
                if isinstance(environment, AtlasEnvironment):
                    self.step_times.env_open += environment.open_seconds
                    self.step_times.env_tools += environment.tool_seconds
