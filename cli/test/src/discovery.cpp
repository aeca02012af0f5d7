#include "tenet/runner/discovery.hpp"

#include <fnmatch.h>

#include <boost/regex.hpp>

namespace tenet::runner {

struct TestFilter::Patterns {
  std::optional<boost::regex> test;      ///< --match-test
  std::optional<boost::regex> contract;  ///< --match-contract
  std::optional<std::string> path;       ///< --match-path
};

namespace {

vm::Result<std::optional<boost::regex>> compile_pattern(const std::optional<std::string>& text,
                                                        const char* flag) {
  if (!text) return std::optional<boost::regex>();
  try {
    return std::optional<boost::regex>(boost::regex(*text, boost::regex::perl));
  } catch (const boost::regex_error& e) {
    // Boost's message, without the sentence that repeats the expression.
    std::string what = e.what();
    if (const auto cut = what.find("  The error occurred"); cut != std::string::npos)
      what.resize(cut);
    return vm::Error{std::string(flag) + ": invalid regular expression '" + *text + "': " + what};
  }
}

bool searches(const std::optional<boost::regex>& re, const std::string& text) {
  return !re || boost::regex_search(text, *re);
}

}  // namespace

TestFilter::TestFilter() : patterns_(std::make_unique<Patterns>()) {}
TestFilter::~TestFilter() = default;
TestFilter::TestFilter(TestFilter&&) noexcept = default;
TestFilter& TestFilter::operator=(TestFilter&&) noexcept = default;

vm::Result<TestFilter> TestFilter::from(const RunnerOptions& options) {
  TestFilter filter;
  auto test = compile_pattern(options.match_test, "--match-test");
  if (!test) return test.error();
  auto contract = compile_pattern(options.match_contract, "--match-contract");
  if (!contract) return contract.error();
  filter.patterns_->test = std::move(*test);
  filter.patterns_->contract = std::move(*contract);
  filter.patterns_->path = options.match_path;
  return filter;
}

bool TestFilter::selects(const TestSuite& suite) const {
  if (patterns_->path && fnmatch(patterns_->path->c_str(), suite.file.c_str(), 0) != 0)
    return false;
  return searches(patterns_->contract, suite.contract);
}

bool TestFilter::selects(const TestSuite& suite, const TestCase& test) const {
  return selects(suite) && searches(patterns_->test, test.name);
}

}  // namespace tenet::runner
