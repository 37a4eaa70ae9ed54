"""Update-pass cost of a GRPO group: TRL's per-row forward vs the shared-prefix forward.

One micro-batch of G rollouts that share a prompt (the real SmolLM2-135M, fp32, 2 threads):
forward + backward of the policy-gradient surrogate, as in one GRPO update. Cases alternate and
repeat so machine noise hits both alike; each case runs in a fresh subprocess (peak RSS per case).

    python bench/trainer/bench_shared_prefix.py --out bench/trainer/results/shared-prefix.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    from trl import GRPOTrainer  # type: ignore[attr-defined]
    from trl.trainer.utils import add_fused_lm_head

    from atlasgym_trainer.model import load_model
    from atlasgym_trainer.shared_prefix import shared_prefix_logps

    torch.set_num_threads(case["threads"])
    torch.manual_seed(0)
    model = load_model("smollm2-gguf", dtype="float32").model
    model.config.use_cache = True
    add_fused_lm_head(model, temperature=1.0, outputs=("log_probs", "entropy"))
    model.train()
    vocab = model.config.vocab_size
    g, prompt_len, completion_len = case["group"], case["prompt_len"], case["completion_len"]
    prompt = torch.randint(100, vocab - 100, (1, prompt_len)).expand(g, -1)
    completions = torch.randint(100, vocab - 100, (g, completion_len))
    ids = torch.cat([prompt, completions], dim=1)
    mask = torch.ones_like(ids)
    advantages = torch.linspace(-1.0, 1.0, g).unsqueeze(1)
    fake_trainer = SimpleNamespace(accelerator=SimpleNamespace(autocast=contextlib.nullcontext, is_main_process=True))
    started_cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    if case["path"] == "shared":
        logps, _ = shared_prefix_logps(model, ids, mask, completion_len, temperature=1.0, compute_entropy=True)
    else:
        logps, _, _ = GRPOTrainer._get_per_token_logps_and_entropies(
            fake_trainer, model, ids, mask, completion_len, compute_entropy=True
        )
    (-(logps * advantages).mean()).backward()
    wall = time.perf_counter() - started
    ended_cpu = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ended_cpu.ru_utime + ended_cpu.ru_stime) - (started_cpu.ru_utime + started_cpu.ru_stime)
    return {
        **case,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_gib": round(ended_cpu.ru_maxrss / 2**20, 2),
        "load_average": os.getloadavg()[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench/trainer/results/shared-prefix.json"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--group", type=int, default=4)
    parser.add_argument("--prompt-len", type=int, default=1000)
    parser.add_argument("--completion-len", type=int, default=400)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(json.loads(args.case))))
        return 0
    runs: list[dict[str, Any]] = []
    for _ in range(args.repeats):
        for path in ("per-row", "shared"):
            case = {
                "path": path,
                "group": args.group,
                "prompt_len": args.prompt_len,
                "completion_len": args.completion_len,
                "threads": 2,
            }
            env = {**os.environ, "OMP_NUM_THREADS": "2"}
            proc = subprocess.run(
                [sys.executable, __file__, "--case", json.dumps(case)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps(result), file=sys.stderr)
            runs.append(result)
    summary = {}
    for path in ("per-row", "shared"):
        mine = [r for r in runs if r["path"] == path]
        summary[path] = {
            "median_wall_s": statistics.median(r["wall_s"] for r in mine),
            "median_cpu_s": statistics.median(r["cpu_s"] for r in mine),
            "max_peak_rss_gib": max(r["peak_rss_gib"] for r in mine),
        }
    summary["wall_ratio"] = round(summary["per-row"]["median_wall_s"] / summary["shared"]["median_wall_s"], 2)
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "summary": summary,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
