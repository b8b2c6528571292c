# Two entry points that work on a fresh Debian machine as root:
#   make report  - install what is missing, build, create registry.sqlite from data/seed, print the report
#   make test    - install what is missing, build and run every test
SHELL := /bin/bash
DEB_PACKAGES := libsqlite3-dev libcurl4-openssl-dev sqlite3 python3
DB ?= registry.sqlite
CLI := .build/debug/registry-cli

.PHONY: report test soak fuzz deps build format lint clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build

report: build
	@$(CLI) report adoption --db $(DB)

test: build lint
	swift build --build-tests
	swift test --skip-build 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}

# Long reliability runs (docs/reliability.md): 100 SIGKILLs during a 300,000-row import, a
# bigger concurrent run, and 1,000,000 generated inputs to the readers and the handle parser.
soak: build
	swift build --build-tests
	CRASH_ROWS=300000 CRASH_KILLS=100 CONCURRENCY_ROWS=200000 swift test --skip-build \
	  --filter 'CrashSafetyTests|ConcurrencyTests' 2>&1 | tee .build/soak-output.txt; exit $${PIPESTATUS[0]}

fuzz: build
	swift build --build-tests
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-1000000} swift test --skip-build --filter FuzzTests 2>&1 \
	  | tee .build/fuzz-output.txt; exit $${PIPESTATUS[0]}

format:
	swift format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build
