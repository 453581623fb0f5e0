#!/usr/bin/env bash
# `make lint-deploy`: the alert rules and their unit tests (promtool), the Kubernetes manifests (kubeconform, strict, offline schemas).
# The tools come from scripts/setup-deploy-tools.sh; a missing one is an error, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
DEPLOY_TOOLS="${DEPLOY_TOOLS_DIR:-$(pwd)/.tools/deploy}"
KUBERNETES_SCHEMA_VERSION="1.33.0"
for tool in promtool kubeconform; do
  [ -x "$DEPLOY_TOOLS/bin/$tool" ] || { echo "lint-deploy: $DEPLOY_TOOLS/bin/$tool is missing: run make setup (scripts/setup-deploy-tools.sh)" >&2; exit 1; }
done
"$DEPLOY_TOOLS/bin/promtool" check rules deploy/prometheus/alerts.yml
(cd deploy/prometheus && "$DEPLOY_TOOLS/bin/promtool" test rules alerts.test.yml)
# A kind without a schema fails (no -ignore-missing-schemas): nothing is skipped unseen.
"$DEPLOY_TOOLS/bin/kubeconform" -strict -summary -kubernetes-version "$KUBERNETES_SCHEMA_VERSION" \
  -schema-location "$DEPLOY_TOOLS/kubernetes-schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  "${@:-deploy/kubernetes}"
