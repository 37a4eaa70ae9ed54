"""An OpenAI-compatible chat-completions endpoint for a local model (base or trained checkpoint).

It lets ``atlasgym eval --policy openai`` evaluate exactly what the trainer produced, on the same
prompt the trainer used: the request's messages and tools are rendered with the model's chat
template (the shared ``assets/chat_template.jinja`` by default), generated with transformers, and
``<tool_call>{...}</tool_call>`` blocks in the output are returned as native ``tool_calls``.

Usage: python -m atlasgym_trainer.serve --model smollm2-gguf|DIR|FILE.gguf [--host 127.0.0.1] [--port 8800]
Standard library HTTP only; one request is generated at a time (CPU).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import torch

from .model import LoadedModel, load_model

TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*</tool_call>", re.DOTALL)


def to_template_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """OpenAI wire messages -> the chat template's messages (tool-call arguments as objects)."""
    out: list[dict[str, Any]] = []
    for message in messages:
        m = {"role": message["role"], "content": message.get("content") or ""}
        calls = message.get("tool_calls")
        if calls:
            m["tool_calls"] = [
                {
                    "type": "function",
                    "function": {
                        "name": c["function"]["name"],
                        "arguments": _arguments(c["function"].get("arguments")),
                    },
                }
                for c in calls
            ]
        out.append(m)
    return out


def _arguments(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value if value is not None else {}


def split_tool_calls(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and native tool calls; a block that is not a JSON call stays in the text."""
    calls: list[dict[str, Any]] = []
    kept: list[str] = []
    last = 0
    for match in TOOL_CALL.finditer(text):
        kept.append(text[last : match.start()])
        last = match.end()
        try:
            parsed = json.loads(match.group(1))
        except json.JSONDecodeError:
            kept.append(match.group(0))
            continue
        items = parsed if isinstance(parsed, list) else [parsed]
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                kept.append(match.group(0))
                break
            arguments = item.get("arguments", item.get("parameters", {}))
            calls.append(
                {
                    "id": f"call_{len(calls)}",
                    "type": "function",
                    "function": {
                        "name": item["name"],
                        "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments),
                    },
                }
            )
    kept.append(text[last:])
    return "".join(kept).strip(), calls


class Generator:
    """Renders, generates and decodes one chat completion at a time."""

    def __init__(self, loaded: LoadedModel, model_name: str) -> None:
        self.loaded = loaded
        self.model_name = model_name
        self.lock = threading.Lock()

    def complete(self, request: dict[str, Any]) -> dict[str, Any]:
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        tools = request.get("tools") or None
        prompt_ids = tokenizer.apply_chat_template(
            to_template_messages(request["messages"]),
            tools=tools,
            add_generation_prompt=True,
            return_tensors="pt",
            return_dict=True,
        )["input_ids"]
        temperature = float(request.get("temperature", 1.0))
        max_tokens = int(request.get("max_tokens") or request.get("max_completion_tokens") or 256)
        with self.lock:
            if request.get("seed") is not None:
                torch.manual_seed(int(request["seed"]))
            with torch.no_grad():
                output = model.generate(
                    prompt_ids,
                    attention_mask=torch.ones_like(prompt_ids),
                    max_new_tokens=max_tokens,
                    do_sample=temperature > 0,
                    temperature=temperature if temperature > 0 else None,
                    top_p=float(request.get("top_p", 1.0)) if temperature > 0 else None,
                    top_k=None,
                    pad_token_id=tokenizer.pad_token_id,
                )
        completion_ids = output[0, prompt_ids.shape[1] :]
        finished = bool(len(completion_ids) > 0 and completion_ids[-1].item() == tokenizer.eos_token_id)
        text = tokenizer.decode(completion_ids, skip_special_tokens=True)
        content, calls = split_tool_calls(text)
        finish = "tool_calls" if calls else ("stop" if finished else "length")
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if calls:
            message["tool_calls"] = calls
        return {
            "id": f"chatcmpl-{int(time.time() * 1000)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model_name,
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": finish,
                }
            ],
            "usage": {
                "prompt_tokens": int(prompt_ids.shape[1]),
                "completion_tokens": len(completion_ids),
                "total_tokens": int(prompt_ids.shape[1]) + len(completion_ids),
            },
        }


def make_handler(generator: Generator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/") in ("/v1/models", "/models"):
                self._send(200, {"object": "list", "data": [{"id": generator.model_name, "object": "model"}]})
            elif self.path == "/health":
                self._send(200, {"status": "ok"})
            else:
                self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

        def do_POST(self) -> None:
            if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                return
            try:
                length = int(self.headers.get("content-length", "0"))
                request = json.loads(self.rfile.read(length))
                if not isinstance(request.get("messages"), list):
                    raise ValueError("'messages' must be a list")
            except (ValueError, json.JSONDecodeError) as error:
                self._send(400, {"error": {"message": str(error), "type": "invalid_request_error"}})
                return
            self._send(200, generator.complete(request))

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", required=True, help="smollm2-gguf, a .gguf file, or a model directory (e.g. RUN/final)"
    )
    parser.add_argument("--name", default=None, help="model name reported by the API (default: --model)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    generator = Generator(load_model(args.model), args.name or args.model)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(generator))
    print(f"serving {args.model} at http://{args.host}:{server.server_address[1]}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
