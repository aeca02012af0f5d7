# Tenet — build, test, demo, bench. Every target installs missing dependencies first.
# Trees: build/release (default), build/debug, build/asan (everything but benchmarks under ASan+UBSan),
# build/fuzz (clang libFuzzer target).

JOBS      ?= $(shell nproc)
CMAKE_GEN := -G Ninja
RELEASE   := build/release
DEBUG     := build/debug
ASAN      := build/asan
FUZZ      := build/fuzz
FUZZ_SECONDS ?= 60
export CCACHE_DIR ?= $(CURDIR)/.ccache

PREFIX    ?= /usr/local

.PHONY: all deps build install debug asan fuzz test test-release test-asan test-fuzz demo bench bench-peers clean

all: build

deps:
	@bash scripts/install-deps.sh

$(RELEASE)/build.ninja: | deps
	@cmake -S . -B $(RELEASE) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: deps $(RELEASE)/build.ninja
	@cmake --build $(RELEASE) -j $(JOBS)

# PREFIX/bin/tenet and the standard library in PREFIX/share/tenet/stdlib, found by the
# installed binary relative to itself.
install: build
	@cmake --install $(RELEASE) --prefix $(PREFIX) >/dev/null
	@echo "installed $(PREFIX)/bin/tenet and $(PREFIX)/share/tenet/stdlib"

debug: deps
	@cmake -S . -B $(DEBUG) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(DEBUG) -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENET_SANITIZE=ON -DTENET_BENCH=OFF >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)

fuzz: deps
	@cmake -S . -B $(FUZZ) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENET_VM_ONLY=ON -DTENET_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=clang++ -DTENET_SANITIZE=ON >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS) --target tenet_vm_fuzz

# tests/ethers holds the pinned ethers.js used by the ABI cross-check (cli.ethers_abi).
test-release: build
	@cd tests/ethers && npm ci --silent --no-audit --no-fund
	@cd $(RELEASE) && ctest --output-on-failure -j $(JOBS)

# Sanitizers multiply stack frames about sevenfold: 1024 nested external calls need
# ~18 MiB of stack under ASan (~2.6 MiB in release), so raise the limit for these runs.
test-asan: asan
	@cd $(ASAN) && ulimit -s 262144 && ctest --output-on-failure -j $(JOBS)

# Seeds: the sample programs, assembled (mode byte 0 = whole container).
test-fuzz: fuzz build
	@mkdir -p $(FUZZ)/corpus $(FUZZ)/seeds
	@for f in examples/asm/*.tasm bench/programs/*.tasm; do \
	  n=$$(basename $$f .tasm); \
	  $(RELEASE)/cli/tenet asm $$f -o $(FUZZ)/seeds/$$n.tbc >/dev/null && \
	  { printf '\000'; cat $(FUZZ)/seeds/$$n.tbc; } > $(FUZZ)/seeds/$$n.seed && rm $(FUZZ)/seeds/$$n.tbc; \
	done
	@echo "fuzzing validator + interpreter for $(FUZZ_SECONDS) s"
	@ulimit -s 262144 && $(FUZZ)/tests/tenet_vm_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	  $(FUZZ)/corpus $(FUZZ)/seeds > $(FUZZ)/fuzz.log 2>&1 || { tail -n 60 $(FUZZ)/fuzz.log; exit 1; }
	@grep -E "^#[0-9]+.*DONE" $(FUZZ)/fuzz.log | tail -n 1

# Release tests, then the VM under sanitizers, then a bounded fuzz run.
test: test-release test-asan test-fuzz
	@echo "make test: all suites passed"

demo: build
	@bash scripts/demo.sh $(RELEASE)/cli/tenet

bench: build
	@$(RELEASE)/bench/tenet_vm_bench --benchmark_counters_tabular=true
	@$(RELEASE)/bench/tenet_compiler_bench --benchmark_counters_tabular=true
	@$(RELEASE)/bench/tenet_contract_bench --benchmark_counters_tabular=true

# Tenet against anvil (revm) on the four contracts of bench/contracts/ (bench/peers/README.md).
# Not part of `make test`: it installs anvil from npm and takes about a minute.
bench-peers: build
	@cd bench/peers && npm ci --silent --no-audit --no-fund
	@node bench/peers/run.mjs --tenet-bench $(RELEASE)/bench/tenet_contract_bench

clean:
	@rm -rf build
