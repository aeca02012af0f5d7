// `tenet test`: builds a project's contracts and tests through the build cache, runs the
// selected tests in parallel and prints the results (toolchain.md §5,
// docs/testing/running.md). Exit 0 when every selected test passed, 1 when one failed, the
// build failed or nothing was selected, 2 for bad usage.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/failure_record.hpp"
#include "tenet/runner/project_build.hpp"
#include "tenet/runner/runner.hpp"
#include "tenet/runner/text_report.hpp"

namespace tenet::cli {
namespace {

/// The command line as given (RunnerOptions plus what only the command reads).
struct TestCommandOptions {
  std::string root = ".";
  std::string match_test, match_contract, match_path;
  uint64_t fuzz_runs = 0, fuzz_seed = 0;
  int optimization = 2;
  unsigned jobs = 0;
  int verbosity = 0;
  bool rerun = false;
  CLI::Option* match_test_option = nullptr;
  CLI::Option* match_contract_option = nullptr;
  CLI::Option* match_path_option = nullptr;
  CLI::Option* fuzz_runs_option = nullptr;
  CLI::Option* fuzz_seed_option = nullptr;
  CLI::Option* optimization_option = nullptr;
};

runner::RunnerOptions runner_options(const TestCommandOptions& opt) {
  runner::RunnerOptions o;
  o.root = opt.root;
  if (opt.match_test_option->count() > 0) o.match_test = opt.match_test;
  if (opt.match_contract_option->count() > 0) o.match_contract = opt.match_contract;
  if (opt.match_path_option->count() > 0) o.match_path = opt.match_path;
  if (opt.fuzz_runs_option->count() > 0) o.fuzz_runs = opt.fuzz_runs;
  if (opt.fuzz_seed_option->count() > 0) o.fuzz_seed = opt.fuzz_seed;
  if (opt.optimization_option->count() > 0) o.optimizer = opt.optimization;
  o.jobs = opt.jobs;
  o.verbosity = opt.verbosity;
  o.rerun = opt.rerun;
  o.color = isatty(STDOUT_FILENO) != 0;
  o.progress = isatty(STDERR_FILENO) != 0;
  return o;
}

/// One build and run; the exit code.
int run_once(const runner::RunnerOptions& options) {
  auto loaded = compiler::load_project_config(options.root);
  if (!loaded) {
    print_error(loaded.error().message);
    return kExitFailure;
  }
  for (const std::string& w : loaded->warnings) print_warning(w);
  runner::BuildFlags flags;
  flags.level = options.optimizer.value_or(loaded->config.optimizer);
  flags.stdlib = stdlib_dir();
  flags.color = isatty(STDERR_FILENO) != 0;
  std::string warnings;
  auto built = runner::build_project(options.root, loaded->config, flags, warnings);
  std::cerr << warnings;
  if (!built) {
    std::cerr << built.error().message;
    print_error("build failed; no tests run");
    return kExitFailure;
  }
  const runner::TextReportOptions text{options.color, options.verbosity};
  std::cout << runner::build_line(*built)
            << runner::seed_line(options.fuzz_seed.value_or(loaded->config.fuzz_seed))
            << std::flush;
  auto result = runner::run_tests(*built, options, {}, [&](const runner::SuiteResult& suite) {
    std::cout << runner::render_suite(suite, built->registry, text) << std::flush;
  });
  if (!result) {
    print_error(result.error().message);
    return kExitUsage;
  }
  if (result->suites.empty()) {
    print_error(built->suites.empty()
                    ? "no tests found (test contracts in " + loaded->config.tests + "/**/*.t.tn)"
                    : std::string("no tests match the filters"));
    return kExitFailure;
  }
  std::cout << runner::render_summary(*result, text) << std::flush;
  if (!runner::save_failed_tests(options.root, *result))
    print_warning("cannot write " + runner::failure_record_path(options.root).string());
  return result->failed == 0 ? kExitOk : kExitFailure;
}

int run(const TestCommandOptions& opt) {
  const runner::RunnerOptions options = runner_options(opt);
  // A bad filter is bad usage (exit 2), found before anything is built.
  if (auto filter = runner::TestFilter::from(options); !filter) {
    print_error(filter.error().message);
    return kExitUsage;
  }
  return run_once(options);
}

}  // namespace

Command add_test_command(CLI::App& parent) {
  auto opt = std::make_shared<TestCommandOptions>();
  CLI::App* app = parent.add_subcommand("test", "Build a project and run its tests");
  app->add_option("--root", opt->root, "the project directory, holding tenet.toml")
      ->capture_default_str();
  opt->match_test_option = app->add_option(
      "--match-test", opt->match_test, "run only tests whose name the regular expression finds");
  opt->match_contract_option =
      app->add_option("--match-contract", opt->match_contract,
                      "run only test contracts whose name the regular expression finds");
  opt->match_path_option = app->add_option("--match-path", opt->match_path,
                                           "run only test files the glob matches (root-relative)");
  opt->fuzz_runs_option = app->add_option("--fuzz-runs", opt->fuzz_runs,
                                          "inputs per fuzz test (default: [test] fuzz_runs)");
  opt->fuzz_seed_option =
      app->add_option("--fuzz-seed", opt->fuzz_seed, "the fuzz seed (default: [test] fuzz_seed)");
  opt->optimization_option =
      app->add_option("-O", opt->optimization,
                      "optimisation level: -O0, -O1 or -O2 (default: tenet.toml's optimizer)")
          ->check(CLI::Range(0, 2));
  app->add_option("-j,--jobs", opt->jobs, "worker threads (default 0: one per core)");
  app->add_flag("-v", opt->verbosity,
                "more output: -vv logs of passing tests, -vvv traces of failing tests, -vvvv "
                "traces of all tests");
  app->add_flag("--rerun", opt->rerun, "run only the tests that failed last time");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli
