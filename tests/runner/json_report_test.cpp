// `--json`: the object of toolchain.md §5 with the documented extra keys.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runner/outputs_fixture.hpp"
#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

using ::tenet::runner::testing::sample_run;

TEST(JsonReport, PassingUnitTest) {
  const auto j = nlohmann::json::parse(json_report(sample_run()));
  EXPECT_EQ(j["contracts"]["TokenTest"]["tests"]["transfer_moves_balance()"],
            nlohmann::json::parse(R"J({
    "status": "pass", "reason": null, "gas": 51234, "line": null, "counterexample": null,
    "logs": ["moved 5"], "duration_ms": 1.25, "kind": "unit", "runs": null, "median": null})J"));
}

TEST(JsonReport, FailingUnitTestHasReasonAndLine) {
  const auto j = nlohmann::json::parse(json_report(sample_run()));
  EXPECT_EQ(j["contracts"]["TokenTest"]["tests"]["transfer_too_much()"], nlohmann::json::parse(R"J({
    "status": "fail", "reason": "InsufficientBalance(1000, 1001)", "gas": 3012,
    "line": "src/Token.tn:42", "counterexample": null, "logs": ["balance <1000> & \"more\""],
    "duration_ms": 0.5, "kind": "unit", "runs": null, "median": null})J"));
}

TEST(JsonReport, FuzzCounterexampleIsACallText) {
  const auto j = nlohmann::json::parse(json_report(sample_run()));
  const auto& tests = j["contracts"]["TokenTest"]["tests"];
  EXPECT_EQ(tests["fuzz_burn(uint256)"]["counterexample"], "fuzz_burn(1001)");
  EXPECT_EQ(tests["fuzz_burn(uint256)"]["line"], nullptr);
  EXPECT_EQ(tests["fuzz_transfer(uint256)"]["kind"], "fuzz");
  EXPECT_EQ(tests["fuzz_transfer(uint256)"]["runs"], 256);
  EXPECT_EQ(tests["fuzz_transfer(uint256)"]["gas"], 51000);
  EXPECT_EQ(tests["fuzz_transfer(uint256)"]["median"], 51210);
}

TEST(JsonReport, InvariantCounterexampleIsAnArrayOfCalls) {
  const auto j = nlohmann::json::parse(json_report(sample_run()));
  const auto& test = j["contracts"]["TokenTest"]["tests"]["owner_unchanged()"];
  EXPECT_EQ(test["counterexample"], nlohmann::json::parse(R"J([
    "Token.transfer(0x00000000000000000000000000000000000000bb, 5) from 0x00000000000000000000000000000000000000aa",
    "Token.renounce() from 0x00000000000000000000000000000000000000bb"])J"));
  EXPECT_EQ(test["kind"], "invariant");
  EXPECT_EQ(test["reason"], "invariant owner_unchanged broken");
}

TEST(JsonReport, TopLevelCountsAndSeedInRunOrder) {
  const std::string text = json_report(sample_run());
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["passed"], 4);
  EXPECT_EQ(j["failed"], 3);
  EXPECT_EQ(j["seed"], 7);
  // Contracts and tests keep the run's order (file order, then source order).
  EXPECT_LT(text.find("\"TokenTest\""), text.find("\"AVaultTest\""));
  EXPECT_LT(text.find("\"transfer_too_much()\""), text.find("\"fuzz_transfer(uint256)\""));
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonReport, EmptyRun) {
  EXPECT_EQ(nlohmann::json::parse(json_report(RunResult{})),
            nlohmann::json::parse(R"J({"contracts": {}, "passed": 0, "failed": 0, "seed": 0})J"));
}

}  // namespace
}  // namespace tenet::runner
