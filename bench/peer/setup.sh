#!/usr/bin/env bash
# The Python peer's own venv (bench/peer/.venv): FastAPI on uvicorn with its standard extras
# (uvloop event loop, httptools parser), the stack Python environment servers commonly deploy.
# Idempotent: a second run only checks the imports.
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  "$(command -v python3.11 || command -v python3)" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import fastapi, uvicorn, uvloop, httptools" 2>/dev/null; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "fastapi==0.165.0" "uvicorn[standard]==0.54.0"
fi
"$VENV/bin/python" -c "import fastapi, uvicorn; print('peer venv: fastapi', fastapi.__version__, 'uvicorn', uvicorn.__version__)"
