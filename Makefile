# The project's two commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ONCE ?=

.PHONY: help setup test typecheck demo worker sandbox bench temporal codec-server replay

help:
	@echo "make demo [ONCE=1]   start Temporal, the sandboxes and the worker; provision a batch of hires"
	@echo "make test            install what is missing, typecheck, run every test"
	@echo "make replay          replay the open runs of a live namespace against this code, before a deploy"

setup:
	@bash scripts/setup.sh

typecheck: setup
	@npx tsc --noEmit -p tsconfig.json

test: setup typecheck
	@npx tsx scripts/run-tests.ts

demo: setup
	@npx tsx scripts/demo.ts $(if $(ONCE),--once,)

temporal: setup
	@npx tsx scripts/temporal-server.ts

# Before a deploy: replay the open runs of TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE against this code (REPLAY_QUERY widens it).
replay: setup
	@npx tsx clients/replay.ts $(if $(REPLAY_QUERY),--query "$(REPLAY_QUERY)",)

codec-server: setup
	@npx tsx clients/codec-server-main.ts

worker: setup
	@npx tsx workers/main.ts

sandbox: setup
	@npx tsx sandbox/main.ts

BENCH_HIRES ?= 40
bench: setup
	@npx tsx bench/provisioning.ts $(BENCH_HIRES)
