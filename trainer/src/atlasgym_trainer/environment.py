"""TRL environments backed by env-server sessions.

One environment class is generated per scenario (each scenario exposes its own tool subset). An
instance holds at most one live session: ``reset`` opens it (``POST /sessions``) and returns the
task's user message, the generated tool methods forward to ``POST /sessions/{id}/tools/{name}``,
and :meth:`AtlasEnvironment._score` ends the episode with the policy's final answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from atlasgym_trainer.client import Score, Session, SessionClient, TaskSpec, ToolSchema
from atlasgym_trainer.toolgen import generate_tools, python_identifier


class TaskMismatchError(RuntimeError):
    """The server opened a task whose start differs from the prompt the trainer rendered for it."""


class AtlasEnvironment:
    """Base class; :func:`make_environment_class` adds one method per tool of a scenario.

    TRL exposes every public function of the class as a tool (except ``reset`` and ``get_reward``),
    so everything that is not a tool here is private.
    """

    scenario: ClassVar[str] = ""
    tool_schemas: ClassVar[tuple[ToolSchema, ...]] = ()
    _client_factory: ClassVar[Callable[[], SessionClient]]

    def __init__(self) -> None:
        self._client = type(self)._client_factory()
        self.session: Session | None = None
        self.spec: TaskSpec | None = None
        self.result: Score | None = None
        self.tool_calls = 0
        self.open_seconds = 0.0  # wall time of POST /sessions, this episode
        self.tool_seconds = 0.0  # wall time of the tool calls, this episode
        self.score_seconds = 0.0

    # TRL calls reset(**row) with the dataset row (minus the routing column `environment`).
    def reset(self, **row: Any) -> str:
        self._close()
        self.result = None
        self.tool_calls = 0
        self.open_seconds = 0.0
        self.tool_seconds = 0.0
        self.score_seconds = 0.0
        self.spec = task_spec_from_row(row, default_scenario=type(self).scenario)
        started = time.perf_counter()
        session = self._client.open_session(self.spec)
        self.open_seconds += time.perf_counter() - started
        self.session = session
        check_session_matches(session, row.get("prompt"), type(self).tool_schemas)
        return session.messages[-1]["content"]

    def _forward_tool_call(self, name: str, arguments: dict[str, Any]) -> str:
        if self.session is None:
            raise RuntimeError("tool call before reset(): no session is open")
        self.tool_calls += 1
        started = time.perf_counter()
        try:
            result = self._client.call_tool(self.session.session_id, name, arguments)
        finally:
            self.tool_seconds += time.perf_counter() - started
        return result.text()

    def _score(self, answer: str) -> Score:
        """Score the episode once (the server scores the trace); later calls return the same result."""
        if self.result is not None:
            return self.result
        if self.session is None:
            raise RuntimeError("score() before reset(): no session is open")
        started = time.perf_counter()
        self.result = self._client.score(self.session.session_id, answer)
        self.score_seconds += time.perf_counter() - started
        self._close()
        return self.result

    def _close(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            self._client.delete_session(session.session_id)


def task_spec_from_row(row: dict[str, Any], default_scenario: str) -> TaskSpec:
    def optional_int(key: str) -> int | None:
        value = row.get(key)
        return None if value is None else int(value)

    return TaskSpec(
        scenario=str(row.get("scenario") or default_scenario),
        split=row.get("split", "train"),
        difficulty=int(row.get("difficulty", 1)),
        seed=optional_int("seed"),
        task_index=optional_int("task_index"),
        surface=row.get("surface", "rest"),
    )


def check_session_matches(
    session: Session, prompt: Sequence[dict[str, Any]] | None, schemas: Sequence[ToolSchema]
) -> None:
    """The rendered prompt (built from a probe of the same task) must be the session's own start."""
    if not session.messages or session.messages[-1]["role"] != "user":
        raise TaskMismatchError(f"session {session.session_id}: messages must end with a user message")
    if prompt is not None:
        expected = [{"role": m["role"], "content": m["content"]} for m in prompt[:-1]]
        if expected != session.messages[:-1]:
            raise TaskMismatchError(
                f"task {session.task_id}: the server's start messages differ from the dataset prompt; "
                "tasks must be deterministic for a given (scenario, split, difficulty, seed)"
            )
    if schemas and {t.name for t in session.tools} != {t.name for t in schemas}:
        raise TaskMismatchError(
            f"task {session.task_id}: tools {sorted(t.name for t in session.tools)} differ from the "
            f"scenario's tools {sorted(t.name for t in schemas)}"
        )


def make_environment_class(
    scenario: str, schemas: Sequence[ToolSchema], client_factory: Callable[[], SessionClient]
) -> type[AtlasEnvironment]:
    """A subclass of :class:`AtlasEnvironment` whose public methods are the scenario's tools."""
    namespace: dict[str, Any] = {
        "scenario": scenario,
        "tool_schemas": tuple(schemas),
        "_client_factory": staticmethod(client_factory),
    }
    reserved = {"reset", "get_reward"}
    for tool in generate_tools(list(schemas)):
        if tool.python_name in reserved or hasattr(AtlasEnvironment, tool.python_name):
            raise ValueError(f"tool name {tool.wire_name!r} collides with an environment method")
        namespace[tool.python_name] = tool.function
    class_name = "Env_" + python_identifier(scenario)
    return type(class_name, (AtlasEnvironment,), namespace)
