// `--json`: the object of toolchain.md §5, with the extra keys docs/testing.md documents
// ("kind", "runs", "median", top-level "seed").
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

using Json = nlohmann::ordered_json;

const char* kind_name(TestKind kind) {
  switch (kind) {
    case TestKind::Unit:
      return "unit";
    case TestKind::Fuzz:
      return "fuzz";
    case TestKind::Invariant:
      return "invariant";
  }
  return "unit";
}

/// "fuzz_transfer(1001)" for a fuzz test, an array of call texts for an invariant.
Json counterexample_json(const TestResult& test) {
  if (!test.counterexample || test.counterexample->calls.empty()) return nullptr;
  const auto& calls = test.counterexample->calls;
  if (test.kind == TestKind::Fuzz && calls.size() == 1) return fuzz_call_text(calls[0]);
  Json list = Json::array();
  for (const CounterexampleCall& call : calls) list.push_back(counterexample_call_text(call));
  return list;
}

Json test_json(const TestResult& test) {
  Json j = Json::object();
  const bool failed = test.status == TestStatus::Fail;
  j["status"] = failed ? "fail" : "pass";
  j["reason"] = failed && test.failure ? Json(test.failure->reason) : Json(nullptr);
  j["gas"] = test.gas;
  if (failed && test.failure && test.failure->location) {
    const SourceLocation& at = *test.failure->location;
    j["line"] = fmt::format("{}:{}", at.file, at.line);
  } else {
    j["line"] = nullptr;
  }
  j["counterexample"] = counterexample_json(test);
  j["logs"] = test.logs;
  j["duration_ms"] = std::round(test.duration_ms * 1000.0) / 1000.0;
  j["kind"] = kind_name(test.kind);
  j["runs"] = test.kind == TestKind::Unit ? Json(nullptr) : Json(test.runs);
  j["median"] = test.kind == TestKind::Fuzz ? Json(test.gas_median) : Json(nullptr);
  return j;
}

}  // namespace

std::string fuzz_call_text(const CounterexampleCall& call) {
  return fmt::format("{}({})", call.function, fmt::join(call.args, ", "));
}

std::string counterexample_call_text(const CounterexampleCall& call) {
  std::string text = call.target.empty() ? call.function : call.target + "." + call.function;
  text += fmt::format("({})", fmt::join(call.args, ", "));
  if (!call.sender.empty()) text += " from " + call.sender;
  return text;
}

std::string json_report(const RunResult& result) {
  Json contracts = Json::object();
  for (const SuiteResult& suite : result.suites) {
    Json tests = Json::object();
    for (const TestResult& test : suite.tests) tests[test.signature] = test_json(test);
    contracts[suite.contract] = Json{{"tests", std::move(tests)}};
  }
  Json report = Json::object();
  report["contracts"] = std::move(contracts);
  report["passed"] = result.passed;
  report["failed"] = result.failed;
  report["seed"] = result.seed;
  return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tenet::runner
