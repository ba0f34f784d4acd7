# pipec: `make demo` and `make test` do all the set-up on a fresh Debian machine.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build needs: OpenBLAS (CBLAS) for the runtime, pkg-config to find it.
DEB_PACKAGES := libopenblas-dev pkg-config
PIPEC := .build/debug/pipec

.PHONY: all deps build release test demo bench fuzz clean

all: build

# Installs what is missing; does nothing when everything is there.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found (pipec needs the Swift 6 toolchain)"; exit 2; }

build: deps
	$(SWIFT) build

# An optimised pipec with the Swift runtime linked in: starts faster and runs
# on machines without the Swift toolchain (.build/release/pipec).
release: deps
	$(SWIFT) build -c release --product pipec --static-swift-stdlib

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# The main job end to end on the examples that ship with pipec.
demo: build
	@echo "== pipec check: every example config and label map, against the bundled schema"
	$(PIPEC) check examples stdlib-configs
	@echo
	@echo "== pipec fmt --check: every example is in canonical style"
	$(PIPEC) fmt --check examples stdlib-configs
	@echo
	@echo "== pipec check: three unrelated syntax errors in one run (exit 1 expected)"
	@$(PIPEC) check examples/mistakes/syntax-errors.config.txt || echo "(exit status $$?: problems found, as expected)"
	@echo
	@echo "== pipec check: a misspelt field, a bad enum value, two optimizers at once (exit 1 expected)"
	@$(PIPEC) check examples/mistakes/schema-errors.config.txt || echo "(exit status $$?: problems found, as expected)"
	@echo
	@echo "== pipec fmt on a messy hand-edited config (first 30 lines)"
	$(PIPEC) fmt examples/fmt/messy.config.txt | head -30
	@echo
	@echo "== pipec new: the standard pipelines, and one copied out for 3 classes"
	$(PIPEC) new --list
	$(PIPEC) new ssd_mobilenet_v2_320x320 --num-classes 3 -o - | $(PIPEC) check -

# Speed is measured here, never in unit tests; figures go in BENCHMARKS.md.
bench: release
	$(SWIFT) run -c release pipec-bench parse examples stdlib-configs Tests
	$(SWIFT) run -c release pipec-bench schema
	$(SWIFT) run -c release pipec-bench check examples stdlib-configs

# libFuzzer over the parser (see README, Contributing).
fuzz: deps
	$(SWIFT) build -c release --product pipec-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz
	mkdir -p .build-fuzz/corpus
	.build-fuzz/release/pipec-fuzz .build-fuzz/corpus examples -max_total_time=$${FUZZ_SECONDS:-60}

clean:
	rm -rf .build .build-fuzz .build-static
