"""Training tasks as a TRL dataset, and one environment class per tool set.

TRL renders each prompt before ``reset()`` runs and then appends the string ``reset()`` returns to
the last user message. So each row's prompt is the task's start messages, fetched once from the
server with a probe session, with the last user message emptied; ``reset()`` opens the same task
again (same scenario, split, difficulty and seed) and returns that message. Each GRPO group shares
one task, hence one start state.

TRL fixes a tool set per environment, so rows are routed (TRL's ``environment`` column) to one
environment class per distinct tool set, normally one per scenario.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from atlasgym_trainer.client import Session, SessionClient, TaskSpec, ToolSchema
from atlasgym_trainer.environment import AtlasEnvironment, make_environment_class


@dataclass(frozen=True)
class TaskRow:
    environment: str
    scenario: str
    split: str
    difficulty: int
    seed: int
    surface: str
    prompt: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "scenario": self.scenario,
            "split": self.split,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "surface": self.surface,
            "prompt": self.prompt,
        }


def toolset_key(scenario: str, tools: Sequence[ToolSchema]) -> str:
    digest = hashlib.sha256(json.dumps([t.to_json() for t in tools], sort_keys=True).encode()).hexdigest()
    return f"{scenario}@{digest[:10]}"


def prompt_from_session(session: Session) -> list[dict[str, str]]:
    *head, last = session.messages
    if last["role"] != "user":
        raise ValueError(f"task {session.task_id}: the start messages must end with a user message")
    return [*head, {"role": "user", "content": ""}]


@dataclass
class TaskSet:
    rows: list[TaskRow]
    tools: dict[str, list[ToolSchema]]  # environment key -> tool schemas
    scenarios: dict[str, str]  # environment key -> scenario

    def environment_factories(self, client_factory: Callable[[], SessionClient]) -> dict[str, type[AtlasEnvironment]]:
        return {
            key: make_environment_class(self.scenarios[key], tools, client_factory) for key, tools in self.tools.items()
        }


def probe_tasks(
    client: SessionClient,
    scenarios: Sequence[str],
    count: int,
    *,
    split: str = "train",
    difficulty: int = 1,
    surface: str = "rest",
    first_seed: int = 0,
) -> TaskSet:
    """``count`` tasks, scenarios interleaved, seeds ``first_seed, first_seed + 1, ...``."""
    if not scenarios:
        raise ValueError("no scenarios given (set env.scenarios in the preset or pass --scenario)")
    rows: list[TaskRow] = []
    tools: dict[str, list[ToolSchema]] = {}
    owners: dict[str, str] = {}
    for index in range(count):
        scenario = scenarios[index % len(scenarios)]
        seed = first_seed + index
        spec = TaskSpec(scenario=scenario, split=split, difficulty=difficulty, seed=seed, surface=surface)  # type: ignore[arg-type]
        session = client.open_session(spec)
        try:
            key = toolset_key(scenario, session.tools)
            tools.setdefault(key, list(session.tools))
            owners[key] = scenario
            rows.append(TaskRow(key, scenario, split, difficulty, seed, surface, prompt_from_session(session)))
        finally:
            client.delete_session(session.session_id)
    return TaskSet(rows=rows, tools=tools, scenarios=owners)
