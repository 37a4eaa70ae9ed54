"""Wire handling of SessionClient against the in-test stub server (see conftest.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from atlasgym_trainer.client import SessionClient, SessionError, TaskSpec

from .conftest import StubReply

TOOLS = json.loads((Path(__file__).parent / "fixtures" / "tools_jira.json").read_text())

SESSION = {
    "sessionId": "s/1 x",
    "token": "tok",
    "taskId": "jira-create-issue/train/3",
    "instruction": "Create a bug.",
    "messages": [{"role": "system", "content": "You act on Jira."}, {"role": "user", "content": "Create a bug."}],
    "tools": TOOLS,
}


def test_open_session_sends_the_task_spec_and_parses_the_answer(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(200, SESSION))
    with SessionClient(stub.url) as client:
        session = client.open_session(TaskSpec("jira-create-issue", "test", 2, seed=7, surface="mcp"))
    request = stub.requests[0]
    assert (request.method, request.path) == ("POST", "/sessions")
    assert request.body == {
        "scenario": "jira-create-issue",
        "split": "test",
        "difficulty": 2,
        "seed": 7,
        "surface": "mcp",
    }
    assert session.session_id == "s/1 x"
    assert session.messages[-1] == {"role": "user", "content": "Create a bug."}
    assert [t.name for t in session.tools] == ["jira_create_issue", "jira_search", "jira.get-myself"]
    assert session.tools[0].parameters["required"] == ["fields"]


def test_task_index_is_sent_as_camel_case() -> None:
    assert TaskSpec("x", task_index=4).to_json() == {
        "scenario": "x",
        "split": "train",
        "difficulty": 1,
        "surface": "rest",
        "taskIndex": 4,
    }


def test_tool_call_posts_raw_arguments_to_the_quoted_path(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(200, {"content": '{"key":"OPS-1"}', "status": 201}))
    arguments = {"fields": {"project": {"key": "OPS"}, "labels": ["a", "b"]}}
    with SessionClient(stub.url) as client:
        result = client.call_tool("s/1 x", "jira.get-myself", arguments)
    assert stub.requests[0].path == "/sessions/s%2F1%20x/tools/jira.get-myself"
    assert stub.requests[0].body == arguments
    assert (result.content, result.status, result.error) == ('{"key":"OPS-1"}', 201, None)


def test_tool_level_errors_are_results_not_exceptions(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(404, {"content": "", "status": None, "error": "unknown tool x"}))
    with SessionClient(stub.url) as client:
        result = client.call_tool("s1", "x", {})
    assert result.status is None
    assert result.text() == "unknown tool x"


def test_non_contract_answers_raise(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(404, {"error": "no such session"}))
    with SessionClient(stub.url) as client, pytest.raises(SessionError) as info:
        client.call_tool("gone", "x", {})
    assert info.value.status == 404


def test_score_parses_reward_components_and_failures(stub_server: Any) -> None:
    answer = {
        "reward": 0.4,
        "components": {"validity": 1, "args": 0.25},
        "failures": [{"label": "wrong_value", "detail": "priority"}, {"label": "premature_stop"}],
    }
    stub = stub_server(lambda m, p, b: StubReply(200, answer))
    with SessionClient(stub.url) as client:
        score = client.score("s1", "Done: OPS-1")
    assert stub.requests[0].path == "/sessions/s1/score"
    assert stub.requests[0].body == {"answer": "Done: OPS-1"}
    assert score.reward == pytest.approx(0.4)
    assert score.components == {"validity": 1.0, "args": 0.25}
    assert [(f.label, f.detail) for f in score.failures] == [("wrong_value", "priority"), ("premature_stop", "")]


def test_out_of_range_reward_is_rejected(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(200, {"reward": 1.5}))
    with SessionClient(stub.url) as client, pytest.raises(SessionError, match="out of"):
        client.score("s1", "")


def test_429_is_retried_after_the_advertised_delay(stub_server: Any) -> None:
    replies = [StubReply(429, {"error": "cap"}, {"Retry-After": "0.3"}), StubReply(200, SESSION)]
    stub = stub_server(lambda m, p, b: replies.pop(0))
    started = time.perf_counter()
    with SessionClient(stub.url) as client:
        session = client.open_session(TaskSpec("jira-create-issue"))
    assert time.perf_counter() - started >= 0.3
    assert session.task_id == "jira-create-issue/train/3"
    assert len(stub.requests) == 2


def test_429_gives_up_after_max_retries(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(429, {"error": "cap"}, {"Retry-After": "0"}))
    with SessionClient(stub.url, max_retries=2) as client, pytest.raises(SessionError) as info:
        client.open_session(TaskSpec("x"))
    assert info.value.status == 429
    assert len(stub.requests) == 3


def test_delete_tolerates_an_expired_session(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(404, {"error": "expired"}))
    with SessionClient(stub.url) as client:
        client.delete_session("s1")
    assert (stub.requests[0].method, stub.requests[0].path) == ("DELETE", "/sessions/s1")


def test_trace_and_health(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(200, {"ok": True, "path": p}))
    with SessionClient(stub.url) as client:
        assert client.health() == {"ok": True, "path": "/health"}
        assert client.trace("s1") == {"ok": True, "path": "/sessions/s1/trace"}


def test_malformed_session_answer_raises(stub_server: Any) -> None:
    stub = stub_server(lambda m, p, b: StubReply(200, {"sessionId": "x"}))
    with SessionClient(stub.url) as client, pytest.raises(SessionError, match="malformed"):
        client.open_session(TaskSpec("x"))


def test_unreachable_server_raises_after_retries() -> None:
    with SessionClient("http://127.0.0.1:9", max_retries=1) as client, pytest.raises(SessionError, match="connect"):
        client.health()
