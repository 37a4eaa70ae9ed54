"""Exporting a trained model directory back to GGUF: transformers reads it back, llama.cpp runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save_file

from atlasgym_trainer.chat_template import repo_root
from atlasgym_trainer.export_gguf import export_gguf, hf_name, permute_rotary
from atlasgym_trainer.model import find_smollm2_gguf, resolve_model_dir

pytestmark = pytest.mark.slow

PROMPT = (
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
    "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"
)


@pytest.fixture(scope="module")
def source_dir() -> Path:
    return resolve_model_dir("smollm2-gguf")  # the cached dequantised model: no re-dequantising


@pytest.fixture(scope="module")
def exported(source_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_gguf(source_dir, tmp_path_factory.mktemp("gguf") / "smollm2-f16.gguf")


def load_gguf_state(path: Path) -> dict[str, torch.Tensor]:
    """The GGUF as transformers' own loader reads it (an implementation independent of the exporter)."""
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32)
    return {name: t.detach() for name, t in model.state_dict().items()}


def assert_f16_close(actual: torch.Tensor, expected: torch.Tensor, name: str) -> None:
    # f16 keeps 11 significant bits: a relative error of at most 2^-11 (plus subnormal flush near zero).
    assert torch.allclose(actual, expected, rtol=1e-3, atol=1e-6), name


def test_names_and_rotary_permutation_invert_transformers() -> None:
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    assert hf_name("token_embd.weight") == "model.embed_tokens.weight"
    assert hf_name("blk.12.attn_k.weight") == "model.layers.12.self_attn.k_proj.weight"
    assert hf_name("blk.0.ffn_norm.weight") == "model.layers.0.post_attention_layernorm.weight"
    weights = np.arange(192 * 4, dtype=np.float32).reshape(192, 4)
    permuted = permute_rotary(weights, 3)
    assert not np.array_equal(permuted, weights)
    processor: Any = LlamaTensorProcessor
    unpermuted = processor()._reverse_permute_weights(permuted, 9, 3)
    np.testing.assert_array_equal(unpermuted, weights)


def test_round_trip_keeps_every_weight_and_all_metadata(source_dir: Path, exported: Path) -> None:
    from gguf import GGMLQuantizationType, GGUFReader, LlamaFileType

    source = load_file(source_dir / "model.safetensors")
    loaded = load_gguf_state(exported)
    assert set(source) <= set(loaded)
    for name, expected in source.items():
        assert_f16_close(loaded[name], expected, name)

    template, written = GGUFReader(find_smollm2_gguf()), GGUFReader(exported)
    for key, field in template.fields.items():
        if key.startswith("GGUF."):
            continue
        want = int(LlamaFileType.MOSTLY_F16) if key == "general.file_type" else field.contents()
        assert written.fields[key].contents() == want, key
    types = {t.name: t.tensor_type for t in written.tensors}
    assert [t.name for t in written.tensors] == [t.name for t in template.tensors]
    assert types["blk.0.attn_q.weight"] == GGMLQuantizationType.F16
    assert types["blk.0.attn_norm.weight"] == GGMLQuantizationType.F32  # 1-D tensors stay f32
    assert exported.stat().st_size < 300_000_000


def test_a_trained_change_survives_the_export(source_dir: Path, tmp_path: Path) -> None:
    state = load_file(source_dir / "model.safetensors")
    # Row-dependent deltas: a uniform one would be blind to a wrong q/k row permutation.
    changed = {
        "model.layers.5.self_attn.q_proj.weight": torch.linspace(-0.05, 0.05, 576)[:, None].expand(576, 576),
        "model.layers.5.self_attn.k_proj.weight": torch.linspace(0.0, 0.1, 192)[:, None].expand(192, 576),
        "model.layers.5.mlp.down_proj.weight": torch.full((576, 1536), 0.02),
    }
    for name, delta in changed.items():
        state[name] = state[name] + delta
    trained = tmp_path / "trained"
    trained.mkdir()
    shutil.copy(source_dir / "config.json", trained / "config.json")
    save_file(state, trained / "model.safetensors")

    out = export_gguf(trained, tmp_path / "trained.gguf")
    loaded = load_gguf_state(out)
    for name in (*changed, "model.layers.4.self_attn.q_proj.weight"):
        assert_f16_close(loaded[name], state[name], name)


def test_llama_cpp_generates_like_transformers(source_dir: Path, exported: Path, tmp_path: Path) -> None:
    node_llama_cpp = repo_root() / "node_modules" / "node-llama-cpp" / "dist" / "index.js"
    if shutil.which("node") is None or not node_llama_cpp.is_file():
        pytest.skip("node or node-llama-cpp is not installed")
    # A script file, not `node --input-type=module -e`: node-llama-cpp tests its binary in a child forked
    # with the parent's execArgv, which --input-type breaks. The import is by path, so any tmp dir works.
    script = tmp_path / "generate.mjs"
    script.write_text(
        f"""
import {{ getLlama, LlamaLogLevel }} from {json.dumps(node_llama_cpp.as_uri())};
const llama = await getLlama({{ gpu: false, build: "never", skipDownload: true, progressLogs: false,
  logLevel: LlamaLogLevel.error }});
const model = await llama.loadModel({{ modelPath: process.env.GGUF, gpuLayers: 0 }});
const context = await model.createContext({{ contextSize: 256, threads: 2 }});
const prompt = model.tokenize(process.env.PROMPT, true);
const generated = [];
for await (const token of context.getSequence().evaluate(prompt, {{ temperature: 0 }})) {{
  generated.push(token);
  if (generated.length >= 16) break;
}}
console.log(JSON.stringify({{ prompt, generated, text: model.detokenize(generated, true) }}));
await context.dispose();
await model.dispose();
"""
    )
    env = {**os.environ, "GGUF": str(exported), "PROMPT": PROMPT}
    done = subprocess.run(["node", str(script)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "Paris" in result["text"]

    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(source_dir)
    assert tokenizer(PROMPT)["input_ids"] == result["prompt"]
    model: Any = AutoModelForCausalLM.from_pretrained(source_dir, dtype=torch.float32)
    with torch.no_grad():
        output = model.generate(torch.tensor([result["prompt"]]), max_new_tokens=16, do_sample=False)
    expected = output[0, len(result["prompt"]) :].tolist()
    # llama.cpp stops at the end-of-turn token without yielding it; transformers includes it.
    assert expected[: len(result["generated"])] == result["generated"]
