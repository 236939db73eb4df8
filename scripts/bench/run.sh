#!/usr/bin/env bash
# Runs a benchmark on what it needs, provisioned like `npm test` does: npm packages,
# the Temporal CLI dev server (lifecycle, soak), and a throwaway PostgreSQL unless
# DATABASE_URL is set; for the workspace, its build and Debian's Chromium.
# Usage: scripts/bench/run.sh lifecycle|inbox|soak|workspace|preview [options]
# The soak restarts that PostgreSQL itself: it gets the cluster's folder and binaries.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/temporal-tools.sh"
source "$(dirname "$0")/../lib/postgres.sh"
source "$(dirname "$0")/../lib/web.sh"
cd "$PROJECT_ROOT"

which="${1:-}"
case "$which" in
  lifecycle|inbox|soak|workspace|preview) shift ;;
  *) die "usage: scripts/bench/run.sh lifecycle|inbox|soak|workspace|preview [options]" ;;
esac

ensure_node_modules
if [ "$which" = workspace ]; then
  ensure_web_build
  ensure_chromium
fi
if [ "$which" = lifecycle ] || [ "$which" = soak ]; then
  TEMPORAL_CLI_PATH=$(ensure_temporal_cli)
  export TEMPORAL_CLI_PATH
fi
if [ -z "${DATABASE_URL:-}" ]; then
  trap stop_test_postgres EXIT
  start_test_postgres
  PG_BINDIR=$(postgres_bindir)
  export PG_TEST_DIR PG_BINDIR
fi
status=0
node --import tsx "scripts/bench/$which.ts" "$@" || status=$?
exit "$status"
