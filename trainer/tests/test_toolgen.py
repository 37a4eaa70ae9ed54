from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Union, get_type_hints

import pytest
from transformers.utils import get_json_schema

from atlasgym_trainer.client import ToolSchema
from atlasgym_trainer.toolgen import (
    SCHEMA_ATTR,
    annotation_for,
    describe_schema,
    generate_tool,
    generate_tools,
    python_identifier,
)

FIXTURES = Path(__file__).parent / "fixtures"


def schemas() -> list[ToolSchema]:
    return [ToolSchema.from_json(t) for t in json.loads((FIXTURES / "tools_jira.json").read_text())]


class Recorder:
    """Stands in for an environment: records what a generated method forwards."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _forward_tool_call(self, name: str, arguments: dict[str, Any]) -> str:
        self.calls.append((name, arguments))
        return f"called {name}"


def bind(function: Any, owner: Recorder) -> Any:
    return function.__get__(owner, Recorder)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, str),
        ({"type": "integer"}, int),
        ({"type": "number"}, float),
        ({"type": "boolean"}, bool),
        ({"type": "array", "items": {"type": "string"}}, list[str]),
        ({"type": "array"}, list[Any]),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, dict[str, Any]),
        ({"type": "string", "enum": ["a", "b"]}, Literal["a", "b"]),
        ({"type": ["string", "null"]}, Union[str, None]),  # noqa: UP007
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, Union[str, int]),  # noqa: UP007
        ({}, Any),
    ],
)
def test_annotation_for_maps_json_types(schema: dict[str, Any], expected: Any) -> None:
    assert annotation_for(schema) == expected


def test_python_identifier_handles_keywords_and_symbols() -> None:
    assert python_identifier("from") == "from_"
    assert python_identifier("jira.get-myself") == "jira_get_myself"
    assert python_identifier("2fa") == "_2fa"
    assert python_identifier("self") == "self_"


def test_nested_schema_description_keeps_structure() -> None:
    create = schemas()[0].parameters["properties"]["fields"]
    text = describe_schema(create)
    assert text.startswith("{project: {key: string}, summary: string, issuetype: {name: string}")
    assert 'priority?: {name?: "Highest" | "High" | "Medium" | "Low"}' in text
    assert "labels?: [string]" in text


def test_generated_method_has_typed_signature_and_google_docstring() -> None:
    tool = generate_tool(schemas()[1])
    hints = get_type_hints(tool.function)
    assert hints["jql"] is str
    assert hints["maxResults"] is int
    assert hints["fields"] == list[str]
    assert hints["from_"] is float
    assert hints["return"] is str
    doc = tool.function.__doc__ or ""
    assert doc.splitlines()[0] == "Search issues with JQL (GET /rest/api/3/search/jql). Returns one page."
    assert "    jql: A bounded JQL query." in doc
    assert "\nReturns:\n" in doc


def test_transformers_builds_the_prompt_schema_from_the_method() -> None:
    owner = Recorder()
    tool = generate_tool(schemas()[0])
    schema = get_json_schema(bind(tool.function, owner))["function"]
    assert schema["name"] == "jira_create_issue"
    assert schema["parameters"]["required"] == ["fields"]
    fields = schema["parameters"]["properties"]["fields"]
    assert fields["type"] == "object"
    # The nested shape survives through the docstring, since a type hint cannot carry it.
    assert "{project: {key: string}" in fields["description"]
    assert fields["description"].startswith("The issue fields. JSON {")
    # A description that looks like a docstring section is neutralised, not parsed as one.
    update = schema["parameters"]["properties"]["update"]
    assert update["description"].startswith("Update operations. Args - none needed.")


def test_nested_arguments_are_forwarded_unchanged() -> None:
    owner = Recorder()
    method = bind(generate_tool(schemas()[0]).function, owner)
    fields = {"project": {"key": "OPS"}, "summary": "Disk full", "issuetype": {"name": "Bug"}, "labels": ["a"]}
    assert method(fields=fields) == "called jira_create_issue"
    assert owner.calls == [("jira_create_issue", {"fields": fields})]


def test_renamed_parameters_go_back_to_wire_names_and_unknown_ones_pass_through() -> None:
    owner = Recorder()
    method = bind(generate_tool(schemas()[1]).function, owner)
    method(jql="project = OPS", from_=3, bogus={"x": 1})
    assert owner.calls == [("jira_search", {"jql": "project = OPS", "from": 3, "bogus": {"x": 1}})]


def test_exact_server_schema_is_attached() -> None:
    raw = json.loads((FIXTURES / "tools_jira.json").read_text())[0]
    assert getattr(generate_tool(schemas()[0]).function, SCHEMA_ATTR) == raw


def test_non_identifier_tool_names_keep_their_wire_name() -> None:
    owner = Recorder()
    tool = generate_tools(schemas())[2]
    assert tool.python_name == "jira_get_myself"
    bind(tool.function, owner)()
    assert owner.calls == [("jira.get-myself", {})]


def test_colliding_tool_names_are_rejected() -> None:
    a = ToolSchema(name="a-b", description="x", parameters={"type": "object", "properties": {}})
    b = ToolSchema(name="a.b", description="y", parameters={"type": "object", "properties": {}})
    with pytest.raises(ValueError, match="collide"):
        generate_tools([a, b])
