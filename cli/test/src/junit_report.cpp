// `--junit FILE`: JUnit XML in the Ant/Jenkins shape CI systems read (tests/cli/support/
// junit.xsd describes the subset written here).
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "markup.hpp"
#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

/// Seconds with millisecond precision, as JUnit's `time` attributes are written.
std::string seconds(double ms) {
  return fmt::format("{:.3f}", ms / 1000.0);
}

/// "at src/Token.tn:42: require(…)".
std::string location_line(std::string_view prefix, const SourceLocation& at) {
  std::string line = fmt::format("{} {}:{}", prefix, at.file, at.line);
  if (!at.text.empty()) line += ": " + at.text;
  if (at.approximate) line += " (optimised code: approximate)";
  return line;
}

/// The text of a <failure>: the reason, where, the counterexample, then the logs.
std::string failure_text(const TestResult& test) {
  std::vector<std::string> lines;
  if (test.failure) {
    lines.push_back(test.failure->reason);
    if (test.failure->location) lines.push_back(location_line("at", *test.failure->location));
    for (const SourceLocation& from : test.failure->called_from) {
      lines.push_back(location_line("called from", from));
    }
  }
  if (test.counterexample) {
    lines.emplace_back("counterexample:");
    for (const CounterexampleCall& call : test.counterexample->calls) {
      lines.push_back("  " + (test.kind == TestKind::Fuzz ? fuzz_call_text(call)
                                                          : counterexample_call_text(call)));
    }
  }
  if (!test.logs.empty()) {
    lines.emplace_back("logs:");
    for (const std::string& log : test.logs) lines.push_back("  " + log);
  }
  return fmt::format("{}", fmt::join(lines, "\n"));
}

size_t failures_of(const SuiteResult& suite) {
  size_t n = 0;
  for (const TestResult& test : suite.tests) n += test.status == TestStatus::Fail ? 1 : 0;
  return n;
}

void write_suite(std::string& xml, const SuiteResult& suite) {
  xml += fmt::format(
      "  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"0\" time=\"{}\">\n",
      xml_escape(suite.contract), xml_escape(suite.file), suite.tests.size(), failures_of(suite),
      seconds(suite.duration_ms));
  for (const TestResult& test : suite.tests) {
    xml += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"{}\"",
                       xml_escape(test.signature), xml_escape(suite.contract),
                       xml_escape(suite.file), seconds(test.duration_ms));
    if (test.status == TestStatus::Pass) {
      xml += test.logs.empty() ? "/>\n" : ">\n";
      if (!test.logs.empty()) {
        xml += fmt::format("      <system-out>{}</system-out>\n    </testcase>\n",
                           xml_escape(fmt::format("{}", fmt::join(test.logs, "\n"))));
      }
      continue;
    }
    const std::string reason = test.failure ? test.failure->reason : "failed";
    xml += fmt::format(">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                       xml_escape(reason), xml_escape(failure_text(test)));
  }
  if (!suite.setup_logs.empty()) {
    xml += fmt::format("    <system-out>{}</system-out>\n",
                       xml_escape(fmt::format("{}", fmt::join(suite.setup_logs, "\n"))));
  }
  xml += "  </testsuite>\n";
}

}  // namespace

std::string junit_xml(const RunResult& result) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format(
      "<testsuites name=\"tenet test\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{}\">\n",
      result.passed + result.failed, result.failed, seconds(result.duration_ms));
  for (const SuiteResult& suite : result.suites) write_suite(xml, suite);
  xml += "</testsuites>\n";
  return xml;
}

}  // namespace tenet::runner
