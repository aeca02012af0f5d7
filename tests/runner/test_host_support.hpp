#pragma once
// Helpers for the tests of the test host and the executor: compile a Tenet source string
// holding a test contract and the contracts it deploys, register every contract's code and
// ABI in an ArtifactRegistry, and run test functions through an Executor.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "e2e/e2e_support.hpp"
#include "tenet/abi/revert.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/executor.hpp"

namespace tenet::runner::testing {

using compiler::testing::hex;

/// A compiled test contract and the registry of every contract of its source.
struct BuiltSuite {
  std::unique_ptr<compiler::testing::CheckedSource> checked;  ///< the checked program
  TestSuite suite;                                            ///< the test contract
  ArtifactRegistry registry;                                  ///< every contract's code
  std::map<std::string, vm::Hash256> hashes;                  ///< code hash by contract name
};

/// Compiles `source` at `level`: `test_contract` becomes the suite, every other name of
/// `contracts` is compiled on its own and registered (so the children `new` embeds, compiled
/// the same way, are known by code hash).
inline std::unique_ptr<BuiltSuite> build_suite(const std::string& source,
                                               const std::string& test_contract,
                                               const std::vector<std::string>& contracts,
                                               compiler::OptLevel level = compiler::OptLevel::O1) {
  auto built = std::make_unique<BuiltSuite>();
  built->checked = compiler::testing::check_source(source);
  if (built->checked->diagnostics.has_errors()) return built;
  std::vector<std::string> names = contracts;
  names.push_back(test_contract);
  for (const std::string& name : names) {
    const compiler::ContractInfo& info = built->checked->contract(name);
    compiler::CompileOptions options;
    options.level = level;
    auto compiled = compiler::compile_contract(*built->checked->program, built->checked->sources,
                                               info, options);
    EXPECT_TRUE(compiled.ok()) << (compiled.ok() ? "" : compiled.error().message);
    if (!compiled) continue;
    KnownCode code;
    code.name = name;
    code.source = "test.tn";
    code.is_test = name == test_contract;
    code.abi = compiler::contract_abi(*built->checked->program, info);
    code.files = compiled->code.files;
    code.lines = compiled->code.lines;
    code.size = compiled->bytecode.size();
    const vm::Hash256 hash = vm::keccak256(compiled->bytecode);
    built->hashes[name] = hash;
    built->registry.add(hash, std::move(code));
    if (name == test_contract) {
      built->suite.file = "test.tn";
      built->suite.contract = name;
      built->suite.bytecode = compiled->bytecode;
      built->suite.has_setup = info.find_function("setup") != nullptr;
    }
  }
  return built;
}

/// Call data of a test function without parameters: the selector of "name()".
inline std::vector<uint8_t> test_call(const std::string& name) {
  auto s = vm::selector_of(name + "()");
  return {s.begin(), s.end()};
}

/// The message of `Error(message)` revert data, or the revert described otherwise.
inline std::string revert_text(const vm::ExecResult& r) {
  abi::DecodedRevert d = abi::decode_revert(r.output);
  if (d.kind == "error") return d.message;
  return abi::describe_revert(d);
}

}  // namespace tenet::runner::testing

namespace tenet::runner::testing {

/// Contracts the test contracts of these tests deploy and call.
inline const char* const kTargets = R"(
error InsufficientBalance(have: u256, need: u256);
event Transfer(from: address indexed, to: address indexed, amount: u256);

contract Token {
    balances: map<address, u256>;
    pub total: u256;
    init(supply: u256) {
        self.balances[msg.sender] = supply;
        self.total = supply;
    }
    pub view fn balanceOf(who: address) -> u256 { return self.balances[who]; }
    pub fn transfer(to: address, amount: u256) -> bool {
        let bal = self.balances[msg.sender];
        if bal < amount { revert InsufficientBalance(bal, amount); }
        self.balances[msg.sender] = bal - amount;
        self.balances[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }
    pub fn whoami() -> address { return msg.sender; }
    pub payable fn deposit() -> u256 { return msg.value; }
    pub fn boom() -> string { require(false, "boom"); return "never"; }
    pub fn write_then_fail() -> u256 {
        self.total = 5;
        emit Transfer(msg.sender, msg.sender, 5);
        require(false, "late");
        return 1;
    }
    pub fn spin() { let mut i: u256 = 0; while true { i += 1; } }
}
contract Broken {
    init(x: u256) { require(x > 0, "need x"); }
}
)";

}  // namespace tenet::runner::testing

namespace tenet::runner::testing {

/// A fixture over one compiled test suite (built once per test suite), with a fresh Executor
/// whose base is installed before each test. `Spec` (the derived fixture) names the source,
/// the test contract and the contracts it deploys: `static std::string source()`,
/// `static std::string test_contract()`, `static std::vector<std::string> deployed()`.
template <typename Spec>
class CompiledSuiteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    built = build_suite(Spec::source(), Spec::test_contract(), Spec::deployed()).release();
  }
  static void TearDownTestSuite() {
    delete built;
    built = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(built->suite.bytecode.empty());
    executor = std::make_unique<Executor>(built->registry, ExecutorOptions{});
    auto failed = executor->install(built->suite);
    ASSERT_FALSE(failed) << revert_text(failed->result) << failed->result.reason;
  }

  /// Runs test `name` and expects it to pass.
  void passes(const std::string& name) {
    RunOutcome r = executor->run(test_call(name));
    EXPECT_TRUE(r.passed()) << name << ": " << vm::status_name(r.result.status) << " "
                            << revert_text(r.result) << " " << r.result.reason << " "
                            << r.misuse.value_or("");
  }
  /// Runs test `name`; the message of its Error(string) revert.
  std::string reverts(const std::string& name) {
    RunOutcome r = executor->run(test_call(name));
    EXPECT_EQ(r.result.status, vm::Status::Revert) << name;
    return revert_text(r.result);
  }
  /// Runs test `name`; its misuse message (it must have returned).
  std::string misuse(const std::string& name) {
    RunOutcome r = executor->run(test_call(name));
    EXPECT_EQ(r.result.status, vm::Status::Success) << name << ": " << revert_text(r.result);
    return r.misuse.value_or("(none)");
  }

  static inline BuiltSuite* built = nullptr;  ///< the suite, for every test of the fixture
  std::unique_ptr<Executor> executor;         ///< this test's executor
};

}  // namespace tenet::runner::testing
