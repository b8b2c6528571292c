# Two entry points that work on a fresh Debian machine as root:
#   make report  - install what is missing, build the release binary, create registry.sqlite from
#                  data/seed, print the report
#   make test    - install what is missing, build (debug) and run every test
# and `make install` (PREFIX=/usr/local): the release binary to $(PREFIX)/bin.
SHELL := /bin/bash
DEB_PACKAGES := libsqlite3-dev libcurl4-openssl-dev sqlite3 python3
DB ?= registry.sqlite
PREFIX ?= /usr/local
CLI := .build/release/registry-cli

.PHONY: report test soak fuzz deps build release install format lint clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Debug build: the tests (make test, soak, fuzz) run it.
build: deps
	swift build

# Release build: what users run (make report, make install); ~4x faster than debug.
release: deps
	swift build -c release --product registry-cli

report: release
	@$(CLI) report adoption --db $(DB)

# The installed binary finds the seed (when it creates a database) in the data/seed of this
# checkout, whose path is built in; if the checkout moves, set REGISTRY_SEED_DIR or run
# `make clean install` there (a moved .build folder does not build).
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/registry-cli

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
