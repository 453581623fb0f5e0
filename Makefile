# The project's two commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ONCE ?=
TESTS ?=
# Long-running targets `exec` node with tsx's loader: no shell or npx in between, so make's SIGTERM
# (the only signal make passes on to a recipe) reaches the process that stops the children.
TSNODE := exec node --import tsx

.PHONY: help setup test test-ui typecheck demo worker sandbox bench temporal codec-server replay ingress bench-ingress

help:
	@echo "make demo [ONCE=1]   start Temporal, the sandboxes and the worker; provision a batch of hires"
	@echo "make test [TESTS=..] install what is missing, typecheck, run every test (or those whose path contains a TESTS word)"
	@echo "make test-ui         the Web UI in a headless browser against the demo (not part of make test)"
	@echo "make replay          replay the open runs of a live namespace against this code, before a deploy"
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

# The event ingress (port INGRESS_PORT, 3000): Workday notifications, Coupa Call Outs, signed events → workflows.
ingress: setup
	@$(TSNODE) clients/ingress/main.ts

BENCH_HIRES ?= 40
bench: setup
	@npx tsx bench/provisioning.ts $(BENCH_HIRES)

# Workday hire notification → ingress → Coupa user exists: median and p99 over BENCH_EVENTS events.
BENCH_EVENTS ?= 200
bench-ingress: setup
	@npx tsx bench/ingress-latency.ts $(BENCH_EVENTS)
