// TestFilter: --match-test and --match-contract search regular expressions in names (as
// forge does), --match-path is a glob on the root-relative path; bad expressions are errors.
#include "tenet/runner/discovery.hpp"

#include <gtest/gtest.h>

namespace tenet::runner {
namespace {

TestSuite suite(std::string file, std::string contract) {
  TestSuite s;
  s.file = std::move(file);
  s.contract = std::move(contract);
  return s;
}

TestCase test_case(std::string name) {
  TestCase t;
  t.name = std::move(name);
  t.signature = t.name + "()";
  return t;
}

TEST(TestFilter, NoFiltersSelectEverything) {
  auto f = TestFilter::from(RunnerOptions{});
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->selects(suite("tests/A.t.tn", "ATest")));
  EXPECT_TRUE(f->selects(suite("tests/A.t.tn", "ATest"), test_case("x")));
}

TEST(TestFilter, MatchTestSearchesTheName) {
  RunnerOptions o;
  o.match_test = "transfer";
  auto f = TestFilter::from(o);
  ASSERT_TRUE(f);
  const TestSuite s = suite("tests/A.t.tn", "ATest");
  EXPECT_TRUE(f->selects(s));
  EXPECT_TRUE(f->selects(s, test_case("fuzz_transfer")));
  EXPECT_TRUE(f->selects(s, test_case("transfer_moves")));
  EXPECT_FALSE(f->selects(s, test_case("approve")));
  o.match_test = "^transfer_(moves|fails)$";
  auto g = TestFilter::from(o);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->selects(s, test_case("transfer_fails")));
  EXPECT_FALSE(g->selects(s, test_case("fuzz_transfer_moves")));
}

TEST(TestFilter, MatchContractSelectsSuites) {
  RunnerOptions o;
  o.match_contract = "Token";
  auto f = TestFilter::from(o);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->selects(suite("tests/a.t.tn", "TokenTest")));
  EXPECT_FALSE(f->selects(suite("tests/a.t.tn", "VaultTest")));
  EXPECT_FALSE(f->selects(suite("tests/a.t.tn", "VaultTest"), test_case("x")));
}

TEST(TestFilter, MatchPathIsAGlobOnTheRootRelativePath) {
  RunnerOptions o;
  o.match_path = "tests/*.t.tn";
  auto f = TestFilter::from(o);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->selects(suite("tests/token.t.tn", "T")));
  EXPECT_TRUE(f->selects(suite("tests/sub/token.t.tn", "T")));  // fnmatch: * crosses '/'
  EXPECT_FALSE(f->selects(suite("other/token.t.tn", "T")));
  o.match_path = "tests/token.t.tn";
  auto g = TestFilter::from(o);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->selects(suite("tests/token.t.tn", "T")));
  EXPECT_FALSE(g->selects(suite("tests/vault.t.tn", "T")));
}

TEST(TestFilter, BadRegularExpressionsAreErrorsNamingTheFlag) {
  RunnerOptions o;
  o.match_test = "(";
  auto f = TestFilter::from(o);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().message.rfind("--match-test: invalid regular expression '(': ", 0), 0u)
      << f.error().message;
  RunnerOptions p;
  p.match_contract = "[a-";
  auto g = TestFilter::from(p);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().message.rfind("--match-contract: invalid regular expression '[a-': ", 0), 0u);
}

}  // namespace
}  // namespace tenet::runner
