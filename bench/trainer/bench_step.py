"""Wall time of real GRPO steps, split by phase, against a running `atlasgym serve`.

Runs the trainer (`python -m atlasgym_trainer.train`) for a few steps with the given preset and
overrides, then summarises its metrics.jsonl (time split per step, prompt/completion tokens,
rewards) with the machine's load average into a JSON file:

    python bench/trainer/bench_step.py --server http://127.0.0.1:8787 --name quick \
        --out bench/trainer/results/step-quick.json -- --preset quick --steps 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TIME_KEYS = [
    "time/step",
    "time/generation",
    "time/weight_sync",
    "time/env",
    "time/scoring",
    "time/logprobs",
    "time/update",
]


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    steps = [{k: row.get(k) for k in ["step", *TIME_KEYS, "tokens/completion_mean", "reward/mean", "loss"]}
             for row in rows]  # fmt: skip
    return {"steps": steps, "mean": {k: sum(r[k] for r in rows) / len(rows) for k in TIME_KEYS if rows}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("train_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    extra = [a for a in args.train_args if a != "--"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as run_dir:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        command = [sys.executable, "-m", "atlasgym_trainer.train", "--server", args.server, "--out", run_dir, *extra]
        env = {**os.environ, "OMP_NUM_THREADS": "2", "HF_HUB_OFFLINE": "1"}
        proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            sys.exit(proc.stdout[-3000:] + proc.stderr[-3000:])
        rows = [json.loads(line) for line in (Path(run_dir) / "metrics.jsonl").read_text().splitlines()]
        config = (Path(run_dir) / "config.yaml").read_text()
    result = {
        "name": args.name,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "train_args": extra,
        "config": config,
        "process_wall_seconds": wall,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        **summarise(rows),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result["mean"], indent=2))


if __name__ == "__main__":
    main()
