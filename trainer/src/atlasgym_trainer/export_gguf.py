"""Export a trained HF llama model directory back to GGUF, for the embedded (node-llama-cpp) policy.

No llama.cpp convert script is available offline, so the original GGUF serves as the template: every
key/value (architecture, hyperparameters, tokenizer vocab/merges/types, special ids, chat template) is
copied unchanged, and every tensor is written under its original GGUF name with the trained value.
Training never changes the architecture or the tokenizer, so this is exactly what llama.cpp needs.

Two GGUF conventions matter. llama.cpp stores attn_q/attn_k rows permuted for its rotary layout and
transformers' GGUF loader undoes that on load, so the permutation is applied again here. GGUF lists
shapes innermost first, which is numpy's C order reversed: a numpy array in the HF shape is written
as-is and GGUFWriter records the reversed shape itself.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch

from atlasgym_trainer.model import SMOLLM2, find_smollm2_gguf, resolve_model_dir

DTYPES = ("f16", "f32")

# GGUF per-block tensor names -> HF names inside model.layers.N.
_BLOCK_NAMES = {
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
    "attn_norm": "input_layernorm",
    "ffn_norm": "post_attention_layernorm",
}
_GLOBAL_NAMES = {
    "token_embd": "model.embed_tokens",
    "output_norm": "model.norm",
    "output": "lm_head",
}
_BLOCK = re.compile(r"blk\.(\d+)\.(\w+)\.(weight|bias)")


def hf_name(gguf_name: str) -> str:
    """The HF llama parameter name for a GGUF tensor name (``blk.3.attn_q.weight`` -> ``model.layers.3...``)."""
    block = _BLOCK.fullmatch(gguf_name)
    if block and block.group(2) in _BLOCK_NAMES:
        return f"model.layers.{block.group(1)}.{_BLOCK_NAMES[block.group(2)]}.{block.group(3)}"
    stem, _, suffix = gguf_name.rpartition(".")
    if stem in _GLOBAL_NAMES:
        return f"{_GLOBAL_NAMES[stem]}.{suffix}"
    raise ValueError(f"no HF llama name known for GGUF tensor {gguf_name!r}")


def permute_rotary(weights: npt.NDArray[Any], n_head: int) -> npt.NDArray[Any]:
    """llama.cpp's q/k row order (convert_hf_to_gguf's ``permute``): the inverse of transformers' reverse_permute.

    HF keeps each head's rotary pairs as two halves; llama.cpp interleaves them. ``n_head`` is the
    number of heads of this projection (the KV head count for attn_k).
    """
    half = weights.shape[0] // n_head // 2
    return weights.reshape(n_head, 2, half, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def load_state_dict(model_dir: Path) -> dict[str, torch.Tensor]:
    """Every tensor of a saved model directory (single or sharded safetensors), as float32."""
    from safetensors.torch import load_file

    files = sorted(model_dir.glob("*.safetensors"))
    if not files or all(f.name.startswith("adapter_model") for f in files):
        hint = (
            " (a LoRA adapter: merge it first, as train.py's final/ does)"
            if (model_dir / "adapter_config.json").is_file()
            else ""
        )
        raise FileNotFoundError(f"no model weights (*.safetensors) in {model_dir}{hint}")
    state: dict[str, torch.Tensor] = {}
    for file in files:
        if not file.name.startswith("adapter_model"):
            state.update({name: t.to(torch.float32) for name, t in load_file(file).items()})
    return state


def _copy_metadata(reader: Any, writer: Any, file_type: int) -> None:
    """Copy every key/value of the template except the header fields GGUFWriter writes itself."""
    from gguf import GGUFValueType, Keys

    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == Keys.General.ARCHITECTURE:
            continue  # version/counts and the architecture: written by GGUFWriter
        if name == Keys.General.FILE_TYPE:
            writer.add_file_type(file_type)  # the tensor type changes (Q4_1 -> F16/F32)
            continue
        if name == Keys.General.ALIGNMENT:
            writer.add_custom_alignment(int(field.contents()))
            continue
        kind = GGUFValueType(field.types[0])
        if kind == GGUFValueType.STRING:
            # Raw bytes, so that strings are copied exactly with no decode/encode round trip.
            writer.add_key_value(name, bytes(field.parts[-1]), kind)
        elif kind == GGUFValueType.ARRAY:
            if len(field.types) != 2:
                raise ValueError(f"nested GGUF array {name!r} is not supported")
            sub = GGUFValueType(field.types[1])
            value = [bytes(field.parts[i]) for i in field.data] if sub == GGUFValueType.STRING else field.contents()
            writer.add_key_value(name, value, kind, sub_type=sub)
        else:
            writer.add_key_value(name, field.contents(), kind)


def _tensor_value(
    name: str, gguf_shape: Sequence[int] | npt.NDArray[Any], state: dict[str, torch.Tensor], n_head: int, n_head_kv: int
) -> npt.NDArray[np.float32]:
    key = hf_name(name)
    if key not in state:
        raise KeyError(f"the trained model has no {key} (for GGUF tensor {name})")
    value = state[key].numpy()
    expected = tuple(int(d) for d in reversed(gguf_shape))
    if value.shape != expected:
        raise ValueError(f"{key} has shape {value.shape}, the template's {name} needs {expected}")
    if ".attn_q." in name:
        value = permute_rotary(value, n_head)
    elif ".attn_k." in name:
        value = permute_rotary(value, n_head_kv)
    return np.ascontiguousarray(value, dtype=np.float32)


@functools.lru_cache(maxsize=2)
def _template_reader(path: Path) -> Any:
    """The parsed template (read-only; parsing its vocabulary takes seconds, and the trainer exports every step)."""
    from gguf import GGUFReader

    return GGUFReader(path)


def export_gguf(model_dir: Path, out_path: Path, *, template_gguf: Path | None = None, dtype: str = "f16") -> Path:
    """Write ``model_dir``'s weights as a GGUF shaped like ``template_gguf`` (default: the SmolLM2 GGUF)."""
    return write_gguf(load_state_dict(model_dir), out_path, template_gguf=template_gguf, dtype=dtype)


def write_gguf(
    state: dict[str, torch.Tensor], out_path: Path, *, template_gguf: Path | None = None, dtype: str = "f16"
) -> Path:
    """Write a llama state dict (HF names, float32) as a GGUF shaped like ``template_gguf``.

    Matrices are stored as ``dtype`` (f16 or f32); 1-D tensors (norms) stay f32, as llama.cpp's
    converter does. The file is written next to ``out_path`` and renamed into place when complete.
    """
    from gguf import GGUFWriter, Keys, LlamaFileType

    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {DTYPES}, not {dtype!r}")
    reader = _template_reader(template_gguf or find_smollm2_gguf())
    arch = str(reader.fields[Keys.General.ARCHITECTURE].contents())
    if arch != "llama":
        raise ValueError(f"only llama GGUFs are supported (the template is {arch!r})")
    n_head = int(reader.fields[Keys.Attention.HEAD_COUNT.format(arch=arch)].contents())
    kv_field = reader.fields.get(Keys.Attention.HEAD_COUNT_KV.format(arch=arch))
    n_head_kv = int(kv_field.contents()) if kv_field is not None else n_head

    state = dict(state)  # tied heads may be added below; the caller's dict stays as it was
    template_names = {t.name for t in reader.tensors}
    # A template without output.weight ties the output head to token_embd: an untied trained head would be lost.
    head, embeddings = state.get("lm_head.weight"), state.get("model.embed_tokens.weight")
    untied_head = head is not None and (embeddings is None or not torch.equal(head, embeddings))
    if "output.weight" in template_names and head is None and embeddings is not None:
        state["lm_head.weight"] = embeddings  # a tied model saved without lm_head, into an untied template
    elif "output.weight" not in template_names and untied_head:
        raise ValueError("the trained lm_head differs from embed_tokens but the template GGUF has no output.weight")
    unused = set(state) - {hf_name(n) for n in template_names} - {"lm_head.weight"}
    if unused:
        raise ValueError(f"trained tensors the template GGUF has no place for: {sorted(unused)[:5]}")

    file_type = LlamaFileType.MOSTLY_F16 if dtype == "f16" else LlamaFileType.ALL_F32
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".partial")
    writer = GGUFWriter(partial, arch)
    try:
        _copy_metadata(reader, writer, int(file_type))
        for tensor in reader.tensors:
            value = _tensor_value(tensor.name, tensor.shape, state, n_head, n_head_kv)
            if dtype == "f16" and value.ndim > 1:
                if np.abs(value).max() > np.finfo(np.float16).max:
                    raise ValueError(f"{tensor.name} has values beyond the f16 range: export with dtype='f32'")
                writer.add_tensor(tensor.name, value.astype(np.float16))
            else:
                writer.add_tensor(tensor.name, value)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
    except BaseException:
        writer.close()
        partial.unlink(missing_ok=True)
        raise
    writer.close()
    os.replace(partial, out_path)
    return out_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m atlasgym_trainer.export_gguf",
        description="Export a trained model directory (save_pretrained output, e.g. a run's final/) to GGUF.",
    )
    parser.add_argument(
        "model_dir", help="HF llama model directory (config.json + *.safetensors), or smollm2-gguf for the base model"
    )
    parser.add_argument("out", type=Path, help="the .gguf file to write")
    parser.add_argument("--dtype", choices=DTYPES, default="f16", help="tensor type of the matrices (default f16)")
    parser.add_argument(
        "--template-gguf", type=Path, default=None, help="GGUF to take metadata and tensor names from (default SmolLM2)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # The base model goes through the same dequantised weights as training, so before/after evals share a precision.
    model_dir = resolve_model_dir(args.model_dir) if args.model_dir == SMOLLM2 else Path(args.model_dir)
    out = export_gguf(model_dir, args.out, template_gguf=args.template_gguf, dtype=args.dtype)
    size_mb = out.stat().st_size / 1e6
    print(out)
    print(f"{size_mb:.1f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
