#!/usr/bin/env bash
# Starts the whole system on embedded defaults: Temporal dev server (SQLite file and
# Web UI), PGlite (or DATABASE_URL), the worker and the API with the workspace (web/,
# built here when its sources are newer than the build). State lives in .data/,
# so a second start resumes where the first stopped.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/temporal-tools.sh"
source "$(dirname "$0")/lib/web.sh"
cd "$PROJECT_ROOT"

ensure_node_modules
ensure_web_build
TEMPORAL_CLI_PATH=$(ensure_temporal_cli)
export TEMPORAL_CLI_PATH
exec npx tsx scripts/start-system.ts "$@"
