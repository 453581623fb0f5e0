# The project's two commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ONCE ?=
TESTS ?=
# Long-running targets `exec` node with tsx's loader: no shell or npx in between, so make's SIGTERM
# (the only signal make passes on to a recipe) reaches the process that stops the children.
TSNODE := exec node --import tsx

.PHONY: help setup test test-ui typecheck demo worker sandbox bench temporal codec-server replay mcp build worker-built lint-deploy bench-payment ingress bench-ingress

help:
	@echo "make demo [ONCE=1]   start Temporal, the sandboxes and the worker; provision a batch of hires"
	@echo "make test [TESTS=..] install what is missing, typecheck, run every test (or those whose path contains a TESTS word)"
	@echo "make test-ui         the Web UI in a headless browser against the demo (not part of make test)"
	@echo "make replay          replay the open runs of a live namespace against this code, before a deploy"
	@echo "make mcp             the MCP agent gateway (Streamable HTTP on MCP_PORT 3100; MCP_TOKENS name:role:token)"
	@echo "make build           the production build: dist/ and its prebuilt workflow bundle (what the image runs)"
	@echo "make lint-deploy     alert rules and their tests (promtool), Kubernetes manifests (kubeconform)"
	@echo "make ingress         the event ingress (Workday notifications, Coupa Call Outs, signed events) on INGRESS_PORT (3000)"

setup:
	@bash scripts/setup.sh

typecheck: setup
	@npx tsc --noEmit -p tsconfig.json

# `npm test` runs the same step (without setup and typecheck).
test: setup typecheck
	@$(TSNODE) scripts/run-tests.ts $(TESTS)

test-ui: setup
	@npx tsx test/ui/run.ts

# Exit status: 0 done, 1 a scenario failed, 2 cannot start (port in use...), 3 a component died, 128+n on signal n.
demo: setup
	@$(TSNODE) scripts/demo.ts $(if $(ONCE),--once,)

temporal: setup
	@$(TSNODE) scripts/temporal-server.ts

# Before a deploy: replay the open runs of TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE against this code (REPLAY_QUERY widens it).
replay: setup
	@npx tsx clients/replay.ts $(if $(REPLAY_QUERY),--query "$(REPLAY_QUERY)",)

codec-server: setup
	@$(TSNODE) clients/codec-server-main.ts

worker: setup
	@$(TSNODE) workers/main.ts

sandbox: setup
	@$(TSNODE) sandbox/main.ts

# A few minutes by default; BENCH_HIRES=2000 for the full burst run (at least 200 s at Workday's 10 req/s).
BENCH_HIRES ?= 200
BENCH_LATENCY_HIRES ?= 100
bench: setup
	@BENCH_HIRES=$(BENCH_HIRES) BENCH_LATENCY_HIRES=$(BENCH_LATENCY_HIRES) npx tsx bench/burst.ts
	@BENCH_HIRES=$(BENCH_HIRES) npx tsx bench/overhead.ts
	@npx tsx bench/calls-per-event.ts

# The MCP agent gateway: the integration's actions as governed tools for assistants (clients/mcp/).
mcp: setup
	@$(TSNODE) clients/mcp/main.ts

# The production build: JavaScript in dist/ and the workflow bundle built once (dist/workflow-bundle.js).
build: setup
	@npm run build

# The worker from the production build: starts without bundling, as the image does.
worker-built: build
	@exec node dist/clients/start.js worker

# Alert rules with their unit tests, and the Kubernetes manifests against offline schemas (also run by make test).
lint-deploy: setup
	@bash scripts/lint-deploy.sh

# Invoice to payment: N runs waiting on payment at once (worker RSS, payment signal → Coupa paid latency).
BENCH_INVOICES ?= 10000
BENCH_PAYMENTS ?= 500
bench-payment: setup
	@npx tsx bench/invoice-payment.ts $(BENCH_INVOICES) $(BENCH_PAYMENTS)
# The event ingress (port INGRESS_PORT, 3000): Workday notifications, Coupa Call Outs, signed events → workflows.
ingress: setup
	@$(TSNODE) clients/ingress/main.ts


# Workday hire notification → ingress → Coupa user exists: median and p99 over BENCH_EVENTS events.
BENCH_EVENTS ?= 200
bench-ingress: setup
	@npx tsx bench/ingress-latency.ts $(BENCH_EVENTS)
