#!/usr/bin/env bash
# Sets up atlasgym on a fresh machine (npm, PyPI) and runs the main job: the `quick` preset on the
# embedded SmolLM2-135M against a local env server (supervised warm-up on oracle demonstrations,
# then GRPO), with evals before, after the warm-up and after GRPO on held-out test tasks and a
# comparison report in runs/quick/.
# Extra arguments go to `atlasgym train` (e.g. --steps 2, --eval-tasks 0, --scenario labels).
set -euo pipefail
cd "$(dirname "$0")/.."
# `npm install` rather than `npm ci`: the registry here lacks some of node-llama-cpp's optional
# platform packages (macOS, Windows), which `npm ci` refuses while `npm install` skips them.
npm install --no-audit --no-fund
npm run build
bash scripts/install-model.sh
bash scripts/setup-python.sh
exec node bin/atlasgym.js train --preset quick --out runs/quick "$@"
