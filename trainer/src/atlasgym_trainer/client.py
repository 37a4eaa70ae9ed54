"""HTTP client for the session API of `atlasgym serve` (issue 6).

The wire contract (JSON over HTTP):

- ``POST /sessions`` with a :class:`TaskSpec` opens a session on a fresh fork of the task's world.
- ``POST /sessions/{id}/tools/{name}`` with the JSON arguments runs one tool call.
- ``POST /sessions/{id}/score`` with ``{"answer": ...}`` scores the episode from its trace.
- ``GET /sessions/{id}/trace``, ``DELETE /sessions/{id}``, ``GET /health``.

Only transport-level problems raise; a tool call the emulator rejects is a normal
:class:`ToolResult` (the model must see the error and learn from it).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

import httpx

Split = Literal["train", "test"]
Surface = Literal["rest", "mcp"]


class SessionError(RuntimeError):
    """The env server could not be reached, or answered outside the contract."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class TaskSpec:
    """Which task a session runs: the body of ``POST /sessions``."""

    scenario: str
    split: Split = "train"
    difficulty: int = 1
    seed: int | None = None
    task_index: int | None = None
    surface: Surface = "rest"

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "scenario": self.scenario,
            "split": self.split,
            "difficulty": self.difficulty,
            "surface": self.surface,
        }
        if self.seed is not None:
            body["seed"] = self.seed
        if self.task_index is not None:
            body["taskIndex"] = self.task_index
        return body


@dataclass(frozen=True)
class ToolSchema:
    """One tool as the server describes it (OpenAI function-tool format)."""

    name: str
    description: str
    parameters: dict[str, Any]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ToolSchema:
        function = raw.get("function", raw)
        if not isinstance(function, Mapping) or not isinstance(function.get("name"), str):
            raise SessionError(f"malformed tool schema: {raw!r}")
        parameters = function.get("parameters") or {"type": "object", "properties": {}}
        if not isinstance(parameters, Mapping):
            raise SessionError(f"tool {function['name']!r}: parameters must be an object")
        return cls(
            name=function["name"],
            description=str(function.get("description") or ""),
            parameters=dict(parameters),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.parameters},
        }


@dataclass(frozen=True)
class Session:
    session_id: str
    token: str
    task_id: str
    instruction: str
    messages: list[dict[str, str]]
    tools: list[ToolSchema]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Session:
        try:
            messages = [{"role": str(m["role"]), "content": str(m["content"])} for m in raw["messages"]]
            return cls(
                session_id=str(raw["sessionId"]),
                token=str(raw.get("token", "")),
                task_id=str(raw["taskId"]),
                instruction=str(raw["instruction"]),
                messages=messages,
                tools=[ToolSchema.from_json(t) for t in raw["tools"]],
            )
        except (KeyError, TypeError) as exc:
            raise SessionError(f"malformed POST /sessions answer ({exc!r}): {raw!r}") from exc


@dataclass(frozen=True)
class ToolResult:
    content: str
    status: int | None
    error: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ToolResult:
        if "content" not in raw:
            raise SessionError(f"malformed tool result: {raw!r}")
        status = raw.get("status")
        error = raw.get("error")
        return cls(
            content=str(raw["content"]),
            status=int(status) if isinstance(status, int | float) else None,
            error=str(error) if error is not None else None,
        )

    def text(self) -> str:
        """What the model sees: the content, or the error when the server sent no content."""
        if self.content:
            return self.content
        return self.error or ""


@dataclass(frozen=True)
class Failure:
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Score:
    reward: float
    components: dict[str, float] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Score:
        try:
            reward = float(raw["reward"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SessionError(f"malformed score: {raw!r}") from exc
        if not 0.0 <= reward <= 1.0:
            raise SessionError(f"reward out of [0, 1]: {reward}")
        components = {str(k): float(v) for k, v in (raw.get("components") or {}).items()}
        failures = [
            Failure(label=str(f.get("label", "unknown")), detail=str(f.get("detail", "")))
            for f in raw.get("failures") or []
        ]
        return cls(reward=reward, components=components, failures=failures)


class SessionClient:
    """Synchronous client for one env server (or a load balancer sticky by session id)."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 60.0,
        max_retries: int = 5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.max_retries = max_retries
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SessionClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API -----------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._json(self._request("GET", "/health"))

    def open_session(self, spec: TaskSpec) -> Session:
        return Session.from_json(self._json(self._request("POST", "/sessions", json=spec.to_json())))

    def call_tool(self, session_id: str, name: str, arguments: Any) -> ToolResult:
        """Run one tool call. ``arguments`` goes on the wire unchanged, even when it is not an object."""
        path = f"/sessions/{quote(session_id, safe='')}/tools/{quote(name, safe='')}"
        response = self._request("POST", path, json=arguments, accept_error=True)
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, Mapping) and "content" in body:
            # Tool-level failures (unknown tool, bad arguments) come back as results, whatever the status.
            return ToolResult.from_json(body)
        raise SessionError(
            f"POST {path} answered {response.status_code} without a tool result: {response.text[:300]}",
            response.status_code,
        )

    def score(self, session_id: str, answer: str) -> Score:
        path = f"/sessions/{quote(session_id, safe='')}/score"
        return Score.from_json(self._json(self._request("POST", path, json={"answer": answer})))

    def trace(self, session_id: str) -> dict[str, Any]:
        return self._json(self._request("GET", f"/sessions/{quote(session_id, safe='')}/trace"))

    def delete_session(self, session_id: str) -> None:
        """Close a session; a session the server already forgot (404) counts as closed."""
        self._request("DELETE", f"/sessions/{quote(session_id, safe='')}", ok_statuses=(404,))

    # -- transport -----------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        accept_error: bool = False,
        ok_statuses: tuple[int, ...] = (),
    ) -> httpx.Response:
        attempt = 0
        while True:
            try:
                if json is None and method in ("GET", "DELETE"):
                    response = self._http.request(method, path)
                else:
                    response = self._http.request(method, path, json=json)
            except httpx.ConnectError as exc:
                # Nothing was sent: retrying cannot run an action twice.
                attempt += 1
                if attempt > self.max_retries:
                    raise SessionError(f"{method} {self.base_url}{path}: cannot connect ({exc})") from exc
                time.sleep(min(0.2 * 2.0**attempt, 5.0))
                continue
            except httpx.HTTPError as exc:
                raise SessionError(f"{method} {self.base_url}{path}: {exc!r}") from exc
            if response.status_code in (429, 503) and attempt < self.max_retries:
                # Live-session cap or overload: the server asks us to come back later.
                attempt += 1
                time.sleep(_retry_after_seconds(response, attempt))
                continue
            if response.is_success or response.status_code in ok_statuses or accept_error:
                return response
            raise SessionError(
                f"{method} {path} answered {response.status_code}: {response.text[:300]}", response.status_code
            )

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError as exc:
            raise SessionError(f"not JSON ({response.status_code}): {response.text[:300]}") from exc
        if not isinstance(body, dict):
            raise SessionError(f"expected a JSON object, got: {response.text[:300]}")
        return body


def _retry_after_seconds(response: httpx.Response, attempt: int) -> float:
    header = response.headers.get("retry-after")
    if header is not None:
        try:
            return max(0.0, min(float(header), 30.0))
        except ValueError:
            pass
    return min(0.2 * 2.0**attempt, 5.0)
