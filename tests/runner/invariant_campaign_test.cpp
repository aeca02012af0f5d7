// Invariant campaigns on compiled test contracts (campaign.hpp; docs/testing.md).
#include <gtest/gtest.h>

#include "runner/campaign_support.hpp"
#include "tenet/runner/counterexample_store.hpp"
#include "tenet/runner/environment.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;
using testing::CampaignProject;

class InvariantCampaign : public CampaignProject {
 protected:
  CampaignResult run(const std::string& contract, const std::string& name, bool fail_on_revert,
                     uint64_t seed = 0, bool save = true) {
    auto e = executor(contract);
    const TestCase invariant = testing::test_case(name, "", TestKind::Invariant);
    return run_invariant_campaign(
        *e, suite(contract), invariant,
        InvariantSettings{32, 15, fail_on_revert, seed, save ? store_ : fs::path(), {}},
        registry(contract));
  }
  std::vector<std::string> functions(const CampaignResult& c) {
    std::vector<std::string> out;
    if (c.result.counterexample)
      for (const auto& call : c.result.counterexample->calls)
        out.push_back(call.target + "." + call.function);
    return out;
  }
};

TEST_F(InvariantCampaign, BrokenInvariantShrinksToTheTwoCallsThatBreakIt) {
  const CampaignResult c = run("LockTest", "stays_closed", false);
  const TestResult& r = c.result;
  EXPECT_EQ(r.status, TestStatus::Fail);
  EXPECT_EQ(r.kind, TestKind::Invariant);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->reason.rfind("invariant stays_closed broken: ", 0), 0u) << r.failure->reason;
  EXPECT_EQ(functions(c), (std::vector<std::string>{"Lock.arm", "Lock.open"}));
  EXPECT_GE(r.runs, 1u);
  EXPECT_GE(r.calls, 2u);
  for (const auto& call : r.counterexample->calls) {
    EXPECT_TRUE(call.args.empty());
    EXPECT_NE(call.sender, vm::to_hex(test_contract_address()));
  }
  ASSERT_EQ(c.failing_run.size(), 3u);
  EXPECT_FALSE(c.failing_run[0].is_check);
  EXPECT_TRUE(c.failing_run[2].is_check);
  EXPECT_EQ(c.failing_run[2].to, test_contract_address());
  auto saved = load_counterexample(
      counterexample_path(store_, "test.tn", "LockTest", "stays_closed()"), "stays_closed()");
  ASSERT_TRUE(saved && *saved);
  ASSERT_EQ((*saved)->calls.size(), 2u);
  EXPECT_EQ((*saved)->calls[0].function, "arm()");
  EXPECT_EQ((*saved)->calls[1].function, "open()");

  const CampaignResult again = run("LockTest", "stays_closed", false);
  EXPECT_TRUE(again.result.replayed);
  EXPECT_EQ(functions(again), functions(c));
  EXPECT_EQ(again.result.counterexample->calls[0].sender, r.counterexample->calls[0].sender);
}

TEST_F(InvariantCampaign, SameSeedSameSequence) {
  const CampaignResult a = run("LockTest", "stays_closed", false, 3, false);
  const CampaignResult b = run("LockTest", "stays_closed", false, 3, false);
  EXPECT_EQ(a.result.runs, b.result.runs);
  EXPECT_EQ(a.result.calls, b.result.calls);
  ASSERT_EQ(a.failing_run.size(), b.failing_run.size());
  for (size_t i = 0; i < a.failing_run.size(); ++i) {
    EXPECT_EQ(a.failing_run[i].sender, b.failing_run[i].sender);
    EXPECT_EQ(a.failing_run[i].calldata, b.failing_run[i].calldata);
  }
}

TEST_F(InvariantCampaign, RevertingCallsAreAllowedUnlessFailOnRevert) {
  const CampaignResult allowed = run("FussyTest", "never_poked", false);
  EXPECT_EQ(allowed.result.status, TestStatus::Pass);
  EXPECT_EQ(allowed.result.runs, 32u);
  EXPECT_EQ(allowed.result.calls, 32u * 15u);
  EXPECT_FALSE(fs::exists(counterexample_path(store_, "test.tn", "FussyTest", "never_poked()")));

  const CampaignResult strict = run("FussyTest", "never_poked", true);
  EXPECT_EQ(strict.result.status, TestStatus::Fail);
  EXPECT_EQ(strict.result.failure->reason, "call reverted: Error(\"poked\")");
  EXPECT_EQ(functions(strict), std::vector<std::string>{"Fussy.poke"});
  ASSERT_EQ(strict.failing_run.size(), 1u);
  EXPECT_FALSE(strict.failing_run[0].is_check);
  EXPECT_EQ(strict.result.runs, 1u);
  EXPECT_EQ(strict.result.calls, 1u);
}

}  // namespace
}  // namespace tenet::runner
