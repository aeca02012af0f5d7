// run_tests: results in fixed slots in source order whatever -j is, suites handed out in
// order, filters, --rerun's record, a failing setup() failing every test of its suite.
#include "tenet/runner/runner.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tenet/runner/failure_record.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBank = R"tn(error Short(have: u256, want: u256);

contract Bank {
    pub total: u256;

    init(n: u256) {
        self.total = n;
    }

    pub fn take(n: u256) {
        if (n > self.total) {
            revert Short(self.total, n);
        }
        self.total -= n;
    }
}
)tn";

constexpr const char* kBankTest = R"tn(import "../src/Bank.tn";

test contract BankTest {
    bank: Bank;

    fn setup() {
        self.bank = new Bank(10);
    }

    test fn take_some() {
        self.bank.take(3);
        assert_eq(self.bank.total(), 7);
    }

    test fn take_too_much() {
        self.bank.take(11);
    }

    test fn logs_a_line() {
        log("total", self.bank.total());
        assert_eq(self.bank.total(), 11);
    }

    test fn still_ten() {
        assert_eq(self.bank.total(), 10);
    }
}

test contract BrokenSetupTest {
    bank: Bank;

    fn setup() {
        self.bank = new Bank(1);
        self.bank.take(2);
    }

    test fn never_runs() {
    }

    test fn never_runs_either() {
    }
}
)tn";

constexpr const char* kOtherTest = R"tn(test contract OtherTest {
    test fn one() {
        assert_eq(1, 1);
    }

    test fn two() {
        assert_eq(1 + 1, 3);
    }
}
)tn";

class RunTestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tenet-run-tests-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    write("tenet.toml", "[project]\noptimizer = 2\n");
    write("src/Bank.tn", kBank);
    write("tests/Bank.t.tn", kBankTest);
    write("tests/Other.t.tn", kOtherTest);
    std::string warnings;
    auto built = build_project(root_, compiler::ProjectConfig{}, BuildFlags{}, warnings);
    ASSERT_TRUE(built) << built.error().message;
    project_ = std::move(*built);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& name, const std::string& text) {
    fs::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name, std::ios::binary | std::ios::trunc) << text;
  }

  RunResult run(RunnerOptions options, std::vector<std::string>* order = nullptr) {
    options.root = root_;
    auto result = run_tests(project_, options, {}, [&](const SuiteResult& s) {
      if (order) order->push_back(s.contract);
    });
    EXPECT_TRUE(result) << result.error().message;
    return result ? std::move(*result) : RunResult{};
  }

  fs::path root_;
  BuiltProject project_;
};

/// Everything of a result but durations, as text.
std::string describe(const RunResult& r) {
  std::string out;
  for (const SuiteResult& s : r.suites) {
    out += s.file + ":" + s.contract +
           (s.setup_failure ? " setup: " + s.setup_failure->reason : "") + "\n";
    for (const TestResult& t : s.tests) {
      out += "  " + t.signature + (t.status == TestStatus::Pass ? " pass" : " fail") + " gas " +
             std::to_string(t.gas);
      if (t.failure) {
        out += " [" + t.failure->reason + "]";
        if (t.failure->location)
          out +=
              " at " + t.failure->location->file + ":" + std::to_string(t.failure->location->line);
      }
      for (const std::string& l : t.logs) out += " log{" + l + "}";
      out += "\n";
    }
  }
  return out + std::to_string(r.passed) + " passed " + std::to_string(r.failed) + " failed\n";
}

TEST_F(RunTestsTest, ResultsInSourceOrderWithReasons) {
  RunnerOptions o;
  o.jobs = 1;
  std::vector<std::string> order;
  const RunResult r = run(o, &order);
  EXPECT_EQ(order, (std::vector<std::string>{"BankTest", "BrokenSetupTest", "OtherTest"}));
  ASSERT_EQ(r.suites.size(), 3u);
  const SuiteResult& bank = r.suites[0];
  ASSERT_EQ(bank.tests.size(), 4u);
  EXPECT_EQ(bank.tests[0].signature, "take_some()");
  EXPECT_EQ(bank.tests[0].status, TestStatus::Pass);
  EXPECT_GT(bank.tests[0].gas, 0u);
  EXPECT_EQ(bank.tests[1].status, TestStatus::Fail);
  ASSERT_TRUE(bank.tests[1].failure);
  EXPECT_EQ(bank.tests[1].failure->reason, "Short(10, 11)");
  ASSERT_TRUE(bank.tests[1].failure->location);
  EXPECT_EQ(bank.tests[1].failure->location->file, "src/Bank.tn");
  EXPECT_EQ(bank.tests[1].failure->location->line, 12u);
  EXPECT_EQ(bank.tests[2].status, TestStatus::Fail);
  // Raised by the test's own code: bare.
  EXPECT_EQ(bank.tests[2].failure->reason, "assertion failed: 10 != 11");
  ASSERT_TRUE(bank.tests[2].failure->location);
  EXPECT_EQ(bank.tests[2].failure->location->file, "tests/Bank.t.tn");
  EXPECT_EQ(bank.tests[2].failure->location->line, 21u);
  EXPECT_EQ(bank.tests[2].logs, (std::vector<std::string>{"total 10"}));
  EXPECT_EQ(bank.tests[3].status, TestStatus::Pass);  // isolation: take_some's take undone
  const SuiteResult& broken = r.suites[1];
  ASSERT_TRUE(broken.setup_failure);
  EXPECT_EQ(broken.setup_failure->reason, "Short(1, 2)");
  for (const TestResult& t : broken.tests) {
    EXPECT_EQ(t.status, TestStatus::Fail);
    EXPECT_EQ(t.failure->reason, "Short(1, 2)");
  }
  EXPECT_EQ(r.passed, 3u);
  EXPECT_EQ(r.failed, 5u);
}

TEST_F(RunTestsTest, OneWorkerAndTwoGiveTheSameResults) {
  RunnerOptions one;
  one.jobs = 1;
  RunnerOptions two;
  two.jobs = 2;
  std::vector<std::string> order1, order2;
  const std::string a = describe(run(one, &order1));
  const std::string b = describe(run(two, &order2));
  EXPECT_EQ(a, b);
  EXPECT_EQ(order1, order2);
  RunnerOptions many;
  many.jobs = 8;
  EXPECT_EQ(describe(run(many)), a);
}

TEST_F(RunTestsTest, FiltersSelectSuitesAndTests) {
  RunnerOptions o;
  o.match_test = "^take";
  RunResult r = run(o);
  ASSERT_EQ(r.suites.size(), 1u);
  EXPECT_EQ(r.suites[0].tests.size(), 2u);
  o = {};
  o.match_path = "tests/Other*";
  r = run(o);
  ASSERT_EQ(r.suites.size(), 1u);
  EXPECT_EQ(r.suites[0].contract, "OtherTest");
  o = {};
  o.match_contract = "Nothing";
  EXPECT_TRUE(run(o).suites.empty());
  o = {};
  o.match_test = "(";
  o.root = root_;
  auto bad = run_tests(project_, o);
  ASSERT_FALSE(bad);
}

TEST_F(RunTestsTest, RerunRunsTheRecordedFailures) {
  RunnerOptions o;
  const RunResult first = run(o);
  ASSERT_TRUE(save_failed_tests(root_, first));
  EXPECT_EQ(load_failed_tests(root_).size(), 5u);
  EXPECT_TRUE(load_failed_tests(root_).contains("tests/Other.t.tn:OtherTest:two()"));
  o.rerun = true;
  const RunResult again = run(o);
  EXPECT_EQ(again.passed, 0u);
  EXPECT_EQ(again.failed, 5u);
  // Nothing recorded: --rerun runs everything.
  ASSERT_TRUE(save_failed_tests(root_, RunResult{}));
  EXPECT_EQ(run(o).passed + run(o).failed, 8u);
}

}  // namespace
}  // namespace tenet::runner
