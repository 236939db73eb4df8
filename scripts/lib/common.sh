# Shared helpers for the project's shell scripts. Source, don't run.
# Tools built or downloaded here live outside the clone, keyed by tool and version,
# so a fresh clone on the same machine (as CI makes) reuses them.
TOOLS_CACHE="${AI_SUBSIDY_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-subsidy-tools}"
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
has() { command -v "$1" >/dev/null 2>&1; }

# Install npm packages when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  has node || die "Node.js is missing: install Node.js 20.3 or newer (https://nodejs.org)."
  local stamp="$PROJECT_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$PROJECT_ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages (npm ci)"
    (cd "$PROJECT_ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  fi
}
