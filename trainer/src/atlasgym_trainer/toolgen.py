"""Typed Python tool methods generated from the env server's JSON tool schemas.

TRL's ``environment_factory`` discovers tools as the public functions of the environment class, and
transformers' ``get_json_schema`` turns each into a prompt schema from its type hints and Google-style
docstring. This module builds such functions from a JSON schema:

- one keyword parameter per top-level property, typed from the schema (``str``, ``int``, ``float``,
  ``bool``, ``list[...]``, ``dict[str, Any]``, ``Literal[...]`` for enums, unions for ``anyOf``);
  optional properties default to ``None``;
- a docstring whose ``Args:`` section carries each description and, for nested objects, a compact
  rendering of the nested schema, so the docstring path alone still tells the model the nesting;
- a body that forwards the call's arguments *unchanged* to the environment (``**kwargs``): nested
  objects and even arguments the schema does not know reach the server, whose trace and reward must
  see exactly what the model produced.

The exact server schema stays attached to each function (``__atlasgym_schema__``), so the trainer
can render prompts with it verbatim, as the TypeScript policies do.
"""

from __future__ import annotations

import inspect
import json
import keyword
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, Union

from atlasgym_trainer.client import ToolSchema

SCHEMA_ATTR = "__atlasgym_schema__"
WIRE_NAME_ATTR = "__atlasgym_wire_name__"

_SCALARS: dict[str, Any] = {"string": str, "integer": int, "number": float, "boolean": bool, "null": type(None)}
_RETURN_DOC = "The tool result as the env server returns it (HTTP status and JSON body, as text)."


class ToolForwarder(Protocol):
    def _forward_tool_call(self, name: str, arguments: dict[str, Any]) -> str: ...


@dataclass(frozen=True)
class GeneratedTool:
    """A generated method plus the names it maps between Python and the wire."""

    function: Callable[..., str]
    python_name: str
    wire_name: str
    parameter_names: dict[str, str]  # python parameter name -> wire property name


def python_identifier(name: str) -> str:
    """A valid, non-keyword Python identifier for a wire name (``from`` -> ``from_``, ``a-b`` -> ``a_b``)."""
    ident = re.sub(r"\W", "_", name)
    if not ident or ident[0].isdigit():
        ident = "_" + ident if ident else "_"
    if keyword.iskeyword(ident) or ident == "self":
        ident += "_"
    return ident


def annotation_for(schema: Mapping[str, Any]) -> Any:
    """The Python type hint that best represents a JSON schema (what transformers maps back to JSON)."""
    if schema.get("enum"):
        values = tuple(schema["enum"])
        if all(type(v) in (str, int, float, bool, type(None)) for v in values):
            return Literal.__getitem__(values)
    if "const" in schema and type(schema["const"]) in (str, int, float, bool):
        return Literal.__getitem__((schema["const"],))
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _union([annotation_for(s) for s in schema[key] if isinstance(s, Mapping)])
    kind = schema.get("type")
    if isinstance(kind, list):
        return _union([annotation_for({**schema, "type": k}) for k in kind])
    if kind in _SCALARS:
        return _SCALARS[kind]
    if kind == "array":
        items = schema.get("items")
        inner = annotation_for(items) if isinstance(items, Mapping) and items else Any
        return types.GenericAlias(list, (inner,))
    if kind == "object" or "properties" in schema:
        return dict[str, Any]
    return Any


def _union(options: list[Any]) -> Any:
    unique: list[Any] = []
    for option in options:
        if option not in unique:
            unique.append(option)
    if not unique:
        return Any
    if Any in unique:
        return Any
    if len(unique) == 1:
        return unique[0]
    return Union[tuple(unique)]  # noqa: UP007 - built dynamically


def describe_schema(schema: Mapping[str, Any], depth: int = 0) -> str:
    """A compact, one-line rendering of a JSON schema, e.g. ``{project: {key: string}, labels?: [string]}``."""
    if depth > 6:
        return "object"
    if schema.get("enum"):
        return " | ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return " | ".join(describe_schema(s, depth + 1) for s in schema[key] if isinstance(s, Mapping))
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(describe_schema({**schema, "type": k}, depth + 1) for k in kind)
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and properties:
        required = set(schema.get("required") or [])
        parts = [
            f"{name}{'' if name in required else '?'}: {describe_schema(sub, depth + 1)}"
            for name, sub in properties.items()
            if isinstance(sub, Mapping)
        ]
        return "{" + ", ".join(parts) + "}"
    if kind == "array":
        items = schema.get("items")
        return f"[{describe_schema(items, depth + 1)}]" if isinstance(items, Mapping) and items else "[any]"
    if isinstance(kind, str):
        return kind
    return "any"


def _one_line(text: str) -> str:
    """Docstring-safe text: one line, no section headers transformers would mistake for structure."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\b(Args|Returns|Raises):", r"\1 -", text)
    # transformers reads a trailing "(choices: [...])" as an enum; never let free text trigger that.
    return re.sub(r"\(choices:", "(options:", text, flags=re.IGNORECASE)


def parameter_doc(schema: Mapping[str, Any]) -> str:
    description = _one_line(str(schema.get("description") or ""))
    shape = describe_schema(schema)
    is_structured = "properties" in schema or schema.get("type") == "array" or "anyOf" in schema
    if is_structured and shape not in ("object", "array"):
        extra = f"JSON {shape}"
        description = f"{description.rstrip('.')}. {extra}" if description else extra
    return description or "(no description)"


def generate_tool(schema: ToolSchema) -> GeneratedTool:
    """Build one typed tool function (an unbound method taking ``self``) for a server tool schema."""
    python_name = python_identifier(schema.name)
    params_schema = schema.parameters
    properties: Mapping[str, Any] = params_schema.get("properties") or {}
    required = set(params_schema.get("required") or [])

    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    annotations: dict[str, Any] = {}
    arg_docs: list[str] = []
    name_map: dict[str, str] = {}
    # Required parameters first: a Python signature cannot put a default before a non-default.
    ordered = sorted(properties.items(), key=lambda item: item[0] not in required)
    for wire_name, raw_sub in ordered:
        sub: Mapping[str, Any] = raw_sub if isinstance(raw_sub, Mapping) else {}
        py_name = python_identifier(wire_name)
        while py_name in name_map:
            py_name += "_"
        name_map[py_name] = wire_name
        hint = annotation_for(sub)
        default = inspect.Parameter.empty if wire_name in required else None
        parameters.append(inspect.Parameter(py_name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint))
        annotations[py_name] = hint
        arg_docs.append(f"    {py_name}: {parameter_doc(sub)}")
    annotations["return"] = str

    description = _one_line(schema.description) or f"Call the {schema.name} tool."
    doc = description
    if arg_docs:
        doc += "\n\nArgs:\n" + "\n".join(arg_docs)
    doc += f"\n\nReturns:\n    {_RETURN_DOC}"

    wire_tool_name = schema.name
    to_wire = dict(name_map)

    def tool(self: ToolForwarder, **kwargs: Any) -> str:
        arguments = {to_wire.get(key, key): value for key, value in kwargs.items()}
        return self._forward_tool_call(wire_tool_name, arguments)

    tool.__name__ = python_name
    tool.__qualname__ = python_name
    tool.__doc__ = doc
    tool.__annotations__ = annotations
    tool.__signature__ = inspect.Signature(parameters, return_annotation=str)  # type: ignore[attr-defined]
    setattr(tool, SCHEMA_ATTR, schema.to_json())
    setattr(tool, WIRE_NAME_ATTR, wire_tool_name)
    return GeneratedTool(function=tool, python_name=python_name, wire_name=wire_tool_name, parameter_names=name_map)


def generate_tools(schemas: list[ToolSchema]) -> list[GeneratedTool]:
    tools = [generate_tool(s) for s in schemas]
    names = [t.python_name for t in tools]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"tool names collide once made Python identifiers: {sorted(duplicates)}")
    return tools
