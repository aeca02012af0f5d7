#pragma once
/// \file
/// A RunResult with one test of every kind and outcome, shared by the tests of the outputs
/// (snapshot, JSON, JUnit): TokenTest (unit pass with a log, unit fail with location,
/// called-from and logs, fuzz pass, fuzz fail with a counterexample, invariant pass and
/// invariant fail with a sequence) and VaultTest (one unit pass).

#include "tenet/runner/test_result.hpp"

namespace tenet::runner::testing {

/// The sample run.
inline RunResult sample_run() {
  RunResult run;
  run.seed = 7;
  SuiteResult token;
  token.file = "tests/Token.t.tn";
  token.contract = "TokenTest";
  token.duration_ms = 12.5;

  TestResult pass;
  pass.name = "transfer_moves_balance";
  pass.signature = "transfer_moves_balance()";
  pass.gas = 51234;
  pass.logs = {"moved 5"};
  pass.duration_ms = 1.25;
  token.tests.push_back(pass);

  TestResult fail;
  fail.name = "transfer_too_much";
  fail.signature = "transfer_too_much()";
  fail.status = TestStatus::Fail;
  fail.gas = 3012;
  fail.failure = Failure{};
  fail.failure->reason = "InsufficientBalance(1000, 1001)";
  fail.failure->location = SourceLocation{"src/Token.tn", 42, 9, "require(bal >= amount);", false};
  fail.failure->called_from = {SourceLocation{"tests/Token.t.tn", 17, 5, "t.transfer(a, 1001);"}};
  fail.logs = {"balance <1000> & \"more\""};
  fail.duration_ms = 0.5;
  token.tests.push_back(fail);

  TestResult fuzz;
  fuzz.name = "fuzz_transfer";
  fuzz.signature = "fuzz_transfer(uint256)";
  fuzz.kind = TestKind::Fuzz;
  fuzz.gas = 51000;
  fuzz.gas_median = 51210;
  fuzz.runs = 256;
  fuzz.seed = 7;
  fuzz.duration_ms = 30;
  token.tests.push_back(fuzz);

  TestResult fuzz_fail = fuzz;
  fuzz_fail.name = "fuzz_burn";
  fuzz_fail.signature = "fuzz_burn(uint256)";
  fuzz_fail.status = TestStatus::Fail;
  fuzz_fail.runs = 12;
  fuzz_fail.failure = Failure{};
  fuzz_fail.failure->reason = "Panic(0x11): arithmetic overflow or underflow";
  fuzz_fail.counterexample =
      Counterexample{{CounterexampleCall{"", "TokenTest", "fuzz_burn", {"1001"}}}};
  token.tests.push_back(fuzz_fail);

  TestResult inv;
  inv.name = "supply_is_constant";
  inv.signature = "supply_is_constant()";
  inv.kind = TestKind::Invariant;
  inv.runs = 256;
  inv.calls = 3840;
  inv.rejects = 3;
  token.tests.push_back(inv);

  TestResult inv_fail = inv;
  inv_fail.name = "owner_unchanged";
  inv_fail.signature = "owner_unchanged()";
  inv_fail.status = TestStatus::Fail;
  inv_fail.failure = Failure{};
  inv_fail.failure->reason = "invariant owner_unchanged broken";
  inv_fail.counterexample = Counterexample{
      {CounterexampleCall{"0x00000000000000000000000000000000000000aa",
                          "Token",
                          "transfer",
                          {"0x00000000000000000000000000000000000000bb", "5"}},
       CounterexampleCall{"0x00000000000000000000000000000000000000bb", "Token", "renounce", {}}}};
  token.tests.push_back(inv_fail);
  run.suites.push_back(token);

  SuiteResult vault;
  vault.file = "tests/Vault.t.tn";
  vault.contract = "AVaultTest";
  TestResult deposit;
  deposit.name = "deposit";
  deposit.signature = "deposit()";
  deposit.gas = 900;
  vault.tests.push_back(deposit);
  run.suites.push_back(vault);

  run.passed = 4;
  run.failed = 3;
  run.duration_ms = 45;
  return run;
}

}  // namespace tenet::runner::testing
