"""The shared chat template on the Python side, and its token-id parity with the TypeScript renderer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from trl.chat_template_utils import is_chat_template_prefix_preserving, parse_response, supports_tool_calling

from atlasgym_trainer.chat_template import repo_root, shared_template_path

FIXTURE = Path(__file__).parent / "fixtures" / "conversation.json"
RENDERER = repo_root() / "scripts" / "render-prompt.ts"


def to_hf(conversation: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The fixture (atlasgym's message format, as the TypeScript side stores it) in transformers' form."""

    def arguments(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            return text  # shown as the raw string the model wrote

    messages: list[dict[str, Any]] = []
    for m in conversation["messages"]:
        if m["role"] == "assistant" and m.get("toolCalls"):
            calls = [
                {
                    "type": "function",
                    "id": c["id"],
                    "function": {"name": c["name"], "arguments": arguments(c["argumentsText"])},
                }
                for c in m["toolCalls"]
            ]
            messages.append({"role": "assistant", "content": m["content"], "tool_calls": calls})
        elif m["role"] == "tool":
            messages.append(
                {"role": "tool", "tool_call_id": m["toolCallId"], "name": m["name"], "content": m["content"]}
            )
        else:
            messages.append({"role": m["role"], "content": m["content"]})
    tools = [
        {
            "type": "function",
            "function": {"name": t["name"], "description": t["description"], "parameters": t["parameters"]},
        }
        for t in conversation["tools"]
    ]
    return messages, tools


def python_ids(tokenizer: Any) -> list[int]:
    messages, tools = to_hf(json.loads(FIXTURE.read_text()))
    return list(
        tokenizer.apply_chat_template(
            messages, tools=tools, add_generation_prompt=True, tokenize=True, return_dict=False
        )
    )


def test_the_shared_template_is_the_one_attached(smollm2_tokenizer: Any) -> None:
    if shared_template_path().is_file():
        assert smollm2_tokenizer.chat_template == shared_template_path().read_text(encoding="utf-8")
    assert supports_tool_calling(smollm2_tokenizer)
    assert is_chat_template_prefix_preserving(smollm2_tokenizer)
    assert smollm2_tokenizer.padding_side == "left"


def test_rendering_keeps_tools_nested_arguments_and_unicode(smollm2_tokenizer: Any) -> None:
    messages, tools = to_hf(json.loads(FIXTURE.read_text()))
    text = smollm2_tokenizer.apply_chat_template(messages, tools=tools, add_generation_prompt=True, tokenize=False)
    assert text.startswith("<|im_start|>system\nYou operate a Jira Cloud site")
    assert '"required": ["issueIdOrKey", "transition"]' in text
    assert '"text": "Duplicate of SUP-9 — per Zoë"' in text  # no ASCII escaping
    assert '"arguments": "{not json"' in text
    assert text.count("<tool_response>") == 3
    assert text.endswith("<|im_start|>assistant\n")
    assert smollm2_tokenizer.decode(python_ids(smollm2_tokenizer)) == text


def test_generated_tool_calls_parse_back_with_nested_arguments(smollm2_tokenizer: Any) -> None:
    messages, tools = to_hf(json.loads(FIXTURE.read_text()))
    prompt = smollm2_tokenizer.apply_chat_template(
        messages[:2], tools=tools, add_generation_prompt=True, tokenize=True, return_dict=False
    )
    call = {"issueIdOrKey": "SUP-12", "transition": {"id": "31"}, "fields": {"resolution": {"name": "Done"}}}
    text = f'<tool_call>\n{{"name": "jira_transition_issue", "arguments": {json.dumps(call)}}}\n</tool_call><|im_end|>'
    ids = smollm2_tokenizer(text, add_special_tokens=False)["input_ids"]
    parsed = parse_response(smollm2_tokenizer, ids, prefix=list(prompt), tools=tools)
    assert parsed["tool_calls"] == [
        {"type": "function", "function": {"name": "jira_transition_issue", "arguments": call}}
    ]


def typescript_render(*options: str) -> str:
    npx = shutil.which("npx")
    if not RENDERER.is_file() or npx is None:
        pytest.skip(f"TypeScript renderer {RENDERER.relative_to(repo_root())} does not exist yet")
    command = [npx, "tsx", str(RENDERER), *options, str(FIXTURE)]
    proc = subprocess.run(command, cwd=repo_root(), capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_both_sides_build_the_same_template_conversation() -> None:
    typescript = json.loads(typescript_render("--print", "hf"))
    messages, tools = to_hf(json.loads(FIXTURE.read_text()))
    assert typescript["tools"] == tools
    assert typescript["messages"] == messages


def test_token_ids_match_the_typescript_renderer(smollm2_tokenizer: Any) -> None:
    text = json.loads(typescript_render("--print", "json"))
    expected = python_ids(smollm2_tokenizer)
    assert smollm2_tokenizer.decode(expected) == text
    assert smollm2_tokenizer(text, add_special_tokens=False)["input_ids"] == expected
