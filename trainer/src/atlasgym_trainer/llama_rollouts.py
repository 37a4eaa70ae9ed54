"""Rollout generation with llama.cpp (through ``atlasgym rollout-worker``) instead of HF ``generate``.

On a CPU, HF ``generate`` spends most of a GRPO step's generation time in per-token Python overhead,
re-prefills every rollout's whole context at each tool turn, and prefills a group's shared prompt once
per rollout. The rollout worker (node-llama-cpp) decodes in milliseconds per token, keeps each rollout's
KV cache across its turns and evaluates a group's prompt once (see src/rollouts/token-generator.ts).

Prompts and completions cross the boundary as token ids, so the trainer scores exactly the sampled
tokens. After each optimizer step the current weights are written as an f16 GGUF (``export_gguf``) and
reloaded by the worker, so rollouts always come from the policy being trained, at f16 precision (the
same trade vLLM makes in bf16).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import torch

from atlasgym_trainer.chat_template import repo_root


class RolloutWorkerError(RuntimeError):
    """The worker answered a request with an error, or stopped."""


@dataclass
class Completion:
    tokens: list[int]
    finish_reason: str  # "stop" | "length"


def _scratch_dir() -> Path:
    # RAM-backed when the machine has one: the exported model is rewritten after every step.
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="atlasgym-llama-", dir=base))


class RolloutWorker:
    """One ``atlasgym rollout-worker`` child process, spoken to in JSON lines."""

    def __init__(self, command: Sequence[str] | None = None) -> None:
        root = repo_root()
        self._process = subprocess.Popen(
            list(command or ["node", str(root / "bin" / "atlasgym.js"), "rollout-worker"]),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        self._next_id = 0
        self._lock = threading.Lock()

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        with self._lock:
            self._next_id += 1
            request = {"id": self._next_id, "method": method, "params": params or {}}
            stdin: IO[str] = self._process.stdin  # type: ignore[assignment]
            stdout: IO[str] = self._process.stdout  # type: ignore[assignment]
            try:
                stdin.write(json.dumps(request) + "\n")
                stdin.flush()
            except BrokenPipeError as error:
                raise RolloutWorkerError(f"rollout worker exited ({self._process.poll()})") from error
            line = stdout.readline()
            if not line:
                raise RolloutWorkerError(f"rollout worker exited ({self._process.wait()}) during {method}")
            answer = json.loads(line)
            if answer.get("id") != request["id"]:
                raise RolloutWorkerError(f"answer to request {answer.get('id')}, expected {request['id']}")
            if "error" in answer:
                raise RolloutWorkerError(answer["error"]["message"])
            return answer["result"]

    def load(self, model_path: Path, *, sequences: int, context_size: int, threads: int) -> None:
        self.call(
            "load",
            {"modelPath": str(model_path), "sequences": sequences, "contextSize": context_size, "threads": threads},
        )

    def generate(
        self,
        prompts: Sequence[Sequence[int]],
        *,
        max_tokens: int,
        temperature: float,
        top_p: float,
        top_k: int,
        seed: int,
        stop_tokens: Sequence[int],
    ) -> list[Completion]:
        result = self.call(
            "generate",
            {
                "prompts": [list(p) for p in prompts],
                "maxTokens": max_tokens,
                "temperature": temperature,
                "topP": top_p,
                "topK": top_k,
                "seed": seed,
                "stopTokens": list(stop_tokens),
            },
        )
        return [Completion(c["tokens"], c["finishReason"]) for c in result["completions"]]

    def close(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(RolloutWorkerError, OSError):
                self.call("close")
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()


class LlamaRollouts:
    """The trainer's llama.cpp generation backend: weights synced per optimizer step, token ids in and out."""

    def __init__(self, *, sequences: int, context_size: int, threads: int, worker: RolloutWorker | None = None) -> None:
        self.sequences = sequences
        self.context_size = context_size
        self.threads = threads
        self.worker = worker or RolloutWorker()
        self.scratch = _scratch_dir()
        self.loaded_version: int | None = None
        self.export_seconds = 0.0  # cumulative, read by the step timer

    def sync(self, model: torch.nn.Module, version: int) -> None:
        """Export ``model``'s current weights and load them, unless ``version`` is already loaded."""
        from atlasgym_trainer.export_gguf import write_gguf

        if self.loaded_version == version:
            return
        started = time.perf_counter()
        path = self.scratch / f"policy-{version}.gguf"
        state = {name: tensor.detach().to("cpu", torch.float32) for name, tensor in model.state_dict().items()}
        write_gguf(state, path, dtype="f16")
        self.worker.load(path, sequences=self.sequences, context_size=self.context_size, threads=self.threads)
        for old in self.scratch.glob("policy-*.gguf"):
            if old != path:
                old.unlink(missing_ok=True)  # the worker has let go of it (load replaces the model)
        self.loaded_version = version
        self.export_seconds += time.perf_counter() - started

    def close(self) -> None:
        self.worker.close()
        shutil.rmtree(self.scratch, ignore_errors=True)
