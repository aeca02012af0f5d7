// `tenet coverage [--root DIR] [--report summary|lcov|html] [--match-test RE]
// [--match-contract RE] [--match-path GLOB] [-j N]`: runs the tests of a project with a
// coverage tracer on every worker and reports line and branch coverage of the files under
// src/ (toolchain.md §5 "Coverage"; docs/testing.md "Coverage").
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/runner/coverage.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/project_build.hpp"
#include "tenet/runner/runner.hpp"
#include "tenet/runner/text_report.hpp"

namespace tenet::cli {
namespace {

struct CoverageOptions {
  std::string root = ".";
  std::string report = "summary";
  std::string match_test, match_contract, match_path;
  unsigned jobs = 0;
};

/// Writes the report `kind` (summary|lcov|html); false when a file could not be written.
bool write_report(const std::string& kind, const std::vector<runner::FileCoverage>& files,
                  int level, const std::filesystem::path& root) {
  if (kind == "summary") {
    std::cout << runner::coverage_summary(files, level);
    return true;
  }
  if (kind == "lcov") {
    const auto path = root / "lcov.info";
    std::ofstream out(path, std::ios::binary);
    out << runner::lcov_info(files);
    if (!out) {
      print_error("cannot write " + shown_path(path));
      return false;
    }
    std::cout << runner::coverage_header(level) << "\nwrote " << shown_path(path) << "\n";
    return true;
  }
  const auto dir = root / "coverage";
  auto pages = runner::write_coverage_html(files, level, root, dir);
  if (!pages) {
    print_error(pages.error().message);
    return false;
  }
  std::cout << runner::coverage_header(level) << "\nwrote " << shown_path(dir / "index.html")
            << " (" << *pages << " pages)\n";
  return true;
}

int run(const CoverageOptions& opt) {
  const std::filesystem::path root(opt.root);
  const std::optional<compiler::ProjectConfig> loaded = load_config(root);
  if (!loaded) return kExitFailure;
  const compiler::ProjectConfig& config = *loaded;
  runner::RunnerOptions options;
  options.root = root;
  if (!opt.match_test.empty()) options.match_test = opt.match_test;
  if (!opt.match_contract.empty()) options.match_contract = opt.match_contract;
  if (!opt.match_path.empty()) options.match_path = opt.match_path;
  options.jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  options.coverage = true;
  options.color = isatty(STDOUT_FILENO) != 0;
  // A bad filter is bad usage (exit 2), found before anything is built.
  if (auto filter = runner::TestFilter::from(options); !filter) {
    print_error(filter.error().message);
    return kExitUsage;
  }

  // Coverage is measured on the code the project builds: its own optimisation level.
  runner::BuildFlags flags;
  flags.level = config.optimizer;
  flags.stdlib = stdlib_dir();
  flags.color = isatty(STDERR_FILENO) != 0;
  std::string warnings;
  auto project = runner::build_project(root, config, flags, warnings);
  std::cerr << warnings;
  if (!project) {
    std::cerr << project.error().message;
    print_error("build failed; no tests run");
    return kExitFailure;
  }

  const runner::CoveragePlan plan = runner::CoveragePlan::build(
      project->registry, runner::containers_of(project->suites), config.src, flags.level);
  for (const std::string& name : plan.without_branches()) {
    print_warning("branches of " + name + " are not counted: no test contract deploys it");
  }
  runner::CoverageRecorder recorder(plan, options.jobs);
  const runner::TextReportOptions text{options.color, options.verbosity};
  auto result =
      runner::run_tests(*project, options, recorder.hooks(), [&](const runner::SuiteResult& suite) {
        std::cout << runner::render_suite(suite, project->registry, text) << std::flush;
      });
  if (!result) {
    print_error(result.error().message);
    return kExitUsage;
  }
  if (result->suites.empty()) {
    print_error(project->suites.empty()
                    ? "no tests found (test contracts in " + config.tests + "/**/*.t.tn)"
                    : std::string("no tests match the filters"));
    return kExitFailure;
  }
  std::cout << runner::render_summary(*result, text) << "\n";
  // Failing tests still leave their coverage: the report is written, the exit code says 1.
  const auto files = runner::coverage_by_file(plan, recorder.counts());
  if (!write_report(opt.report, files, flags.level, root)) return kExitFailure;
  return result->failed ? kExitFailure : kExitOk;
}

}  // namespace

Command add_coverage_command(CLI::App& parent) {
  auto opt = std::make_shared<CoverageOptions>();
  CLI::App* app = parent.add_subcommand(
      "coverage", "Run the tests and report line and branch coverage of src/");
  app->add_option("--root", opt->root, "the project directory, holding tenet.toml")
      ->capture_default_str();
  app->add_option("--report", opt->report,
                  "summary (a table), lcov (ROOT/lcov.info) or html (ROOT/coverage/index.html)")
      ->check(CLI::IsMember({"summary", "lcov", "html"}))
      ->capture_default_str();
  app->add_option("--match-test", opt->match_test, "only tests whose name matches RE");
  app->add_option("--match-contract", opt->match_contract,
                  "only test contracts whose name matches RE");
  app->add_option("--match-path", opt->match_path, "only test files whose path matches GLOB");
  app->add_option("-j,--jobs", opt->jobs, "worker threads (default 0: one per core)");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli
