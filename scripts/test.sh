#!/usr/bin/env bash
# Sets up everything the tests need (npm, PyPI) on a fresh machine and runs them all:
# type check, lint, format, the TypeScript suite (node's test runner) and the trainer's pytest suite.
# Ends with one line "N passed, N failed" summing both runners.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm install` rather than `npm ci`: the registry here lacks some of node-llama-cpp's optional
# platform packages (macOS, Windows), which `npm ci` refuses while `npm install` skips them.
npm install --no-audit --no-fund
bash scripts/install-model.sh
bash scripts/setup-python.sh
bash scripts/setup-test-tools.sh

npm run typecheck
npm run lint
npm run format:check
.venv/bin/ruff check trainer bench/trainer
.venv/bin/ruff format --check trainer bench/trainer
(cd trainer && ../.venv/bin/mypy src)

logs=$(mktemp -d)
node_status=0
npm test 2>&1 | tee "$logs/node.txt" || node_status=$?
py_status=0
(cd trainer && ../.venv/bin/python -m pytest -q -p no:cacheprovider) 2>&1 | tee "$logs/pytest.txt" || py_status=$?

node_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$logs/node.txt" | tail -1)
node_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$logs/node.txt" | tail -1)
py_pass=$( (grep -Eo '[0-9]+ passed' "$logs/pytest.txt" || true) | tail -1 | grep -Eo '[0-9]+' || true)
py_fail=$( (grep -Eo '[0-9]+ (failed|errors?)' "$logs/pytest.txt" || true) | awk '{n += $1} END {print n + 0}')
passed=$(( ${node_pass:-0} + ${py_pass:-0} ))
failed=$(( ${node_fail:-0} + ${py_fail:-0} ))
if [ "$node_status" -ne 0 ] || [ "$py_status" -ne 0 ]; then [ "$failed" -gt 0 ] || failed=1; fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
