# pipec: `make demo` and `make test` do all the set-up on a fresh Debian machine.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build needs: OpenBLAS (CBLAS) for the runtime, pkg-config to find it.
DEB_PACKAGES := libopenblas-dev pkg-config
PIPEC := .build/debug/pipec

.PHONY: all deps build release test demo bench bench-vs-tf fuzz clean

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
DEMO := .build/demo

demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@echo "== 1. start: pipec new copies a standard pipeline out for 3 classes, and pipec check reads it"
	$(PIPEC) new ssd_mobilenet_v2_320x320 --num-classes 3 --label-map data/label_map.pbtxt \
	  --train-record data/train.record --eval-record data/val.record -o $(DEMO)/pipeline.config
	$(PIPEC) check $(DEMO)/pipeline.config
	@echo
	@echo "== 2. check: syntax mistakes, all in one run (exit 1 expected)"
	@$(PIPEC) check examples/mistakes/syntax-errors.config.txt || echo "(exit status $$?: problems found, as expected)"
	@echo
	@echo "== 2. check: schema mistakes: a misspelt field, a bad enum value, two optimizers at once"
	@$(PIPEC) check examples/mistakes/schema-errors.config.txt || echo "(exit status $$?: problems found, as expected)"
	@echo
	@echo "== 2. check: the lint rules on the seed mistakes (a schedule that never decays, momentum 0.1, ...)"
	@$(PIPEC) check --target tf2 examples/lint/seed-mistakes.config.txt 2>&1 | grep -E "^(examples|error)" || true
	@echo
	@echo "== 2. check: every shipped config has no error (warnings: placeholder paths to fill in)"
	@$(PIPEC) check examples stdlib-configs 2>&1 | tail -1
	$(PIPEC) fmt --check examples stdlib-configs
	@echo
	@echo "== 3. expand: the optimizer study (momentum vs RMSProp vs Adam x momentum 0.1..0.9)"
	$(PIPEC) expand examples/optimizer-study/optimizer.sweep --dry-run
	$(PIPEC) expand examples/optimizer-study/optimizer.sweep -o $(DEMO)/optimizer-study
	@ls $(DEMO)/optimizer-study | head -5
	@echo
	@echo "== 4. plan: one point of the study, lowered (layers, anchors, schedule, cost) and its learning-rate plot"
	$(PIPEC) plan $(DEMO)/optimizer-study/$$(ls $(DEMO)/optimizer-study | grep -m1 momentum) \
	  --device-memory 16GiB --lr-plot $(DEMO)/learning-rate.svg | tail -28
	@echo "(learning-rate plot: $(DEMO)/learning-rate.svg)"
	@echo
	@echo "== 5. run: the runtime is benchmarked (pipec-bench conv, step); training runs arrive with the detector runtime"

# Speed is measured here, never in unit tests; figures go in BENCHMARKS.md.
bench: release
	$(SWIFT) run -c release pipec-bench parse examples stdlib-configs Tests
	$(SWIFT) run -c release pipec-bench schema
	$(SWIFT) run -c release pipec-bench check examples stdlib-configs
	$(SWIFT) run -c release pipec-bench plan examples
	$(SWIFT) run -c release pipec-bench expand

# The runtime against TensorFlow, side by side in one run (issue 8; needs the virtual
# environment of ../shared/bench/setup.sh, see Sources/pipec-bench/scripts/side_by_side.py for its options).
bench-vs-tf: deps
	$(SWIFT) build -c release --product pipec-bench
	python3 Sources/pipec-bench/scripts/side_by_side.py $(BENCH_ARGS)

# libFuzzer over the parser (see README, Contributing).
fuzz: deps
	$(SWIFT) build -c release --product pipec-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz
	mkdir -p .build-fuzz/corpus
	.build-fuzz/release/pipec-fuzz .build-fuzz/corpus examples -max_total_time=$${FUZZ_SECONDS:-60}

clean:
	rm -rf .build .build-fuzz
