"""Cost of one decode step (batch 8, KV cache, 800-token context) with and without flushing denormals.

python bench/trainer/bench_decode.py --out bench/trainer/results/decode.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path
from typing import Any


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def decode_cost(model: Any, ids: Any, steps: int) -> dict[str, float]:
    import torch

    with torch.inference_mode():
        out = model(input_ids=ids, use_cache=True)
        past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        for _ in range(steps):
            out = model(input_ids=token, past_key_values=past, use_cache=True)
            past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
    return {
        "decode_step_cpu": (cpu_seconds() - cpu0) / steps,
        "decode_step_wall": (time.perf_counter() - wall0) / steps,
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=8)
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch

    torch.set_num_threads(2)
    from atlasgym_trainer.model import load_model

    model = load_model("smollm2-gguf").model.eval()
    ids = torch.randint(100, 40000, (8, 800), generator=torch.Generator().manual_seed(0))
    results = {"default": decode_cost(model, ids, args.steps)}
    torch.set_flush_denormal(True)
    results["flush_denormal"] = decode_cost(model, ids, args.steps)
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "batch": 8, "context": 800, "threads": 2, **results}
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
