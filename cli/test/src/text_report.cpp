#include "tenet/runner/text_report.hpp"

#include <fmt/format.h>

#include "tenet/runner/render.hpp"

namespace tenet::runner {
namespace {

constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kReset = "\x1b[0m";

std::string paint(const TextReportOptions& o, const char* colour, const std::string& text) {
  return o.color ? colour + text + kReset : text;
}

std::string plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "(gas: N)", "(runs: N, μ: M, ~: D)" or "(runs: N, calls: C)".
std::string figures(const TestResult& t) {
  switch (t.kind) {
    case TestKind::Unit:
      return fmt::format("(gas: {})", t.gas);
    case TestKind::Fuzz:
      return fmt::format("(runs: {}, \xce\xbc: {}, ~: {})", t.runs, t.gas, t.gas_median);
    case TestKind::Invariant:
      return fmt::format("(runs: {}, calls: {})", t.runs, t.calls);
  }
  return "";
}

/// `[PASS]` or `[FAIL: reason]` (`[FAIL: setup() failed: reason]` in a suite whose setup()
/// failed).
std::string status_tag(const TestResult& t, const TextReportOptions& o, bool setup_failed) {
  if (t.status == TestStatus::Pass) return "[" + paint(o, kGreen, "PASS") + "]";
  const std::string reason = t.failure ? t.failure->reason : std::string("failed");
  return "[" + paint(o, kRed, (setup_failed ? "FAIL: setup() failed: " : "FAIL: ") + reason) + "]";
}

std::string test_line(const TestResult& t, const TextReportOptions& o, bool setup_failed = false) {
  return status_tag(t, o, setup_failed) + " " + t.signature + " " + figures(t) + "\n";
}

std::string where(const SourceLocation& l) {
  std::string s = l.file + ":" + std::to_string(l.line);
  if (!l.text.empty()) s += ": " + l.text;
  if (l.approximate) s += " (optimised code: approximate)";
  return s;
}

/// `Lock.open(1)` (with its sender for an invariant's call); a fuzz test's own call
/// without the target: `fuzz_transfer(1001)`.
std::string call_text(const CounterexampleCall& c, bool with_target) {
  std::string args;
  for (const std::string& a : c.args) args += (args.empty() ? "" : ", ") + a;
  std::string s = with_target && !c.target.empty() ? c.target + "." + c.function : c.function;
  s += "(" + args + ")";
  return c.sender.empty() ? s : c.sender + " \xe2\x86\x92 " + s;
}

/// "`require(bal >= amount)` failed: 3 >= 5"; for `if c { revert … }` "`if c` held: 11 > 10".
std::string operands_line(const ComparisonOperands& op) {
  std::string code = op.where.text;
  while (!code.empty() && (code.back() == ';' || code.back() == '{' || code.back() == ' '))
    code.pop_back();
  const std::string values = op.lhs + " " + op.op + " " + op.rhs;
  if (code.empty()) return "failed: " + values;
  const bool held = code.starts_with("if ") || code.starts_with("if(");
  if (const auto brace = code.find(" {"); held && brace != std::string::npos) code.resize(brace);
  return "`" + code + "` " + (held ? "held: " : "failed: ") + values;
}

/// "at …", "called from …" and the operands of a failure.
std::string location_lines(const Failure& f) {
  std::string out;
  if (f.location) out += "    at " + where(*f.location) + "\n";
  for (const SourceLocation& l : f.called_from) out += "    called from " + where(l) + "\n";
  if (f.operands) out += "    " + operands_line(*f.operands) + "\n";
  return out;
}

std::string failure_details(const TestResult& t) {
  std::string out;
  if (t.counterexample && !t.counterexample->calls.empty()) {
    const auto& calls = t.counterexample->calls;
    if (t.kind == TestKind::Fuzz && calls.size() == 1) {
      out += "    counterexample: " + call_text(calls[0], false) +
             fmt::format(" (seed: {}{})\n", t.seed, t.replayed ? ", replayed" : "");
    } else {
      out += fmt::format("    counterexample ({}, seed: {}{}):\n",
                         plural(calls.size(), "call", "calls"), t.seed,
                         t.replayed ? ", replayed" : "");
      for (const auto& c : calls) out += "      " + call_text(c, true) + "\n";
    }
  }
  return t.failure ? out + location_lines(*t.failure) : out;
}

std::string indented(const char* title, const std::vector<std::string>& lines) {
  std::string out = std::string("  ") + title + ":\n";
  for (const std::string& l : lines) out += "    " + l + "\n";
  return out;
}

}  // namespace

std::string build_line(const BuiltProject& project) {
  if (project.compiled_files == 0) return "No files changed, compilation skipped\n";
  return fmt::format("Compiling {} with tenet -O{}\n",
                     plural(project.compiled_files, "file", "files"), project.flags.level);
}

std::string seed_line(uint64_t seed) {
  return fmt::format("Fuzz seed: {}\n", seed);
}

std::string render_test(const TestResult& t, const ArtifactRegistry& registry,
                        const TextReportOptions& o,
                        const std::map<vm::Address, std::string>& labels) {
  std::string out = test_line(t, o);
  const bool failed = t.status == TestStatus::Fail;
  if (failed) out += failure_details(t);
  if (!t.logs.empty() && (failed || o.verbosity >= 2)) out += indented("Logs", t.logs);
  if (t.trace && !t.trace->nodes.empty())
    out += indented("Traces", render_trace(*t.trace, registry, labels, o.color));
  return out;
}

std::string render_suite(const SuiteResult& suite, const ArtifactRegistry& registry,
                         const TextReportOptions& o,
                         const std::map<vm::Address, std::string>& labels) {
  std::string out = fmt::format("\nRan {} for {}:{}\n", plural(suite.tests.size(), "test", "tests"),
                                suite.file, suite.contract);
  if (suite.setup_failure) {
    out += paint(o, kRed, "setup() failed: " + suite.setup_failure->reason) + "\n";
    out += location_lines(*suite.setup_failure);
    if (!suite.setup_logs.empty()) out += indented("Logs", suite.setup_logs);
  }
  size_t passed = 0;
  for (const TestResult& t : suite.tests) {
    if (t.status == TestStatus::Pass) ++passed;
    out += suite.setup_failure ? test_line(t, o, true) : render_test(t, registry, o, labels);
  }
  const size_t failed = suite.tests.size() - passed;
  out += fmt::format("Suite result: {}. {} passed; {} failed; finished in {:.2f}ms\n",
                     failed == 0 ? paint(o, kGreen, "ok") : paint(o, kRed, "FAILED"), passed,
                     failed, suite.duration_ms);
  return out;
}

std::string render_summary(const RunResult& result, const TextReportOptions& o) {
  std::string out = fmt::format("\nRan {}: {} passed, {} failed\n",
                                plural(result.suites.size(), "test suite", "test suites"),
                                plural(result.passed, "test", "tests"), result.failed);
  if (result.failed == 0) return out;
  out += "\nFailing tests:\n";
  for (const SuiteResult& suite : result.suites) {
    size_t failed = 0;
    for (const TestResult& t : suite.tests) failed += t.status == TestStatus::Fail ? 1 : 0;
    if (failed == 0) continue;
    out += fmt::format("Encountered {} in {}:{}\n", plural(failed, "failing test", "failing tests"),
                       suite.file, suite.contract);
    for (const TestResult& t : suite.tests)
      if (t.status == TestStatus::Fail) out += test_line(t, o, suite.setup_failure.has_value());
    out += "\n";
  }
  out += fmt::format("Encountered a total of {}, {} succeeded\n",
                     plural(result.failed, "failing test", "failing tests"),
                     plural(result.passed, "test", "tests"));
  return out;
}

}  // namespace tenet::runner
