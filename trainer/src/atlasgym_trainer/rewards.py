"""The GRPO reward: the env server's score of each rollout's session.

TRL calls reward functions with the rollouts' ``completions`` (message lists) and their
``environments``. The final answer is the last assistant message that is not a tool call; the
server replays the session's trace and scores it against the task's goal. Every rollout's result
also goes to a :class:`RolloutLog` for per-scenario logging.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from atlasgym_trainer.environment import AtlasEnvironment


@dataclass(frozen=True)
class RolloutRecord:
    scenario: str
    reward: float
    components: dict[str, float]
    failures: list[str]
    tool_calls: int
    env_seconds: float
    score_seconds: float
    # The rollout as TRL parsed it (assistant and tool messages), for the run's rollouts.jsonl.
    completion: Any = None


@dataclass
class RolloutLog:
    """Rollout results gathered between two log points (thread-safe)."""

    records: list[RolloutRecord] = field(default_factory=list)
    _lock: Lock = field(default_factory=Lock)

    def add(self, record: RolloutRecord) -> None:
        with self._lock:
            self.records.append(record)

    def drain(self) -> list[RolloutRecord]:
        with self._lock:
            records, self.records = self.records, []
        return records


def final_answer(completion: Sequence[dict[str, Any]] | str) -> str:
    """The policy's final answer: the trailing assistant message, if it is not a tool call."""
    if isinstance(completion, str):
        return completion
    if not completion:
        return ""
    last = completion[-1]
    if last.get("role") != "assistant" or last.get("tool_calls"):
        return ""  # the rollout stopped inside a tool exchange (budget or length): no answer
    content = last.get("content") or ""
    if isinstance(content, list):  # multimodal-style content blocks
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def make_session_reward(log: RolloutLog | None = None) -> Callable[..., list[float]]:
    """A TRL reward function that scores every rollout through its session."""

    def atlasgym_reward(
        prompts: Sequence[Any],
        completions: Sequence[Any],
        environments: Sequence[AtlasEnvironment] | None = None,
        **_: Any,
    ) -> list[float]:
        if environments is None:
            raise ValueError("atlasgym_reward needs TRL's environment_factory (no environments were passed)")
        rewards: list[float] = []
        for completion, environment in zip(completions, environments, strict=True):
            started = time.perf_counter()
            score = environment._score(final_answer(completion))
            if log is not None:
                log.add(
                    RolloutRecord(
                        scenario=type(environment).scenario,
                        reward=score.reward,
                        components=dict(score.components),
                        failures=[f.label for f in score.failures],
                        tool_calls=environment.tool_calls,
                        env_seconds=environment.open_seconds + environment.tool_seconds,
                        score_seconds=time.perf_counter() - started,
                        completion=completion,
                    )
                )
            rewards.append(score.reward)
        return rewards

    return atlasgym_reward
