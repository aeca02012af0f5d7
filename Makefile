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

.PHONY: all deps build install debug asan fuzz test test-release test-asan test-fuzz demo bench bench-dos bench-peers bench-test-peers bench-node clean

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

# The sanitizer tree checks memory and undefined behaviour, not optimised code: -O1 (what the
# AddressSanitizer documentation recommends) and -g1 (line tables only: ASan and UBSan reports
# keep function, file and line) compile in about half the CPU time of RelWithDebInfo's -O2 -g
# (docs/development.md, "Build trees and CI time"). NDEBUG as in the other trees.
ASAN_CXX_FLAGS := -O1 -g1 -DNDEBUG

asan: deps
	@cmake -S . -B $(ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(ASAN_CXX_FLAGS)" \
	  -DTENET_SANITIZE=ON -DTENET_BENCH=OFF >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)

fuzz: deps
	@cmake -S . -B $(FUZZ) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENET_VM_ONLY=ON -DTENET_FUZZ=ON \
	  -DCMAKE_CXX_COMPILER=clang++ -DTENET_SANITIZE=ON >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS) --target tenet_vm_fuzz

# tests/ethers holds the pinned ethers.js used by the ABI cross-check (cli.ethers_abi);
# tests/node/acceptance the pinned ethers, cast and anvil of node.acceptance; editors/vscode
# the VS Code extension's tools (editors.vscode_grammar, editors.vscode_package);
# examples/supply-chain/scripts the ethers of the demo's trail script (cli.demo_script).
test-release: build
	@cd tests/ethers && npm ci --silent --no-audit --no-fund
	@cd tests/node/acceptance && npm ci --silent --no-audit --no-fund
	@cd editors/vscode && npm ci --silent --no-audit --no-fund
	@cd examples/supply-chain/scripts && npm ci --silent --no-audit --no-fund
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

# The VS Code extension as editors/vscode/tenet-<version>.vsix (editors/vscode/README.md);
# install it with `code --install-extension editors/vscode/tenet-<version>.vsix`.
.PHONY: vsix
vsix: deps
	@cd editors/vscode && npm ci --silent --no-audit --no-fund
	@cd editors/vscode && npx --no-install vsce package --allow-missing-repository

demo: build
	@bash scripts/demo.sh $(RELEASE)/cli/tenet

bench: build
	@$(RELEASE)/bench/tenet_vm_bench --benchmark_counters_tabular=true
	@$(RELEASE)/bench/tenet_compiler_bench --benchmark_counters_tabular=true
	@$(RELEASE)/bench/tenet_contract_bench --benchmark_counters_tabular=true
	@$(RELEASE)/bench/tenet_lsp_bench --benchmark_counters_tabular=true

# Denial-of-service bench (docs/vm.md): every adversarial pattern of bench/dos/ at the block
# gas limit, time and native memory per gas against the arithmetic loop, worst first.
# Not part of `make bench` or `make test` (tenet_dos_tests checks the patterns' gas and memory).
# DOS_ARGS passes options (e.g. DOS_ARGS="--gas 1000000 --filter keccak").
bench-dos: deps $(RELEASE)/build.ninja
	@cmake --build $(RELEASE) -j $(JOBS) --target tenet_dos_bench
	@$(RELEASE)/bench/tenet_dos_bench $(DOS_ARGS)

# Tenet against anvil (revm) on the four contracts of bench/contracts/ (bench/peers/README.md).
# Not part of `make test`: it installs anvil from npm and takes about a minute.
bench-peers: build
	@cd bench/peers && npm ci --silent --no-audit --no-fund
	@node bench/peers/run.mjs --tenet-bench $(RELEASE)/bench/tenet_contract_bench --tenet-node $(RELEASE)/cli/tenet

# `tenet node` against anvil as a development chain: cold start, send+receipt latency, batch
# throughput (automine and evm_mine), eth_call, per-block cost as the chain grows to 10,000
# blocks, in memory, on disk and with --fsync (bench/peers/README.md). Not part of `make test`.
bench-node: build
	@cd bench/peers && npm ci --silent --no-audit --no-fund
	@node bench/peers/node_bench.mjs --tenet $(RELEASE)/cli/tenet $(NODE_BENCH_ARGS)

# `tenet test` against forge on one token test suite, clean and warm (bench/peers/token-tests/README.md).
# Not part of `make test`: it installs forge and solc-js from npm and takes about a minute.
bench-test-peers: deps $(RELEASE)/build.ninja
	@cmake --build $(RELEASE) -j $(JOBS) --target tenet
	@cd bench/peers/token-tests/solc-shim && npm ci --silent --no-audit --no-fund
	@cd bench/peers/token-tests/forge-bin && npm ci --silent --no-audit --no-fund
	@node bench/peers/token-tests/run.mjs --tenet $(RELEASE)/cli/tenet

# The compiler fuzz campaign (tests/fuzz/README.md): its own clang tree (libFuzzer, ASan,
# UBSan without vptr, since libLLVM is built without RTTI), seeded from every test program,
# then the inputs that reach new code merged (-merge=1, edges only) into
# tests/fuzz/compiler_corpus/ and that folder cut to a greedy set cover of its edges
# (compiler_corpus_minimise.sh); `make test` replays it in the release tree (ctest
# fuzz.compiler_corpus).
# FUZZ_SECONDS given on the command line overrides the campaign's 600 s.
FUZZ_COMPILER := build/fuzz-compiler
FUZZ_COMPILER_SECONDS := $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),600)
FUZZ_COMPILER_SANITIZERS := -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all -fno-omit-frame-pointer
# The clang tree of the compiler and node campaigns (configured the same way by both targets).
FUZZ_COMPILER_CONFIGURE := cmake -S . -B $(FUZZ_COMPILER) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTENET_FUZZ=ON -DTENET_BENCH=OFF -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$(FUZZ_COMPILER_SANITIZERS)" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
FUZZ_COMPILER_RUN := $(FUZZ_COMPILER)/tests/tenet_compiler_fuzz -timeout=10 -rss_limit_mb=4096

.PHONY: fuzz-compiler
fuzz-compiler: deps
	@$(FUZZ_COMPILER_CONFIGURE) >/dev/null
	@cmake --build $(FUZZ_COMPILER) -j $(JOBS) --target tenet_compiler_fuzz
	@rm -rf $(FUZZ_COMPILER)/seeds && bash tests/fuzz/compiler_seeds.sh $(FUZZ_COMPILER)/seeds
	@mkdir -p $(FUZZ_COMPILER)/corpus $(FUZZ_COMPILER)/artifacts tests/fuzz/compiler_corpus
	@echo "fuzzing the compiler for $(FUZZ_COMPILER_SECONDS) s (log: $(FUZZ_COMPILER)/fuzz.log)"
	@ulimit -s 262144 && $(FUZZ_COMPILER_RUN) -max_total_time=$(FUZZ_COMPILER_SECONDS) -print_final_stats=1 \
	  -dict=tests/fuzz/tenet.dict -artifact_prefix=$(FUZZ_COMPILER)/artifacts/ \
	  $(FUZZ_COMPILER)/corpus tests/fuzz/compiler_corpus $(FUZZ_COMPILER)/seeds > $(FUZZ_COMPILER)/fuzz.log 2>&1 \
	  || { tail -n 80 $(FUZZ_COMPILER)/fuzz.log; echo "reproducer: $(FUZZ_COMPILER)/artifacts/"; exit 1; }
	@grep -E "^#[0-9]+.*DONE" $(FUZZ_COMPILER)/fuzz.log | tail -n 1
	@ulimit -s 262144 && $(FUZZ_COMPILER_RUN) -merge=1 -use_counters=0 tests/fuzz/compiler_corpus $(FUZZ_COMPILER)/corpus \
	  $(FUZZ_COMPILER)/seeds > $(FUZZ_COMPILER)/merge.log 2>&1 || { tail -n 40 $(FUZZ_COMPILER)/merge.log; exit 1; }
	@ulimit -s 262144 && bash tests/fuzz/compiler_corpus_minimise.sh $(FUZZ_COMPILER)/tests/tenet_compiler_fuzz \
	  tests/fuzz/compiler_corpus

# The node fuzz campaign (tests/fuzz/README.md): the node's readers of untrusted bytes, chosen
# by the first byte mod 4 (RLP, raw transactions, proofs, the JSON-RPC handler of an in-memory
# node) in the compiler campaign's clang tree, seeded from tests/fuzz/node_corpus/
# (ethereum/tests vectors, rpc-* request bodies), new inputs merged back into it; `make test`
# replays that corpus in the release tree (ctest fuzz.node_corpus).
NODE_FUZZ_SECONDS := $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),600)
NODE_FUZZ_RUN := $(FUZZ_COMPILER)/tests/tenet_node_fuzz -timeout=10 -rss_limit_mb=4096

.PHONY: fuzz-node
fuzz-node: deps
	@$(FUZZ_COMPILER_CONFIGURE) >/dev/null
	@cmake --build $(FUZZ_COMPILER) -j $(JOBS) --target tenet_node_fuzz
	@mkdir -p $(FUZZ_COMPILER)/node_corpus $(FUZZ_COMPILER)/node_artifacts
	@echo "fuzzing the node's decoders for $(NODE_FUZZ_SECONDS) s (log: $(FUZZ_COMPILER)/node_fuzz.log)"
	@$(NODE_FUZZ_RUN) -max_total_time=$(NODE_FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_COMPILER)/node_artifacts/ $(FUZZ_COMPILER)/node_corpus tests/fuzz/node_corpus \
	  > $(FUZZ_COMPILER)/node_fuzz.log 2>&1 \
	  || { tail -n 80 $(FUZZ_COMPILER)/node_fuzz.log; echo "reproducer: $(FUZZ_COMPILER)/node_artifacts/"; exit 1; }
	@grep -E "^#[0-9]+.*DONE" $(FUZZ_COMPILER)/node_fuzz.log | tail -n 1
	@$(NODE_FUZZ_RUN) -merge=1 -use_counters=0 tests/fuzz/node_corpus $(FUZZ_COMPILER)/node_corpus \
	  > $(FUZZ_COMPILER)/node_merge.log 2>&1 || { tail -n 40 $(FUZZ_COMPILER)/node_merge.log; exit 1; }

clean:
	@rm -rf build
