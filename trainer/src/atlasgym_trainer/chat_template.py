"""The tool-calling chat template shared with the TypeScript policies.

The repository's ``assets/chat_template.jinja`` (owned by the policies) is the single source of truth:
the TypeScript embedded policy renders it with @huggingface/jinja, the trainer with transformers, and
a parity test checks both give the same token ids. Until that file exists, TRL's own Qwen2.5 template
(the format the shared file is specified to be) is used.

TRL parses tool calls out of generations with a response template that it only knows for the exact
template strings it ships. When the shared template is not byte-identical to TRL's Qwen2.5 one but
uses the same ``<tool_call>`` JSON format, the Qwen response template is attached directly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from trl.chat_template_utils import add_response_schema, qwen2_5_chat_template, qwen3_template


def repo_root() -> Path:
    """The atlasgym checkout this package lives in (override with ATLASGYM_ROOT)."""
    override = os.environ.get("ATLASGYM_ROOT")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3]


def shared_template_path() -> Path:
    return repo_root() / "assets" / "chat_template.jinja"


def load_chat_template(path: Path | None = None) -> tuple[str, str]:
    """The template text and where it came from."""
    candidate = path or shared_template_path()
    if candidate.is_file():
        return candidate.read_text(encoding="utf-8"), str(candidate)
    if path is not None:
        raise FileNotFoundError(f"chat template not found: {path}")
    return qwen2_5_chat_template, "trl:qwen2_5 (assets/chat_template.jinja not present yet)"


def attach_chat_template(tokenizer: Any, template: str) -> Any:
    """Set the template, left padding, a pad token, and a response parser TRL can use for tool calls."""
    tokenizer.chat_template = template
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    try:
        add_response_schema(tokenizer)
    except ValueError:
        if "<tool_call>" not in template:
            raise
        tokenizer.response_template = qwen3_template
    return tokenizer
