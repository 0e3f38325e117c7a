# Alliance Planner: build, serve, test, benchmark.
#   make run      build the release app and serve dist/ on http://127.0.0.1:8080
#   make test     install what is missing, build, then host + browser + e2e tests
# Every target that needs tools runs .ci/bootstrap.sh first (idempotent, quick when
# everything is installed). CI runs .ci/run, i.e. `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Trunk must find the npm binaryen's wasm-opt and the cargo-installed wasm-bindgen
# first, or it tries to download them from GitHub.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CARGO_TERM_COLOR ?= never
# Type-erase Leptos components in wasm builds: smaller and faster to compile (host builds
# untouched). --emit-relocs keeps the relocations wasm-split-cli needs to split the module
# (.ci/split-wasm.mjs).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS ?= --cfg erase_components -Clink-args=--emit-relocs

# Browser tests (wasm-bindgen-test in Debian's headless Chromium via chromedriver).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON := $(CURDIR)/.ci/webdriver.json
# The runner's defaults (5 s for chromedriver to start, 20 s for the suite) are tight on 2 cores.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 30
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: help bootstrap build run test test-host test-browser test-e2e bench clean

help:
	@echo "make bootstrap     install the toolchain pieces that are missing (.ci/bootstrap.sh)"
	@echo "make build         release build into dist/ (trunk build --release)"
	@echo "make run           build, then serve dist/ on http://$(HOST):$(PORT)/"
	@echo "make test          build, then host + browser + e2e tests with one summary"
	@echo "make test-host     cargo test --lib --test host"
	@echo "make test-browser  cargo test --target wasm32-unknown-unknown --test browser"
	@echo "make test-e2e      build, then Playwright against dist/ served under /app/"
	@echo "make bench         build, then first-load size (node .ci/bench.mjs)"
	@echo "make clean         remove dist/, target/ and test output"

bootstrap:
	@bash .ci/bootstrap.sh

build: bootstrap
	trunk build --release

# The release build with its service worker, served as static files (Trunk's own
# server would inject a live-reload script that the CSP blocks).
run: build
	@echo "Serving dist/ on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind $(HOST) --directory dist

test: build
	@bash .ci/test-all.sh host browser e2e

test-host:
	@bash .ci/test-all.sh host

test-browser: bootstrap
	@bash .ci/test-all.sh browser

test-e2e: build
	@bash .ci/test-all.sh e2e

bench: build
	node .ci/bench.mjs

clean:
	rm -rf dist target test-results playwright-report
