#!/usr/bin/env bash
# Sets up everything the tests need (from the registries only) and runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm run format:check
npm test
