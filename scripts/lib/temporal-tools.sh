# Provisions the two Temporal servers from package registries (no internet needed):
# the time-skipping test server from Maven Central, the CLI dev server from the Go
# module proxy. Each function prints the executable's path, or nothing when the tool
# chain is missing (callers then fall back to the SDK's own download).
TEST_SERVER_VERSION="1.38.0"
TEMPORAL_CLI_VERSION="1.5.1"

ensure_temporal_test_server() {
  local dir="$TOOLS_CACHE/temporal-test-server-$TEST_SERVER_VERSION"
  local launcher="$dir/temporal-test-server"
  if [ -x "$launcher" ]; then echo "$launcher"; return; fi
  if ! has java || ! has mvn; then
    say "java or mvn missing: the Temporal test server will come from the SDK's download (needs internet). Install a JDK 11+ and Maven to run offline."
    return
  fi
  say "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central"
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tools</groupId><artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version><packaging>pom</packaging>
  <dependencies><dependency>
    <groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
    <version>$TEST_SERVER_VERSION</version>
  </dependency></dependencies>
</project>
POM
  (cd "$dir" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$dir/lib" -DincludeScope=runtime) >&2 \
    || die "Maven could not fetch io.temporal:temporal-test-server:$TEST_SERVER_VERSION"
  # The SDK runs this with the port as its only argument.
  cat > "$launcher.tmp" <<SH
#!/usr/bin/env bash
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$dir/lib/*" io.temporal.testserver.TestServer "\$@"
SH
  chmod +x "$launcher.tmp" && mv "$launcher.tmp" "$launcher"
  echo "$launcher"
}

ensure_temporal_cli() {
  local dir="$TOOLS_CACHE/temporal-cli-$TEMPORAL_CLI_VERSION"
  if [ -x "$dir/temporal" ]; then echo "$dir/temporal"; return; fi
  if has temporal && temporal --version 2>/dev/null | grep -q "$TEMPORAL_CLI_VERSION"; then command -v temporal; return; fi
  if ! has go; then
    say "go missing: the Temporal dev server will come from the SDK's download (needs internet). Install Go 1.23+ to build it offline."
    return
  fi
  say "building the Temporal CLI v$TEMPORAL_CLI_VERSION with go install (takes a few minutes the first time)"
  mkdir -p "$dir"
  local log="$dir/build.log" started=$SECONDS
  (cd "$dir" && GOBIN="$dir/bin.tmp" GOFLAGS=-buildvcs=false go install -v "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION") >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    say "  still building the Temporal CLI: $(( SECONDS - started ))s, $(wc -l <"$log") packages compiled"
  done
  if ! wait "$pid"; then
    tail -n 20 "$log" >&2
    die "go install github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION failed (log: $log)"
  fi
  mv "$dir/bin.tmp/temporal" "$dir/temporal" && rmdir "$dir/bin.tmp"
  say "built the Temporal CLI in $(( SECONDS - started ))s"
  echo "$dir/temporal"
}
