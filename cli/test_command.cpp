// `tenet test`: builds a project's contracts and tests through the build cache, runs the
// selected tests in parallel and prints the results (toolchain.md §5,
// docs/testing.md). Exit 0 when every selected test passed, 1 when one failed, the
// build failed or nothing was selected, 2 for bad usage.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/failure_record.hpp"
#include "tenet/runner/outputs.hpp"
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
  bool json = false, gas_report = false, snapshot = false, snapshot_check = false, watch = false;
  std::string junit;
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
  // The worker count resolved here, so that per-worker hooks (the gas report) know it.
  o.jobs = opt.jobs != 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  o.verbosity = opt.verbosity;
  o.rerun = opt.rerun;
  o.gas_report = opt.gas_report;
  o.snapshot = opt.snapshot         ? runner::SnapshotMode::Write
               : opt.snapshot_check ? runner::SnapshotMode::Check
                                    : runner::SnapshotMode::None;
  o.format = opt.json ? runner::OutputFormat::Json : runner::OutputFormat::Text;
  if (!opt.junit.empty()) o.junit = opt.junit;
  o.watch = opt.watch;
  o.color = isatty(STDOUT_FILENO) != 0 && !opt.json;
  o.progress = isatty(STDERR_FILENO) != 0;
  return o;
}

/// Writes `text` to `path`; false (after saying so) when it cannot.
bool write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (f) return true;
  print_error("cannot write '" + path.string() + "'");
  return false;
}

/// --snapshot / --snapshot-check on `result`; false when the check fails or a file cannot
/// be read or written.
bool snapshot(const runner::RunnerOptions& options, const compiler::ProjectConfig& config,
              const runner::RunResult& result) {
  const std::filesystem::path path = options.root / ".gas-snapshot";
  const std::string actual = runner::gas_snapshot(result);
  if (options.snapshot == runner::SnapshotMode::Write) return write_text(path, actual);
  auto expected = read_file(path.string());
  if (!expected) {
    print_error("no .gas-snapshot in " + options.root.string() + " (run `tenet test --snapshot`)");
    return false;
  }
  const auto diffs = runner::compare_gas_snapshot(*expected, actual, config.snapshot_tolerance);
  if (diffs.empty()) return true;
  std::cerr << "Gas snapshot differs from .gas-snapshot (tolerance " << config.snapshot_tolerance
            << "%):\n";
  for (const std::string& d : diffs) std::cerr << "  " << d << "\n";
  return false;
}

/// The project's build, diagnostics printed; null when it failed.
std::optional<runner::BuiltProject> build(const runner::RunnerOptions& options,
                                          const compiler::ProjectConfig& config) {
  runner::BuildFlags flags;
  flags.level = options.optimizer.value_or(config.optimizer);
  flags.stdlib = stdlib_dir();
  flags.color = isatty(STDERR_FILENO) != 0;
  std::string warnings;
  auto built = runner::build_project(options.root, config, flags, warnings);
  std::cerr << warnings;
  if (!built) {
    std::cerr << built.error().message;
    print_error("build failed; no tests run");
    return std::nullopt;
  }
  return std::move(*built);
}

/// One build and run; the exit code.
int run_once(const runner::RunnerOptions& options) {
  const std::optional<compiler::ProjectConfig> loaded = load_config(options.root);
  if (!loaded) return kExitFailure;
  const compiler::ProjectConfig& config = *loaded;
  auto built = build(options, config);
  if (!built) return kExitFailure;
  const bool text = options.format == runner::OutputFormat::Text;
  const runner::TextReportOptions report{options.color, options.verbosity};
  if (text)
    std::cout << runner::build_line(*built)
              << runner::seed_line(options.fuzz_seed.value_or(config.fuzz_seed)) << std::flush;

  std::optional<runner::GasReport> gas;
  runner::RunHooks hooks;
  if (options.gas_report) {
    gas.emplace(built->registry, options.jobs);
    hooks = gas->hooks();
  }
  std::map<vm::Address, std::string> labels;  // of the suite about to be printed
  hooks.on_suite_labels = [&](const std::map<vm::Address, std::string>& l) { labels = l; };
  hooks.on_warning = [](const std::string& w) { print_warning(w); };
  // The progress line of long campaigns (stderr is a terminal), rewritten in place.
  hooks.on_progress = [](const std::string& line) {
    std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
    std::fflush(stderr);
  };
  auto result = runner::run_tests(*built, options, hooks, [&](const runner::SuiteResult& suite) {
    if (text)
      std::cout << runner::render_suite(suite, built->registry, report, labels) << std::flush;
    labels.clear();
  });
  if (!result) {
    print_error(result.error().message);
    return kExitUsage;
  }
  if (result->suites.empty()) {
    print_error(built->suites.empty()
                    ? "no tests found (test contracts in " + config.tests + "/**/*.t.tn)"
                    : std::string("no tests match the filters"));
    return kExitFailure;
  }
  if (text) std::cout << runner::render_summary(*result, report);
  if (gas && text) std::cout << "\n" << gas->render(options.color);
  if (!text) std::cout << runner::json_report(*result) << "\n";
  std::cout << std::flush;
  bool ok = result->failed == 0;
  if (options.junit) ok = write_text(*options.junit, runner::junit_xml(*result)) && ok;
  if (options.snapshot != runner::SnapshotMode::None) ok = snapshot(options, config, *result) && ok;
  if (!runner::save_failed_tests(options.root, *result))
    print_warning("cannot write " + runner::failure_record_path(options.root).string());
  return ok ? kExitOk : kExitFailure;
}

int run(const TestCommandOptions& opt) {
  if (opt.snapshot && opt.snapshot_check) {
    print_error("--snapshot and --snapshot-check exclude each other");
    return kExitUsage;
  }
  if (opt.json && !opt.junit.empty()) {
    print_error("--json and --junit exclude each other");
    return kExitUsage;
  }
  const runner::RunnerOptions options = runner_options(opt);
  // A bad filter is bad usage (exit 2), found before anything is built.
  if (auto filter = runner::TestFilter::from(options); !filter) {
    print_error(filter.error().message);
    return kExitUsage;
  }
  if (!options.watch) return run_once(options);
  return runner::watch(
      options.root, [&] { return run_once(options); }, [] { return false; });
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
  app->add_flag("--json", opt->json, "print the results as one JSON object");
  app->add_option("--junit", opt->junit, "write the results as JUnit XML to FILE");
  app->add_flag("--gas-report", opt->gas_report,
                "print gas per contract and function (calls, min, mean, median, max)");
  app->add_flag("--snapshot", opt->snapshot, "write .gas-snapshot");
  app->add_flag("--snapshot-check", opt->snapshot_check,
                "compare with .gas-snapshot ([snapshot] tolerance percent allowed)");
  app->add_flag("--watch", opt->watch, "run again whenever src/, tests/ or tenet.toml change");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli
