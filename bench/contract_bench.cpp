// Contract benchmarks: the four contracts of bench/contracts/ compiled in-process at -O0
// and -O2, deployed into a JournaledHost, and called. One iteration is one call as a whole
// transaction (rolled back afterwards, so every call starts from the same state).
// Counters: execution gas of the call, instructions executed, container size; the label
// is the call's return data, which bench/peers/run.mjs checks against the Solidity twins.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "compile_support.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

namespace {

using namespace tenet;
using vm::Word;

/// One benchmark: a contract of bench/contracts/, its constructor arguments and the call.
struct ContractCase {
  std::string contract;                ///< the contract, in bench/contracts/<contract>.tn
  std::vector<std::string> ctor_args;  ///< constructor arguments (decimal words)
  std::string signature;               ///< the function called
  uint64_t n;                          ///< the work per call: the first argument
  std::vector<std::string> more_args;  ///< arguments after n (decimal words)
};

/// The work per call is large enough that a call to anvil over JSON-RPC is dominated by
/// execution, not by the RPC round trip (bench/peers/README.md).
const std::vector<ContractCase>& cases() {
  static const std::vector<ContractCase> all = {
      {"ArithLoop", {}, "loop(uint256)", 500'000, {}},
      {"Fib", {}, "fib(uint256)", 500'000, {}},
      {"KeccakChain", {}, "chain(uint256)", 50'000, {}},
      {"Token",
       {"1000000000000000000000000000000"},
       "transfer_batch(uint256,uint256)",
       10'000,
       {"1"}},
  };
  return all;
}

class InstructionCounter : public vm::Tracer {
 public:
  void on_instruction(int, uint16_t, uint32_t, vm::Op, int64_t, std::span<const Word>) override {
    ++count;
  }
  uint64_t count = 0;
};

/// Appends the 32-byte big-endian encoding of each decimal word to `out`.
void append_words(std::vector<uint8_t>& out, const std::vector<std::string>& words) {
  for (const auto& text : words) {
    const auto be = vm::word_to_be(*vm::parse_word(text));
    out.insert(out.end(), be.begin(), be.end());
  }
}

void run_case(benchmark::State& state, const ContractCase& c, compiler::OptLevel level) {
  auto compiled = bench::compile_file(
      std::string(TENET_SOURCE_DIR) + "/bench/contracts/" + c.contract + ".tn", level);
  if (!compiled) {
    state.SkipWithError(compiled.error().message.c_str());
    return;
  }
  const bench::CompiledContractCode* code = nullptr;
  for (const auto& compiled_contract : *compiled) {
    if (compiled_contract.name == c.contract) code = &compiled_contract;
  }
  if (code == nullptr) {
    state.SkipWithError(("no contract " + c.contract + " in its file").c_str());
    return;
  }

  vm::Vm machine;
  vm::JournaledHost host(machine);
  const vm::Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  std::vector<uint8_t> deployment = code->bytecode;
  append_words(deployment, c.ctor_args);
  const vm::ExecResult deployed = host.deploy(sender, deployment, 100'000'000);
  if (deployed.status != vm::Status::Success) {
    state.SkipWithError(("deployment failed: " + std::string(vm::status_name(deployed.status)) +
                         " " + deployed.reason)
                            .c_str());
    return;
  }

  const auto selector = vm::selector_of(c.signature);
  std::vector<uint8_t> input(selector.begin(), selector.end());
  append_words(input, {std::to_string(c.n)});
  append_words(input, c.more_args);
  const int64_t gas = 1'000'000'000'000;

  InstructionCounter counter;
  machine.set_tracer(&counter);
  const vm::Checkpoint start = host.checkpoint();
  const vm::ExecResult probe = host.transact(sender, deployed.created, input, gas);
  host.rollback(start);
  machine.set_tracer(nullptr);
  if (probe.status != vm::Status::Success) {
    state.SkipWithError(("the call failed: " + std::string(vm::status_name(probe.status)) + " " +
                         probe.reason + " " + vm::hex_encode(probe.output))
                            .c_str());
    return;
  }

  for (auto _ : state) {
    vm::ExecResult r = host.transact(sender, deployed.created, input, gas);
    benchmark::DoNotOptimize(r.output.data());
    host.rollback(start);
  }
  state.counters["gas"] = static_cast<double>(gas - probe.gas_left);
  state.counters["instructions"] = static_cast<double>(counter.count);
  state.counters["code_bytes"] = static_cast<double>(code->bytecode.size());
  state.SetLabel(vm::hex_encode(probe.output));
}

}  // namespace

int main(int argc, char** argv) {
  for (const ContractCase& c : cases()) {
    for (const auto& [level, name] :
         {std::pair{compiler::OptLevel::O0, "O0"}, std::pair{compiler::OptLevel::O2, "O2"}}) {
      benchmark::RegisterBenchmark(
          (c.contract + "/" + name).c_str(),
          [&c, level = level](benchmark::State& state) { run_case(state, c, level); })
          ->Arg(static_cast<int64_t>(c.n))
          ->ArgName("n")
          ->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
