#!/usr/bin/env bash
# Runs the whole test suite on real servers: provisions npm packages, the Temporal
# servers (Maven Central, Go proxy), schemathesis (PyPI, in a venv) and a throwaway
# PostgreSQL when DATABASE_URL is unset, then type-checks, lints and runs vitest.
# Extra arguments go to vitest.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/temporal-tools.sh"
source "$(dirname "$0")/lib/postgres.sh"
source "$(dirname "$0")/lib/web.sh"
source "$(dirname "$0")/lib/python-tools.sh"
cd "$PROJECT_ROOT"

ensure_node_modules
TEMPORAL_TEST_SERVER_PATH=$(ensure_temporal_test_server)
TEMPORAL_CLI_PATH=$(ensure_temporal_cli)
SCHEMATHESIS_PATH=$(ensure_schemathesis)
export TEMPORAL_TEST_SERVER_PATH TEMPORAL_CLI_PATH SCHEMATHESIS_PATH
ensure_chromium
ensure_web_build
if [ -z "${DATABASE_URL:-}" ]; then
  trap stop_test_postgres EXIT
  start_test_postgres
fi

say "type-checking and linting"
npx tsc --noEmit
npx tsc --noEmit -p web
npx eslint --max-warnings 0 .

say "running vitest"
report=$(mktemp /tmp/ai-subsidy-vitest.XXXXXX.json)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# A closing line CI can read whatever the runner: "N passed, N failed".
node -e 'const r=require(process.argv[1]);console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$report" || true
rm -f "$report"
exit "$status"
