"""CPU cost of the pieces of a GRPO step with the real SmolLM2-135M (dequantised from its GGUF).

Measures, each in isolation and with 2 threads, in wall seconds and process CPU seconds:
  - rollout generation (HF generate, sampling): prefill of a batch of prompts, then cost per decode step;
  - one policy-gradient update pass (forward + backward over a micro-batch, then an AdamW step),
    full fine-tuning vs LoRA, fp32 vs bf16, with its peak RSS.

    python bench/trainer/bench_components.py --out bench/trainer/results/components.json [--quick]

Each case runs in a fresh subprocess so peak memory is per case.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Timer:
    """Wall and process CPU seconds. Other jobs share this machine: CPU seconds / threads estimates the
    uncontended wall time when the load average is above the core count."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = _cpu_seconds() - self.cpu0


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch

    torch.set_num_threads(case["threads"])
    torch.manual_seed(0)
    from atlasgym_trainer.model import load_model

    loaded = load_model("smollm2-gguf", dtype=case["dtype"])
    model, tokenizer = loaded.model, loaded.tokenizer
    vocab = model.config.vocab_size
    batch, prompt_len = case["batch"], case["prompt_len"]
    ids = torch.randint(100, vocab - 100, (batch, prompt_len))
    result: dict[str, Any] = dict(case)
    result["load_average_before"] = os.getloadavg()[0]
    if case["kind"] == "generate":
        model.eval()
        new = case["new_tokens"]

        def generate(tokens: int) -> None:
            with torch.inference_mode():
                model.generate(
                    input_ids=ids,
                    attention_mask=torch.ones_like(ids),
                    max_new_tokens=tokens,
                    min_new_tokens=tokens,
                    do_sample=True,
                    temperature=1.0,
                    top_p=1.0,
                    pad_token_id=tokenizer.pad_token_id,
                )

        with Timer() as prefill:
            generate(1)
        with Timer() as full:
            generate(new + 1)
        decode_wall, decode_cpu = full.wall - prefill.wall, full.cpu - prefill.cpu
        result.update(
            prefill_wall=prefill.wall,
            prefill_cpu=prefill.cpu,
            prefill_tokens_per_cpu_second=batch * prompt_len / prefill.cpu,
            decode_step_wall=decode_wall / new,
            decode_step_cpu=decode_cpu / new,
            decode_tokens_per_cpu_second=batch * new / decode_cpu,
        )
    else:
        completion = case["completion_len"]
        full_ids = torch.randint(100, vocab - 100, (batch, prompt_len + completion))
        if case["lora"]:
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(
                model,
                LoraConfig(
                    r=16,
                    lora_alpha=32,
                    task_type="CAUSAL_LM",
                    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
                ),
            )
        if case.get("checkpointing"):
            model.gradient_checkpointing_enable()
            if case["lora"]:
                model.enable_input_require_grads()
        model.train()
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=1e-5)
        walls, cpus = [], []
        for _ in range(case["repeats"]):
            with Timer() as t:
                logits = model(input_ids=full_ids, attention_mask=torch.ones_like(full_ids)).logits
                # GRPO needs log-probs of the completion tokens only: the same shape of work as TRL's loss.
                logp = torch.log_softmax(logits[:, prompt_len - 1 : -1].float(), dim=-1)
                token_logp = logp.gather(-1, full_ids[:, prompt_len:].unsqueeze(-1)).squeeze(-1)
                loss = -(token_logp * torch.randn_like(token_logp)).mean()
                loss.backward()
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
            walls.append(t.wall)
            cpus.append(t.cpu)
        best = min(range(len(cpus)), key=lambda i: cpus[i])
        result.update(pass_wall=walls[best], pass_cpu=cpus[best], trainable_params=sum(p.numel() for p in params))
    result["load_average_after"] = os.getloadavg()[0]
    result["peak_rss_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return result


def cases(quick: bool) -> list[dict[str, Any]]:
    base = {"threads": 2}
    gen = {**base, "kind": "generate", "new_tokens": 8}
    upd = {**base, "kind": "update", "repeats": 2}
    out: list[dict[str, Any]] = [
        {**gen, "dtype": "float32", "batch": 8, "prompt_len": 800},
        {**gen, "dtype": "bfloat16", "batch": 8, "prompt_len": 800},
        {**upd, "dtype": "float32", "lora": True, "batch": 4, "prompt_len": 800, "completion_len": 200},
        {**upd, "dtype": "float32", "lora": False, "batch": 4, "prompt_len": 800, "completion_len": 200},
        {**upd, "dtype": "bfloat16", "lora": True, "batch": 4, "prompt_len": 800, "completion_len": 200},
    ]
    if not quick:
        out += [
            {**gen, "dtype": "float32", "batch": 8, "prompt_len": 3500},
            {
                **upd,
                "dtype": "float32",
                "lora": True,
                "batch": 2,
                "prompt_len": 3500,
                "completion_len": 200,
                "checkpointing": True,
            },
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(json.loads(args.case))))
        return
    results = []
    for case in cases(args.quick):
        env = {**os.environ, "OMP_NUM_THREADS": str(case["threads"])}
        proc = subprocess.run(
            [sys.executable, __file__, "--out", str(args.out), "--case", json.dumps(case)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            results.append({**case, "error": proc.stderr[-2000:]})
        else:
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": {
                    "cpu": platform.processor() or platform.machine(),
                    "cores": os.cpu_count(),
                    "python": platform.python_version(),
                },
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "note": (
                    "other engineers' jobs share this 2-core machine: see load_average_*; "
                    "cpu seconds / threads estimates the uncontended wall time"
                ),
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
