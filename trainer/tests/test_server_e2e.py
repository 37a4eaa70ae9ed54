"""The client, tool generation and environments against a real `atlasgym serve`."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest
from transformers.utils import get_json_schema

from atlasgym_trainer.client import SessionClient, SessionError, TaskSpec
from atlasgym_trainer.environment import make_environment_class
from atlasgym_trainer.rewards import RolloutLog, make_session_reward
from atlasgym_trainer.tasks import probe_tasks
from atlasgym_trainer.toolgen import python_identifier

SCENARIOS = ["jira-create-issue", "jira-transition-issue", "confluence-create-page", "read-then-write", "labels"]


@pytest.fixture
def client(atlasgym_server: str) -> Any:
    with SessionClient(atlasgym_server) as c:
        yield c


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_scenario_opens_and_its_tools_become_typed_methods(client: SessionClient, scenario: str) -> None:
    session = client.open_session(TaskSpec(scenario, "train", 2, seed=11))
    try:
        assert session.messages[-1]["role"] == "user"
        assert session.tools
        cls = make_environment_class(scenario, session.tools, lambda: client)
        env = cls()
        for tool in session.tools:
            method = getattr(env, tool.name)
            schema = get_json_schema(method)["function"]
            assert schema["name"] == tool.name
            wire = tool.parameters.get("properties", {})
            assert set(schema["parameters"]["properties"]) == {python_identifier(name) for name in wire}
            assert inspect.signature(method).return_annotation is str
    finally:
        client.delete_session(session.session_id)


def test_same_seed_same_task(client: SessionClient) -> None:
    spec = TaskSpec("labels", "test", 1, seed=5)
    a, b = client.open_session(spec), client.open_session(spec)
    assert (a.task_id, a.messages, [t.to_json() for t in a.tools]) == (
        b.task_id,
        b.messages,
        [t.to_json() for t in b.tools],
    )
    assert a.session_id != b.session_id
    client.delete_session(a.session_id)
    client.delete_session(b.session_id)


def test_an_episode_through_the_environment_is_scored_by_the_server(atlasgym_server: str) -> None:
    client = SessionClient(atlasgym_server)
    tasks = probe_tasks(client, ["jira-create-issue"], 1, difficulty=1, first_seed=3)
    ((key, _),) = tasks.tools.items()
    env = tasks.environment_factories(lambda: client)[key]()
    row = tasks.rows[0].to_dict()
    instruction = env.reset(**{k: v for k, v in row.items() if k != "environment"})
    assert instruction and row["prompt"][-1]["content"] == ""
    session_id = env.session.session_id
    # A read with a nested/unknown argument and a call to a tool the scenario does not have both reach the trace.
    listing = env.jira_search_projects()
    assert listing.strip()
    unknown = env._forward_tool_call("jira_delete_everything", {"really": True})
    assert unknown
    trace = client.trace(session_id)
    assert "jira_delete_everything" in str(trace)
    log = RolloutLog()
    rewards = make_session_reward(log)(
        prompts=[row["prompt"]], environments=[env], completions=[[{"role": "assistant", "content": "Done."}]]
    )
    assert 0.0 <= rewards[0] < 1.0  # no issue was created: the server must not pay full reward
    record = log.drain()[0]
    assert record.scenario == "jira-create-issue"
    assert record.failures  # the server names why reward was lost
    assert record.tool_calls == 2
    # The session is closed after scoring.
    assert httpx.get(f"{atlasgym_server}/sessions/{session_id}").status_code == 404
    with pytest.raises(SessionError):
        client.score(session_id, "again")
    client.close()
