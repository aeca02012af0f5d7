// `--junit FILE`: JUnit XML, checked exactly and validated against tests/cli/support/junit.xsd
// with xmllint (Debian libxml2-utils; scripts/install-deps.sh).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "runner/outputs_fixture.hpp"
#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

using ::tenet::runner::testing::sample_run;

/// Runs xmllint on `xml` against the schema; returns its exit code (0 = valid).
int validate(const std::string& xml, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tenet_junit_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::create_directories(dir);
  const auto file = dir / "report.xml";
  std::ofstream(file) << xml;
  const std::string schema = std::string(TENET_SOURCE_DIR) + "/tests/cli/support/junit.xsd";
  const std::string command = "xmllint --noout --schema '" + schema + "' '" + file.string() +
                              "' > '" + (dir / "log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::filesystem::remove_all(dir);
  return status;
}

TEST(JunitXml, ExactDocument) {
  EXPECT_EQ(junit_xml(sample_run()),
            R"X(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tenet test" tests="7" failures="3" errors="0" time="0.045">
  <testsuite name="TokenTest" file="tests/Token.t.tn" tests="6" failures="3" errors="0" skipped="0" time="0.013">
    <testcase name="transfer_moves_balance()" classname="TokenTest" file="tests/Token.t.tn" time="0.001">
      <system-out>moved 5</system-out>
    </testcase>
    <testcase name="transfer_too_much()" classname="TokenTest" file="tests/Token.t.tn" time="0.001">
      <failure message="InsufficientBalance(1000, 1001)">InsufficientBalance(1000, 1001)
at src/Token.tn:42: require(bal &gt;= amount);
called from tests/Token.t.tn:17: t.transfer(a, 1001);
logs:
  balance &lt;1000&gt; &amp; &quot;more&quot;</failure>
    </testcase>
    <testcase name="fuzz_transfer(uint256)" classname="TokenTest" file="tests/Token.t.tn" time="0.030"/>
    <testcase name="fuzz_burn(uint256)" classname="TokenTest" file="tests/Token.t.tn" time="0.030">
      <failure message="Panic(0x11): arithmetic overflow or underflow">Panic(0x11): arithmetic overflow or underflow
counterexample:
  fuzz_burn(1001)</failure>
    </testcase>
    <testcase name="supply_is_constant()" classname="TokenTest" file="tests/Token.t.tn" time="0.000"/>
    <testcase name="owner_unchanged()" classname="TokenTest" file="tests/Token.t.tn" time="0.000">
      <failure message="invariant owner_unchanged broken">invariant owner_unchanged broken
counterexample:
  Token.transfer(0x00000000000000000000000000000000000000bb, 5) from 0x00000000000000000000000000000000000000aa
  Token.renounce() from 0x00000000000000000000000000000000000000bb</failure>
    </testcase>
  </testsuite>
  <testsuite name="AVaultTest" file="tests/Vault.t.tn" tests="1" failures="0" errors="0" skipped="0" time="0.000">
    <testcase name="deposit()" classname="AVaultTest" file="tests/Vault.t.tn" time="0.000"/>
  </testsuite>
</testsuites>
)X");
}

TEST(JunitXml, ValidAgainstTheSchema) {
  EXPECT_EQ(validate(junit_xml(sample_run()), "sample"), 0);
  EXPECT_EQ(validate(junit_xml(RunResult{}), "empty"), 0);
}

TEST(JunitXml, SchemaRejectsAFailureWithoutMessage) {
  // The schema is not vacuous: a <failure> needs its message.
  std::string xml = junit_xml(sample_run());
  const std::string attr = R"X(<failure message="InsufficientBalance(1000, 1001)">)X";
  xml.replace(xml.find(attr), attr.size(), "<failure>");
  EXPECT_NE(validate(xml, "bad"), 0);
}

TEST(JunitXml, SetupLogsAndControlCharactersAreEscaped) {
  RunResult run;
  SuiteResult suite;
  suite.file = "tests/A.t.tn";
  suite.contract = "ATest";
  suite.setup_logs = {"deployed <A>"};
  TestResult test;
  test.signature = "t()";
  test.status = TestStatus::Fail;
  test.failure = Failure{};
  test.failure->reason = std::string("bad\x01") + "byte";
  suite.tests.push_back(test);
  run.suites.push_back(suite);
  run.failed = 1;
  const std::string xml = junit_xml(run);
  EXPECT_NE(xml.find("<failure message=\"bad\xEF\xBF\xBD"
                     "byte\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("    <system-out>deployed &lt;A&gt;</system-out>\n  </testsuite>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(validate(xml, "escaped"), 0);
}

}  // namespace
}  // namespace tenet::runner
