// The acceptance projects written before the runner (tests/cli/programs/testproj*/,
// EXPECTED.md): every test's status, reason, line, counterexample and logs as
// expected.json says, compared by EXPECTED.md's rules. Mismatches still open are listed in
// kKnownMismatches with the reason; any other difference fails.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "tenet/runner/runner.hpp"

#ifndef TENET_SOURCE_DIR
#error "TENET_SOURCE_DIR must be defined"
#endif

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Differences between the runner and expected.json that are still open, each the start
/// of a mismatch ("file:Contract signature: what"), with whose they are.
const std::vector<std::string> kKnownMismatches = {};

std::string call_text(const CounterexampleCall& c, bool with_target) {
  std::string args;
  for (const std::string& a : c.args) args += (args.empty() ? "" : ", ") + a;
  return (with_target ? c.target + "." : std::string()) + c.function + "(" + args + ")";
}

/// The mismatches of one test.
void compare(const std::string& where, const json& e, const TestResult* t,
             std::vector<std::string>& out) {
  auto miss = [&](const std::string& what) { out.push_back(where + ": " + what); };
  if (t == nullptr) return miss("not reported");
  const bool fail = t->status == TestStatus::Fail;
  if (e.at("status").get<std::string>() != (fail ? "fail" : "pass"))
    return miss("status " + std::string(fail ? "fail" : "pass") +
                (fail && t->failure ? " (" + t->failure->reason + ")" : ""));
  const std::string reason = t->failure ? t->failure->reason : "";
  if (e.contains("reason") && e.at("reason").is_string() && e.at("reason") != reason)
    miss("reason '" + reason + "', expected '" + e.at("reason").get<std::string>() + "'");
  if (e.contains("reason_prefix") && !reason.starts_with(e.at("reason_prefix").get<std::string>()))
    miss("reason '" + reason + "', expected a prefix '" + e.at("reason_prefix").get<std::string>() +
         "'");
  if (e.at("line").is_string()) {
    std::string line = "(none)";
    if (t->failure && t->failure->location)
      line = t->failure->location->file + ":" + std::to_string(t->failure->location->line);
    if (line != e.at("line"))
      miss("line " + line + ", expected " + e.at("line").get<std::string>());
  }
  const json& cx = e.at("counterexample");
  if (!cx.is_null()) {
    std::vector<std::string> calls;
    if (t->counterexample)
      for (const CounterexampleCall& c : t->counterexample->calls)
        calls.push_back(call_text(c, cx.is_array()));
    const std::vector<std::string> expected = cx.is_array()
                                                  ? cx.get<std::vector<std::string>>()
                                                  : std::vector<std::string>{cx.get<std::string>()};
    if (calls != expected) {
      std::string got;
      for (const auto& c : calls) got += (got.empty() ? "" : "; ") + c;
      miss("counterexample '" + got + "'");
    }
  }
  if (e.at("logs").get<std::vector<std::string>>() != t->logs) {
    std::string got;
    for (const auto& l : t->logs) got += (got.empty() ? "" : " | ") + l;
    miss("logs '" + got + "'");
  }
}

std::vector<std::string> mismatches(const std::string& name) {
  const fs::path source = fs::path(TENET_SOURCE_DIR) / "tests/cli/programs" / name;
  const fs::path root =
      fs::temp_directory_path() / ("tenet-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::copy(source, root, fs::copy_options::recursive);
  fs::remove_all(root / "cache");
  std::vector<std::string> out;
  auto config = compiler::load_project_config(root);
  if (!config) return {"tenet.toml: " + config.error().message};
  std::string warnings;
  auto built = build_project(root, config->config, BuildFlags{}, warnings);
  if (!built) return {"build: " + built.error().message};
  RunnerOptions options;
  options.root = root;
  auto result = run_tests(*built, options);
  if (!result) return {"run: " + result.error().message};
  std::ifstream in(source / "expected.json");
  const json expected = json::parse(in);
  std::set<std::string> listed;
  for (const auto& [suite_key, tests] : expected.items()) {
    const SuiteResult* suite = nullptr;
    for (const SuiteResult& s : result->suites)
      if (s.file + ":" + s.contract == suite_key) suite = &s;
    for (const auto& [signature, e] : tests.items()) {
      const TestResult* t = nullptr;
      if (suite)
        for (const TestResult& r : suite->tests)
          if (r.signature == signature) t = &r;
      listed.insert(suite_key + " " + signature);
      compare(suite_key + " " + signature, e, t, out);
    }
  }
  for (const SuiteResult& s : result->suites)
    for (const TestResult& t : s.tests)
      if (!listed.contains(s.file + ":" + s.contract + " " + t.signature))
        out.push_back(s.file + ":" + s.contract + " " + t.signature + ": not expected");
  fs::remove_all(root);
  return out;
}

/// Compares a project; `known` are the open mismatches it must still have (a fixed one
/// must leave the list).
void check(const std::string& name, const std::vector<std::string>& known) {
  std::string unexpected;
  std::set<std::string> seen;
  for (const std::string& m : mismatches(name)) {
    bool listed = false;
    for (const std::string& k : known)
      if (m.starts_with(k)) listed = true, seen.insert(k);
    if (!listed) unexpected += "  " + m + "\n";
  }
  for (const std::string& k : known)
    if (!seen.contains(k)) unexpected += "  fixed, remove from kKnownMismatches: " + k + "\n";
  EXPECT_EQ(unexpected, "") << name << ": mismatches with expected.json";
}

TEST(Testproj, EveryTestAsExpected) {
  check("testproj", kKnownMismatches);
}

TEST(Testproj, FailOnRevertAsExpected) {
  check("testproj_fail_on_revert", {});
}

}  // namespace
}  // namespace tenet::runner
