# The workspace (web/): built by Vite into web/dist, which the API serves under /app/.
# Source, don't run.

# Builds the workspace when web/dist is missing or any source is newer than it.
ensure_web_build() {
  local stamp="$PROJECT_ROOT/web/dist/index.html"
  if [ -f "$stamp" ] && [ -z "$(find "$PROJECT_ROOT/web" "$PROJECT_ROOT/api" "$PROJECT_ROOT/package-lock.json" \
      -path "$PROJECT_ROOT/web/dist" -prune -o -type f -newer "$stamp" -print -quit)" ]; then
    return
  fi
  say "building the workspace (vite build web)"
  (cd "$PROJECT_ROOT" && npx vite build web --logLevel warn) >&2 || die "the workspace did not build"
}

# Debian's chromium for the browser tests, installed the way PostgreSQL is (no
# browser download: Playwright drives this one through playwright-core).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  if [ "$(id -u)" = 0 ] && has apt-get; then
    say "installing Debian's chromium package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 \
      || die "apt-get install chromium failed"
  fi
  [ -x /usr/bin/chromium ] || die "Chromium is missing: install Debian's 'chromium' package (apt-get install chromium)."
}
