// Fuzz campaigns on a compiled test contract (campaign.hpp; docs/testing.md).
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "runner/campaign_support.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/runner/counterexample_store.hpp"
#include "tenet/runner/environment.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;
using testing::CampaignProject;

class FuzzCampaign : public CampaignProject {
 protected:
  CampaignResult run(const std::string& name, uint64_t seed = 0, uint64_t runs = 64,
                     uint64_t max_rejects = 65536, bool save = true) {
    auto e = executor("FuzzTest");
    return run_fuzz_campaign(*e, suite("FuzzTest"), test(name),
                             FuzzSettings{runs, seed, max_rejects, save ? store_ : fs::path(), {}},
                             registry("FuzzTest"), &progress_);
  }
  fs::path saved(const std::string& signature) {
    return counterexample_path(store_, "test.tn", "FuzzTest", signature);
  }
  /// The fuzz tests of FuzzTest.
  static const TestCase& test(const std::string& name) {
    static const std::map<std::string, TestCase> cases = {
        {"fuzz_passes", testing::test_case("fuzz_passes", "uint256,bool,string", TestKind::Fuzz)},
        {"fuzz_at_most_1000", testing::test_case("fuzz_at_most_1000", "uint64", TestKind::Fuzz)},
        {"fuzz_two", testing::test_case("fuzz_two", "uint256,uint256", TestKind::Fuzz)},
        {"fuzz_rejects", testing::test_case("fuzz_rejects", "uint256", TestKind::Fuzz)},
        {"fuzz_magic", testing::test_case("fuzz_magic", "uint256", TestKind::Fuzz)}};
    return cases.at(name);
  }
  CampaignProgress progress_;
};

std::vector<uint8_t> call_of(const TestCase& t, const std::vector<std::string>& args) {
  std::vector<uint8_t> data(t.selector.begin(), t.selector.end());
  auto encoded = abi::encode_values(t.params, args);
  EXPECT_TRUE(encoded);
  data.insert(data.end(), encoded->begin(), encoded->end());
  return data;
}

TEST_F(FuzzCampaign, PassingTestRunsEveryInput) {
  const CampaignResult c = run("fuzz_passes");
  const TestResult& r = c.result;
  EXPECT_EQ(r.status, TestStatus::Pass);
  EXPECT_EQ(r.signature, "fuzz_passes(uint256,bool,string)");
  EXPECT_EQ(r.kind, TestKind::Fuzz);
  EXPECT_EQ(r.runs, 64u);
  EXPECT_EQ(r.rejects, 0u);
  EXPECT_GT(r.gas, 0u);
  EXPECT_GT(r.gas_median, 0u);
  EXPECT_FALSE(r.counterexample);
  EXPECT_FALSE(r.failure);
  EXPECT_TRUE(c.failing_run.empty());
  ASSERT_EQ(c.last_run.size(), 1u);
  EXPECT_EQ(c.last_run[0].to, test_contract_address());
  EXPECT_EQ(c.last_run[0].sender, default_sender());
  EXPECT_EQ(progress_.runs.load(), 64u);
  EXPECT_EQ(progress_.target.load(), 64u);
  EXPECT_FALSE(fs::exists(saved("fuzz_passes(uint256,bool,string)")));
}

TEST_F(FuzzCampaign, FailureShrinksToTheSmallestCounterexampleAndIsSaved) {
  const TestCase& t = test("fuzz_at_most_1000");
  const CampaignResult c = run("fuzz_at_most_1000");
  const TestResult& r = c.result;
  EXPECT_EQ(r.status, TestStatus::Fail);
  ASSERT_TRUE(r.counterexample);
  ASSERT_EQ(r.counterexample->calls.size(), 1u);
  const CounterexampleCall& call = r.counterexample->calls[0];
  EXPECT_EQ(call.sender, "");
  EXPECT_EQ(call.target, "FuzzTest");
  EXPECT_EQ(call.function, "fuzz_at_most_1000");
  EXPECT_EQ(call.args, std::vector<std::string>{"1001"});
  ASSERT_TRUE(r.failure);
  EXPECT_NE(r.failure->reason.find("1001"), std::string::npos) << r.failure->reason;
  EXPECT_FALSE(r.replayed);
  ASSERT_EQ(c.failing_run.size(), 1u);
  EXPECT_EQ(c.failing_run[0].calldata, call_of(t, {"1001"}));
  EXPECT_FALSE(c.failing_run[0].is_check);
  auto file = load_counterexample(saved("fuzz_at_most_1000(uint64)"), "fuzz_at_most_1000(uint64)");
  ASSERT_TRUE(file && *file);
  EXPECT_EQ((*file)->args, std::vector<std::string>{"1001"});
  EXPECT_EQ((*file)->seed, 0u);
}

TEST_F(FuzzCampaign, EachArgumentShrinks) {
  const CampaignResult c = run("fuzz_two");
  ASSERT_TRUE(c.result.counterexample);
  EXPECT_EQ(c.result.counterexample->calls[0].args, (std::vector<std::string>{"1000", "1"}));
  EXPECT_EQ(c.result.failure->reason, "Error(\"both\")");
}

TEST_F(FuzzCampaign, SameSeedSameCounterexampleOtherSeedOtherInputs) {
  const CampaignResult a = run("fuzz_at_most_1000", 0, 64, 65536, false);
  const CampaignResult b = run("fuzz_at_most_1000", 0, 64, 65536, false);
  EXPECT_EQ(a.result.counterexample->calls[0].args, b.result.counterexample->calls[0].args);
  EXPECT_EQ(a.result.runs, b.result.runs);
  EXPECT_EQ(a.result.failure->reason, b.result.failure->reason);
  const CampaignResult p1 = run("fuzz_passes", 1, 16, 65536, false);
  const CampaignResult p2 = run("fuzz_passes", 1, 16, 65536, false);
  const CampaignResult p3 = run("fuzz_passes", 2, 16, 65536, false);
  EXPECT_EQ(p1.last_run[0].calldata, p2.last_run[0].calldata);
  EXPECT_EQ(p1.result.gas, p2.result.gas);
  EXPECT_NE(p1.last_run[0].calldata, p3.last_run[0].calldata);
  const CampaignResult other = run("fuzz_at_most_1000", 12345, 64, 65536, false);
  EXPECT_EQ(other.result.counterexample->calls[0].args, std::vector<std::string>{"1001"});
  EXPECT_EQ(other.result.seed, 12345u);
}

TEST_F(FuzzCampaign, TooManyRejectionsFail) {
  const CampaignResult c = run("fuzz_rejects", 0, 64, 100);
  EXPECT_EQ(c.result.status, TestStatus::Fail);
  EXPECT_EQ(c.result.failure->reason, "vm.assume rejected 101 inputs (max_rejects = 100)");
  EXPECT_EQ(c.result.rejects, 101u);
  EXPECT_EQ(c.result.runs, 0u);
  EXPECT_FALSE(c.result.counterexample);
}

TEST_F(FuzzCampaign, SavedCounterexampleIsReplayedFirst) {
  ASSERT_FALSE(save_counterexample(saved("fuzz_at_most_1000(uint64)"),
                                   {7, "fuzz_at_most_1000(uint64)", {"5000"}, {}}));
  const CampaignResult c = run("fuzz_at_most_1000");
  EXPECT_EQ(c.result.status, TestStatus::Fail);
  EXPECT_TRUE(c.result.replayed);
  EXPECT_EQ(c.result.runs, 1u);
  EXPECT_EQ(c.result.counterexample->calls[0].args, std::vector<std::string>{"5000"});
  EXPECT_EQ(progress_.runs.load(), 0u);
  // A second campaign replays what the first saved.
  fs::remove(saved("fuzz_at_most_1000(uint64)"));
  const CampaignResult first = run("fuzz_at_most_1000");
  const CampaignResult second = run("fuzz_at_most_1000");
  EXPECT_FALSE(first.result.replayed);
  EXPECT_TRUE(second.result.replayed);
  EXPECT_EQ(first.result.counterexample->calls[0].args,
            second.result.counterexample->calls[0].args);
  EXPECT_EQ(first.failing_run[0].calldata, second.failing_run[0].calldata);
}

TEST_F(FuzzCampaign, PassingTestDeletesItsSavedFileAndBadFilesAreIgnored) {
  const fs::path path = saved("fuzz_passes(uint256,bool,string)");
  ASSERT_FALSE(save_counterexample(
      path, {0, "fuzz_passes(uint256,bool,string)", {"1", "true", "\"x\""}, {}}));
  EXPECT_EQ(run("fuzz_passes").result.status, TestStatus::Pass);
  EXPECT_FALSE(fs::exists(path));

  const fs::path bad = saved("fuzz_at_most_1000(uint64)");
  fs::create_directories(bad.parent_path());
  std::ofstream(bad) << std::string(70000, ' ');
  const CampaignResult c = run("fuzz_at_most_1000");
  EXPECT_FALSE(c.result.replayed);
  EXPECT_EQ(c.result.counterexample->calls[0].args, std::vector<std::string>{"1001"});
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0],
            "ignored saved counterexample: " + bad.string() + " has 70000 bytes (more than 65536)");

  ASSERT_FALSE(save_counterexample(bad, {0, "fuzz_at_most_1000(uint64)", {"-3"}, {}}));
  const CampaignResult d = run("fuzz_at_most_1000");
  EXPECT_FALSE(d.result.replayed);
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "ignored saved counterexample " + bad.string() +
                               ": argument 1: '-3' is negative but uint64 is unsigned");
}

TEST_F(FuzzCampaign, ConstantsOfTheCodeAreTried) {
  // 2^128-ish: never drawn uniformly, found because it is in the test contract's constants.
  const CampaignResult c = run("fuzz_magic", 0, 1000);
  EXPECT_EQ(c.result.status, TestStatus::Fail);
  ASSERT_TRUE(c.result.counterexample);
  EXPECT_EQ(c.result.counterexample->calls[0].args,
            std::vector<std::string>{"24197857200151252728969465429440056815"});
}

TEST_F(FuzzCampaign, ThreadsDoNotChangeResults) {
  const CampaignResult serial = run("fuzz_two", 5, 64, 65536, false);
  const CampaignResult passing = run("fuzz_passes", 5, 32, 65536, false);
  CampaignResult in_thread, other_thread;
  std::thread a([&] { in_thread = run("fuzz_two", 5, 64, 65536, false); });
  std::thread b([&] { other_thread = run("fuzz_passes", 5, 32, 65536, false); });
  a.join();
  b.join();
  EXPECT_EQ(in_thread.result.runs, serial.result.runs);
  EXPECT_EQ(in_thread.failing_run[0].calldata, serial.failing_run[0].calldata);
  EXPECT_EQ(other_thread.last_run[0].calldata, passing.last_run[0].calldata);
  EXPECT_EQ(other_thread.result.gas, passing.result.gas);
  EXPECT_EQ(other_thread.result.gas_median, passing.result.gas_median);
}

}  // namespace
}  // namespace tenet::runner
