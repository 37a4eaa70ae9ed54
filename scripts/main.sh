#!/usr/bin/env bash
# Sets up atlasgym and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
exec node bin/atlasgym.js serve "$@"
