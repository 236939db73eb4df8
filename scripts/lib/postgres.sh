# A throwaway PostgreSQL cluster for tests and CI, from Debian's postgresql package.
# start_test_postgres exports DATABASE_URL (the application's own role, subsidy_app,
# which owns the database but is no superuser) and DATABASE_ADMIN_URL (the superuser,
# which hands the audit log to audit_log_owner at start-up: db/audit-owner.ts);
# stop_test_postgres removes the cluster.

postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_postgres_binaries() {
  if [ -n "$(postgres_bindir)" ]; then return; fi
  if [ "$(id -u)" = 0 ] && has apt-get; then
    say "installing Debian's postgresql package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 \
      || die "apt-get install postgresql failed"
  fi
  [ -n "$(postgres_bindir)" ] || die "PostgreSQL server binaries are missing: install Debian's 'postgresql' package (apt-get install postgresql), or set DATABASE_URL to a server you have."
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  ensure_postgres_binaries
  local bin; bin=$(postgres_bindir)
  PG_TEST_DIR=$(mktemp -d /tmp/ai-subsidy-pg.XXXXXX)
  PG_TEST_PORT=$(free_port)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_TEST_DIR"
  as_pg_owner "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; die "initdb failed"; }
  as_pg_owner "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  as_pg_owner "$bin/psql" -q -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -c "CREATE ROLE subsidy_app LOGIN" >/dev/null
  as_pg_owner "$bin/createdb" -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -O subsidy_app ai_subsidy_test
  export DATABASE_URL="postgres://subsidy_app@127.0.0.1:$PG_TEST_PORT/ai_subsidy_test"
  export DATABASE_ADMIN_URL="postgres://postgres@127.0.0.1:$PG_TEST_PORT/ai_subsidy_test"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $PG_TEST_PORT"
}

stop_test_postgres() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  as_pg_owner "$(postgres_bindir)/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}
