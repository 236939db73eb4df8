# Python tools the tests use, from PyPI into a virtual environment kept in the tools
# cache (keyed by version, so every clone on the machine shares it).
SCHEMATHESIS_VERSION=4.32.5

# Prints the path of the schemathesis command, installing it on first use.
ensure_schemathesis() {
  local venv="$TOOLS_CACHE/schemathesis-$SCHEMATHESIS_VERSION"
  if [ -x "$venv/bin/schemathesis" ]; then echo "$venv/bin/schemathesis"; return; fi
  has python3 || die "Python 3 is missing: install python3 (3.10 or newer) for the OpenAPI conformance test."
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && has apt-get; then
      say "installing Debian's python3-venv package"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null) >&2 || die "apt-get install python3-venv failed"
    else
      die "Python's venv module is missing: install python3-venv."
    fi
  fi
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $venv"
  rm -rf "$venv"
  mkdir -p "$TOOLS_CACHE"
  python3 -m venv "$venv" >&2 || die "could not create a Python virtual environment in $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2 \
    || { rm -rf "$venv"; die "pip install schemathesis==$SCHEMATHESIS_VERSION failed"; }
  echo "$venv/bin/schemathesis"
}
