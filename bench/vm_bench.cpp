// VM benchmarks: hand-written .tasm programs run through the whole VM (dispatch,
// interpreter, in-memory host). Counters: ns per executed instruction and gas per second.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

namespace {

using namespace tenet::vm;

class InstructionCounter : public Tracer {
 public:
  void on_instruction(int, uint16_t, uint32_t, Op, int64_t, std::span<const Word>) override { ++count; }
  uint64_t count = 0;
};

std::string read_program(const std::string& name) {
  std::ifstream in(std::string(TENET_SOURCE_DIR) + "/bench/programs/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Deploys `program` and calls `signature` with one word argument `n` per iteration.
void run_program(benchmark::State& state, const std::string& program, const std::string& signature) {
  Vm vm;
  JournaledHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  auto container = assemble(read_program(program), program);
  if (!container) {
    state.SkipWithError(container.error().message.c_str());
    return;
  }
  ExecResult deployed = host.deploy(sender, serialize_container(*container), 10'000'000);
  if (deployed.status != Status::Success) {
    state.SkipWithError("deployment failed");
    return;
  }
  const auto sel = selector_of(signature);
  std::vector<uint8_t> input(sel.begin(), sel.end());
  const auto arg = word_to_be(Word{static_cast<uint64_t>(state.range(0))});
  input.insert(input.end(), arg.begin(), arg.end());
  const int64_t gas = 1'000'000'000'000;

  InstructionCounter counter;
  vm.set_tracer(&counter);
  const Checkpoint cp = host.checkpoint();
  ExecResult probe = host.transact(sender, deployed.created, input, gas);
  host.rollback(cp);
  vm.set_tracer(nullptr);
  if (probe.status != Status::Success) {
    state.SkipWithError("call failed");
    return;
  }
  const int64_t gas_used = gas - probe.gas_left;

  for (auto _ : state) {
    ExecResult r = host.transact(sender, deployed.created, input, gas);
    benchmark::DoNotOptimize(r.output.data());
    host.rollback(cp);
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["instructions"] = static_cast<double>(counter.count);
  state.counters["gas"] = static_cast<double>(gas_used);
  state.counters["s/instr"] = benchmark::Counter(iterations * static_cast<double>(counter.count),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["gas/s"] = benchmark::Counter(iterations * static_cast<double>(gas_used), benchmark::Counter::kIsRate);
}

void BM_ArithmeticLoop(benchmark::State& s) { run_program(s, "arith_loop.tasm", "run(uint256)"); }
void BM_Fibonacci(benchmark::State& s) { run_program(s, "fib.tasm", "fib(uint256)"); }
void BM_KeccakChain(benchmark::State& s) { run_program(s, "keccak_chain.tasm", "chain(uint256)"); }
void BM_StorageWrites(benchmark::State& s) { run_program(s, "storage_writes.tasm", "fill(uint256)"); }

BENCHMARK(BM_ArithmeticLoop)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Fibonacci)->Arg(1000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_KeccakChain)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StorageWrites)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
