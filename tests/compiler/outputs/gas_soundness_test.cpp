// Gas estimates are upper bounds of real calls: every contract of the conformance
// programs and of tests/cli/programs is compiled at O0 and O2, deployed, and each entry
// point with a bounded estimate is called with call data of several fixed patterns (all
// zero, all one, small numbers, all 0xff words, fixed pseudo-random words); every call
// that succeeds or reverts
// uses at most its estimate, and none runs out of gas.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::compiler {
namespace {

constexpr int64_t kGas = 30'000'000;

std::vector<std::filesystem::path> programs() {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path root(TENET_SOURCE_DIR);
  for (const char* dir :
       {"tests/conformance/programs", "tests/cli/programs", "tests/programs/valid",
        "tests/programs/sema_valid", "bench/programs"}) {
    if (!std::filesystem::is_directory(root / dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(root / dir))
      if (e.path().extension() == ".tn" && e.path().filename() != "broken.tn")
        out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Call-data bodies of `size` bytes in each pattern.
std::vector<std::vector<uint8_t>> patterns(uint64_t size) {
  std::vector<std::vector<uint8_t>> out;
  out.emplace_back(size, 0);
  std::vector<uint8_t> ones(size, 0), small(size, 0);
  for (uint64_t w = 0; w * 32 < size; ++w) {
    ones[w * 32 + 31] = 1;
    small[w * 32 + 31] = static_cast<uint8_t>(3 + 5 * w);
  }
  out.push_back(ones);
  out.push_back(small);
  out.emplace_back(size, 0xff);
  // Pseudo-random words (a fixed linear congruential sequence), some of them small.
  uint64_t x = 0x9e3779b97f4a7c15ull ^ size;
  for (int round = 0; round < 4; ++round) {
    std::vector<uint8_t> words(size, 0);
    for (uint64_t i = 0; i < size; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      words[i] = static_cast<uint8_t>(x >> 56);
      if ((i % 32) < 24 && (x >> 40) % 2 == 0) words[i] = 0;  // often a small number
    }
    out.push_back(std::move(words));
  }
  return out;
}

struct CheckTally {
  int calls = 0;
};

void check_contract(const CheckedProgram& program, const SourceManager& sources,
                    const ContractInfo& contract, OptLevel level, CheckTally& checked) {
  const std::string what = contract.name + " at O" + std::to_string(static_cast<int>(level));
  CompileOptions options;
  options.level = level;
  auto compiled = compile_contract(program, sources, contract, options);
  ASSERT_TRUE(compiled.ok()) << what << ": " << compiled.error().message;
  auto estimates = contract_gas_estimates(program, contract, compiled->code.container);
  ASSERT_TRUE(estimates.ok()) << estimates.error().message;
  const auto abi = contract_abi(program, contract);
  const CallDataSizes sizes = abi_call_data_sizes(abi);
  const auto bound_of = [&](const std::string& name) -> std::optional<uint64_t> {
    for (const NamedGas& g : *estimates)
      if (g.name == name) return g.bound.gas;
    return std::nullopt;
  };
  const bool has_ctor = compiled->code.container.constructor != vm::kNoFunction;
  if (has_ctor && !sizes.constructor && contract.init) return;  // dynamic constructor arguments

  for (const auto& ctor_args : patterns(sizes.constructor.value_or(0))) {
    vm::Vm machine;
    vm::TxContext context;
    context.chain_id = vm::Word{31337};
    context.gas_limit = kGas;
    context.number = 4242;
    context.timestamp = 1'700'000'000;
    vm::JournaledHost host(machine, context);
    const vm::Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
    host.set_balance(sender,
                     vm::mul(vm::Word{1'000'000'000'000'000'000ull}, vm::Word{1'000'000'000ull}));
    std::vector<uint8_t> code = compiled->bytecode;
    code.insert(code.end(), ctor_args.begin(), ctor_args.end());
    const vm::ExecResult deployed = host.deploy(sender, code, kGas);
    if (has_ctor) {
      if (auto bound = bound_of("constructor")) {
        EXPECT_NE(deployed.status, vm::Status::OutOfGas) << what << " constructor";
        if (deployed.status == vm::Status::Success || deployed.status == vm::Status::Revert) {
          EXPECT_LE(static_cast<uint64_t>(kGas - deployed.gas_left), *bound)
              << what << " constructor";
          ++checked.calls;
        }
      }
    }
    if (deployed.status != vm::Status::Success) continue;
    for (const AbiEntry& e : abi) {
      if (e.kind != AbiEntryKind::function) continue;
      const std::string sig = abi_signature(e);
      const auto bound = bound_of(sig);
      const auto size = sizes.exports.find(vm::selector_of(sig));
      if (!bound || size == sizes.exports.end()) continue;
      for (const auto& body : patterns(size->second - 4)) {
        const auto sel = vm::selector_of(sig);
        std::vector<uint8_t> input(sel.begin(), sel.end());
        input.insert(input.end(), body.begin(), body.end());
        const vm::ExecResult r = host.transact(sender, deployed.created, input, kGas);
        EXPECT_NE(r.status, vm::Status::OutOfGas) << what << " " << sig;
        if (r.status == vm::Status::Success || r.status == vm::Status::Revert) {
          EXPECT_LE(static_cast<uint64_t>(kGas - r.gas_left), *bound) << what << " " << sig;
          ++checked.calls;
        }
      }
    }
  }
}

TEST(GasSoundness, EstimatesBoundEveryMeasuredCall) {
  CheckTally checked;
  for (const auto& path : programs()) {
    SCOPED_TRACE(path.filename().string());
    SourceManager sources;
    std::string error;
    const auto entry = sources.load_file(path.string(), error);
    ASSERT_TRUE(entry) << error;
    DiagnosticEngine diagnostics;
    auto program = check_program(sources, *entry,
                                 std::filesystem::path(TENET_SOURCE_DIR) / "stdlib", diagnostics);
    ASSERT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, sources);
    for (const ContractInfo* c : program->entry_contracts()) {
      if (c->kind != ContractInfo::Kind::contract) continue;
      for (OptLevel level : {OptLevel::O0, OptLevel::O2})
        check_contract(*program, sources, *c, level, checked);
    }
  }
  // Enough calls were measured for the check to mean something.
  EXPECT_GT(checked.calls, 300);
  std::printf("gas soundness: %d calls within their estimates\n", checked.calls);
}

}  // namespace
}  // namespace tenet::compiler
