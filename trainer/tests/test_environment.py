"""Environment + reward plumbing against the in-test stub server (wire behaviour only)."""

from __future__ import annotations

import inspect
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from atlasgym_trainer.client import SessionClient, ToolSchema
from atlasgym_trainer.environment import TaskMismatchError, make_environment_class
from atlasgym_trainer.rewards import RolloutLog, final_answer, make_session_reward

from .conftest import StubReply

TOOLS = json.loads((Path(__file__).parent / "fixtures" / "tools_jira.json").read_text())
SYSTEM = {"role": "system", "content": "You act on Jira."}


def session_handler() -> Any:
    ids = itertools.count(1)

    def handle(method: str, path: str, body: Any) -> StubReply:
        if (method, path) == ("POST", "/sessions"):
            n = next(ids)
            return StubReply(
                200,
                {
                    "sessionId": f"s{n}",
                    "token": "t",
                    "taskId": f"{body['scenario']}/{body.get('seed')}",
                    "instruction": "Make OPS-1.",
                    "messages": [SYSTEM, {"role": "user", "content": "Make OPS-1."}],
                    "tools": TOOLS,
                },
            )
        if "/tools/" in path:
            return StubReply(200, {"content": f"echo {json.dumps(body, sort_keys=True)}", "status": 200})
        if path.endswith("/score"):
            return StubReply(200, {"reward": 0.75, "components": {"args": 0.5}, "failures": [{"label": "wrong_value"}]})
        if method == "DELETE":
            return StubReply(204, {})
        return StubReply(404, {"error": "?"})

    return handle


def env_class(url: str) -> Any:
    schemas = [ToolSchema.from_json(t) for t in TOOLS]
    return make_environment_class("jira-create-issue", schemas, lambda: SessionClient(url))


def row(seed: int = 5) -> dict[str, Any]:
    return {
        "prompt": [SYSTEM, {"role": "user", "content": ""}],
        "scenario": "jira-create-issue",
        "split": "train",
        "difficulty": 2,
        "seed": seed,
    }


def test_trl_sees_exactly_the_scenario_tools_as_public_methods(stub_server: Any) -> None:
    cls = env_class(stub_server(session_handler()).url)
    public = [name for name, _ in inspect.getmembers(cls, predicate=inspect.isfunction) if not name.startswith("_")]
    assert sorted(public) == ["jira_create_issue", "jira_get_myself", "jira_search", "reset"]


def test_episode_opens_calls_scores_and_closes(stub_server: Any) -> None:
    stub = stub_server(session_handler())
    env = env_class(stub.url)()
    assert env.reset(**row()) == "Make OPS-1."
    assert stub.requests[0].body == {
        "scenario": "jira-create-issue",
        "split": "train",
        "difficulty": 2,
        "seed": 5,
        "surface": "rest",
    }
    nested = {"project": {"key": "OPS"}, "summary": "x", "issuetype": {"name": "Bug"}}
    assert env.jira_create_issue(fields=nested) == 'echo {"fields": ' + json.dumps(nested, sort_keys=True) + "}"
    assert stub.requests[1].path == "/sessions/s1/tools/jira_create_issue"
    assert stub.requests[1].body == {"fields": nested}

    log = RolloutLog()
    reward = make_session_reward(log)
    completion = [
        {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "x"}}]},
        {"role": "tool", "name": "x", "content": "ok"},
        {"role": "assistant", "content": "Created OPS-1."},
    ]
    assert reward(prompts=[[]], completions=[completion], environments=[env]) == [0.75]
    assert stub.requests[2].body == {"answer": "Created OPS-1."}
    assert (stub.requests[3].method, stub.requests[3].path) == ("DELETE", "/sessions/s1")
    record = log.drain()[0]
    assert (record.scenario, record.reward, record.tool_calls) == ("jira-create-issue", 0.75, 1)
    assert record.failures == ["wrong_value"]
    assert record.components == {"args": 0.5}
    assert log.drain() == []


def test_reset_closes_the_previous_session(stub_server: Any) -> None:
    stub = stub_server(session_handler())
    env = env_class(stub.url)()
    env.reset(**row(1))
    env.reset(**row(2))
    methods = [(r.method, r.path) for r in stub.requests]
    assert methods == [("POST", "/sessions"), ("DELETE", "/sessions/s1"), ("POST", "/sessions")]


def test_a_prompt_that_differs_from_the_session_start_is_refused(stub_server: Any) -> None:
    env = env_class(stub_server(session_handler()).url)()
    bad = row()
    bad["prompt"] = [{"role": "system", "content": "another system prompt"}, {"role": "user", "content": ""}]
    with pytest.raises(TaskMismatchError):
        env.reset(**bad)


@pytest.mark.parametrize(
    ("completion", "answer"),
    [
        ([{"role": "assistant", "content": "Done."}], "Done."),
        ([{"role": "assistant", "content": "", "tool_calls": [{"type": "function"}]}], ""),
        ([{"role": "assistant", "content": "x"}, {"role": "tool", "content": "y"}], ""),
        ([], ""),
        ("plain text", "plain text"),
    ],
)
def test_final_answer(completion: Any, answer: str) -> None:
    assert final_answer(completion) == answer
