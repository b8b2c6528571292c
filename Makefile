# Two entry points that work on a fresh Debian machine as root:
#   make report  - install what is missing, build the release binary, create registry.sqlite from
#                  data/seed, print the report
#   make test    - install what is missing, build (debug) and run every test
# and `make install` (PREFIX=/usr/local): the release binaries to $(PREFIX)/bin; `make web`: the
# web server (registry-web, started by `registry-cli serve`).
SHELL := /bin/bash
DEB_PACKAGES := libsqlite3-dev libcurl4-openssl-dev sqlite3 python3
# The web tests: a browser, and Python's venv for the OpenAPI validator and schemathesis.
DEB_TEST_PACKAGES := chromium python3-venv
DB ?= registry.sqlite
PREFIX ?= /usr/local
CLI := .build/release/registry-cli
# registry-cli's release build leaves out the web stack (the Web trait, Package.swift); the web
# server is built with it in a folder of its own, so neither release build undoes the other.
# The Swift runtime and Foundation are linked in statically: a command starts without resolving
# their symbols (callgrind: --version 15.6M instructions against 28.2M, the accounts listing as
# JSON 212.7M against 226.4M; the 364 captured outputs identical), and the installed binary
# needs no Swift toolchain beside it. It is bigger (103 MB against 32 MB).
RELEASE_CLI := swift build -c release --disable-default-traits --static-swift-stdlib \
  --product registry-cli
WEB_BUILD := .build-web
WEB := $(WEB_BUILD)/release/registry-web
VENV := .build/venv
# Pinned, with everything they pull in: openapi-schema-validator and schemathesis.
PY_REQUIREMENTS := Tests/Web/requirements.txt

.PHONY: report test web-tests fuzz-api soak fuzz deps test-deps venv build release web install \
	format lint clean

# Installs the Debian packages of $(1) that are missing (apt-get only when one is).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(DEB_PACKAGES))

test-deps: deps
	$(call apt_install,$(DEB_TEST_PACKAGES))

# The Python tools of the web tests, pinned, in a virtualenv of their own (made again when the
# pins change).
venv: $(VENV)/.installed
$(VENV)/.installed: $(PY_REQUIREMENTS) | test-deps
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r $(PY_REQUIREMENTS)
	touch $@

# Debug build: the tests (make test, soak, fuzz) run it.
build: deps
	swift build

# Release build: what users run (make report, make install); ~4x faster than debug.
release: deps
	$(RELEASE_CLI)

# The web server, a program of its own so that make report does not build the web stack;
# `registry-cli serve` finds it next to itself (the link).
web: release
	swift build -c release --scratch-path $(WEB_BUILD) --product registry-web
	ln -sf $(abspath $(WEB)) .build/release/registry-web

report: release
	@$(CLI) report adoption --db $(DB)

# The installed binary finds the seed (when it creates a database) in the data/seed of this
# checkout, whose path is built in; if the checkout moves, set REGISTRY_SEED_DIR or run
# `make clean install` there (a moved .build folder does not build).
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/registry-cli
	if [ -x $(WEB) ]; then install -m 755 $(WEB) $(DESTDIR)$(PREFIX)/bin/registry-web; fi

test: build lint venv
	swift build --build-tests
	swift test --skip-build 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}
	$(MAKE) --no-print-directory web-tests

# The web server against its OpenAPI document (every route, then a property-based run), and in a
# real browser (screenshots in .build/web-screenshots). Needs the debug build and the venv.
web-tests: venv
	$(VENV)/bin/python Tests/Web/check_api.py
	$(VENV)/bin/python Tests/Web/browser_test.py
	EXAMPLES=$${EXAMPLES:-50} $(VENV)/bin/python Tests/Web/fuzz_api.py

# A longer property-based run of the API (EXAMPLES per route, SEED).
fuzz-api: build venv
	swift build --build-tests
	EXAMPLES=$${EXAMPLES:-1000} $(VENV)/bin/python Tests/Web/fuzz_api.py

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
	rm -rf .build $(WEB_BUILD)
