#!/usr/bin/env bash
# Installs the tools `make lint-deploy` (and so `make test`) needs, into .tools/deploy, from the package registries only:
#   promtool     from Debian's `prometheus` package (downloaded and unpacked, not installed: no service starts)
#   kubeconform  `go install` from the Go module proxy
#   Kubernetes JSON schemas  from the PyPI package kubernetes-validate (which ships them), made standalone for kubeconform
# Idempotent: each step is skipped when its result is there. A step that cannot install fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
DEPLOY_TOOLS="${DEPLOY_TOOLS_DIR:-$(pwd)/.tools/deploy}"
KUBECONFORM_VERSION="v0.7.0"
KUBERNETES_VALIDATE_VERSION="1.37.0"
# The Kubernetes version the manifests are validated against (a schema set kubernetes-validate ships).
KUBERNETES_SCHEMA_VERSION="1.33.0"
mkdir -p "$DEPLOY_TOOLS/bin"

if [ ! -x "$DEPLOY_TOOLS/bin/promtool" ]; then
  echo "setup: promtool from Debian's prometheus package into $DEPLOY_TOOLS/bin"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if ! (cd "$work" && apt-get download prometheus >/dev/null 2>&1); then
    # A fresh machine may have no package lists yet.
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; else echo "setup: apt-get download prometheus failed and apt-get update needs root" >&2; exit 1; fi
    (cd "$work" && apt-get download prometheus >/dev/null)
  fi
  dpkg-deb -x "$work"/prometheus_*.deb "$work/x"
  install -m 0755 "$work/x/usr/bin/promtool" "$DEPLOY_TOOLS/bin/promtool"
  rm -rf "$work"
  trap - EXIT
fi

if [ ! -x "$DEPLOY_TOOLS/bin/kubeconform" ]; then
  command -v go >/dev/null || { echo "setup: kubeconform needs Go (go install from the module proxy); none on PATH" >&2; exit 1; }
  echo "setup: kubeconform $KUBECONFORM_VERSION (go install) into $DEPLOY_TOOLS/bin"
  GOBIN="$DEPLOY_TOOLS/bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
fi

schemas="$DEPLOY_TOOLS/kubernetes-schemas/v$KUBERNETES_SCHEMA_VERSION-standalone-strict"
if [ ! -f "$schemas/deployment-apps-v1.json" ]; then
  echo "setup: Kubernetes $KUBERNETES_SCHEMA_VERSION JSON schemas from PyPI kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download --quiet --disable-pip-version-check --no-deps -d "$work" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  python3 -m zipfile -e "$work"/kubernetes_validate-*.whl "$work/x"
  node scripts/standalone-k8s-schemas.js "$work/x/kubernetes_validate/kubernetes-json-schema/v$KUBERNETES_SCHEMA_VERSION-local-strict" "$schemas"
  rm -rf "$work"
  trap - EXIT
fi
echo "setup: promtool $("$DEPLOY_TOOLS/bin/promtool" --version 2>&1 | head -1 | awk '{print $3}'), kubeconform $KUBECONFORM_VERSION, Kubernetes schemas v$KUBERNETES_SCHEMA_VERSION"
