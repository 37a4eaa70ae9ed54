#!/usr/bin/env bash
# Python tools the test suite and benchmarks use besides the trainer: the unchanged OpenEnv
# client (openenv-core, installed without its UI/CLI extras such as gradio) and FastAPI/uvicorn
# (the peer server of the benchmark). Installs into the project venv; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import openenv.core.generic_client, fastapi, uvicorn" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps openenv-core==0.3.0
  .venv/bin/pip install --quiet --disable-pip-version-check websockets pydantic requests fastapi uvicorn fastmcp
fi
