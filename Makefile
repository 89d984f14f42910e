# readout: a thin index of the project's commands. `make` alone lists them.

SAMPLE      := tests/data/000_33a1af8f75da2c74.txt
SAMPLE_DATE := 2024-04-02
DB          ?= readout.db
CARGO       ?= cargo
APT_GET     := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.DEFAULT_GOAL := help
.PHONY: help deps build run test lint doc check bench

help: ## List the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-6s %s\n", $$1, $$2 }'

deps: ## Install what the build and tests need beyond cargo (the sqlite3 shell)
	@command -v sqlite3 >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq sqlite3 >/dev/null; }

build: ## Build the release binary
	$(CARGO) build --release --locked

run: build ## Ingest the sample page into readout.db and summarize what was extracted
	./target/release/readout ingest --db $(DB) --issue-date $(SAMPLE_DATE) $(SAMPLE)
	./target/release/readout summary --db $(DB)

test: deps ## Run every test
	$(CARGO) test --locked --all-targets

lint: ## Check formatting and lints (warnings are errors)
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

doc: ## Build the API docs (warnings are errors)
	RUSTDOCFLAGS="-D warnings -A rustdoc::private-intra-doc-links" $(CARGO) doc --locked --no-deps --document-private-items

check: lint test doc ## What CI runs: lint, tests, docs

bench: build ## Measure throughput and memory on a synthetic corpus (N pages, default 2000)
	$(CARGO) run --release --locked --bin readout-bench -- --pages $(or $(N),2000)
