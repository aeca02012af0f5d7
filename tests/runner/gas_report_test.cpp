// `--gas-report`: the calls and creations of test runs into known non-test code, per
// contract and function, merged over workers (toolchain.md §5 "Gas").

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tenet/runner/outputs.hpp"
#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

const std::string kGasReportSource = std::string(testing::kTargets) + R"(
test contract GasTest {
    token: Token;

    fn setup() {
        self.token = new Token(1000);
        self.token.transfer(vm.addr(9), 1);
    }

    test fn two_transfers() {
        self.token.transfer(vm.addr(2), 5);
        self.token.transfer(vm.addr(3), 7);
    }

    test fn deploys_and_reads() {
        let k = new Token(5);
        assert_eq(k.balanceOf(address(self)), 5);
        vm.expect_revert();
        k.transfer(vm.addr(2), 6);
    }
}
)";

struct GasReportTest : ::testing::Test {
  std::unique_ptr<testing::BuiltSuite> built = testing::build_suite(kGasReportSource, "GasTest", {"Token"});

  /// Runs both tests on `jobs` workers' hooks (test i on worker i % jobs); returns the
  /// outcomes.
  std::vector<RunOutcome> run(GasReport& report, unsigned jobs) {
    RunHooks hooks = report.hooks();
    EXPECT_TRUE(hooks.want_traces);
    Executor ex(built->registry, ExecutorOptions{.record_trace = hooks.want_traces});
    EXPECT_FALSE(ex.install(built->suite));
    std::vector<RunOutcome> outcomes;
    unsigned worker = 0;
    for (const char* name : {"two_transfers", "deploys_and_reads"}) {
      RunOutcome r = ex.run(test_call(name));
      EXPECT_TRUE(r.passed()) << name << ": " << revert_text(r.result) << r.misuse.value_or("");
      hooks.on_run(worker++ % jobs, built->suite, r);
      outcomes.push_back(std::move(r));
    }
    return outcomes;
  }
};

TEST_F(GasReportTest, OneTablePerContractWithDeploymentAndFunctions) {
  GasReport report(built->registry, 1);
  const auto outcomes = run(report, 1);
  // The numbers, from the traces: test calls (depth 0, the test contract) are left out.
  const auto& first = outcomes[0].trace->nodes;
  const auto& second = outcomes[1].trace->nodes;
  ASSERT_EQ(first.size(), 3u);
  ASSERT_EQ(second.size(), 4u);
  const int64_t t1 = first[1].gas_used, t2 = first[2].gas_used, t3 = second[3].gas_used;
  const int64_t deploy = second[1].gas_used, read = second[2].gas_used;
  std::vector<int64_t> transfers{t1, t2, t3};
  std::sort(transfers.begin(), transfers.end());
  const size_t size = built->registry.find(built->hashes.at("Token"))->size;
  const std::string expected_numbers =
      fmt::format("deploy {} size {} read {} transfers {} {} {} avg {}", deploy, size, read,
                  transfers[0], transfers[1], transfers[2], (t1 + t2 + t3) / 3);
  // Pinned (a change of the VM's gas table or of codegen shows here first).
  EXPECT_EQ(expected_numbers,
            "deploy 44442 size 2118 read 447 transfers 550 24822 29622 avg 18331");
  // Deployment Cost is what `new` cost its creator: CREATE's 32,000 + 200 per byte of the
  // container + the constructor frame's gas = 32000 + 200 × 2118 + 44442 = 500042.
  EXPECT_EQ(report.render(),
            "| test.tn:Token contract |                 |       |        |       |         |\n"
            "|------------------------|-----------------|-------|--------|-------|---------|\n"
            "| Deployment Cost        | Deployment Size |       |        |       |         |\n"
            "| 500042                 | 2118            |       |        |       |         |\n"
            "| Function Name          | min             | avg   | median | max   | # calls |\n"
            "| balanceOf              | 447             | 447   | 447    | 447   | 1       |\n"
            "| transfer               | 550             | 18331 | 24822  | 29622 | 3       |\n");
  // Colour only makes the contract's name bold.
  EXPECT_NE(report.render(true).find("| \x1b[1mtest.tn:Token contract\x1b[0m |"),
            std::string::npos);
}

TEST_F(GasReportTest, SameReportWhateverTheWorkers) {
  GasReport one(built->registry, 1);
  run(one, 1);
  GasReport two(built->registry, 2);
  run(two, 2);
  GasReport overflow(built->registry, 1);  // a worker index beyond `jobs` still counts
  run(overflow, 2);
  EXPECT_EQ(one.render(), two.render());
  EXPECT_EQ(one.render(), overflow.render());
}

TEST_F(GasReportTest, NothingRecordedIsAnEmptyReport) {
  GasReport report(built->registry, 4);
  EXPECT_EQ(report.render(), "");
}

}  // namespace
}  // namespace tenet::runner
