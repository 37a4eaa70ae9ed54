"""Starts a real `atlasgym serve` (the TypeScript env server of this checkout) for tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from atlasgym_trainer.chat_template import repo_root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_available() -> str | None:
    """Why a real server cannot be started here, or None when it can."""
    root = repo_root()
    if shutil.which("node") is None:
        return "node is not installed"
    if not (root / "node_modules").is_dir():
        return "node_modules missing (run npm ci)"
    if not (root / "src" / "server" / "sessions-api.ts").is_file():
        return "the env server's session API does not exist in this checkout"
    return None


@contextmanager
def atlasgym_serve(timeout: float = 90.0) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        ["node", str(repo_root() / "bin" / "atlasgym.js"), "serve", "--port", str(port), "--quiet"],
        cwd=repo_root(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"atlasgym serve exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("atlasgym serve did not become healthy")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
