#pragma once
/// \file
/// What `tenet test` and `tenet coverage` were asked to do: the command line turned into
/// data (docs/testing.md lists every flag). The CLI fills it; the runner never reads argv.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace tenet::runner {

/// How much to print: 0 = default, 2 = `-vv` (logs of passing tests too), 3 = `-vvv`
/// (traces of failing tests), 4 = `-vvvv` (traces of all tests).
using Verbosity = int;

/// The result format on stdout.
enum class OutputFormat { Text, Json };

/// What to do with `.gas-snapshot`.
enum class SnapshotMode { None, Write, Check };

/// Everything the runner needs from the command line.
struct RunnerOptions {
  std::filesystem::path root = ".";            ///< the project root (holds tenet.toml)
  std::optional<std::string> match_test;       ///< `--match-test RE` (searched in the test name)
  std::optional<std::string> match_contract;   ///< `--match-contract RE`
  std::optional<std::string> match_path;       ///< `--match-path GLOB` (root-relative path)
  std::optional<uint64_t> fuzz_runs;           ///< `--fuzz-runs N` (else [test] fuzz_runs)
  std::optional<uint64_t> fuzz_seed;           ///< `--fuzz-seed N` (else [test] fuzz_seed)
  std::optional<int> optimizer;                ///< `-O0|-O1|-O2` (else [project] optimizer)
  bool rerun = false;                          ///< `--rerun`: only the tests that failed last time
  bool gas_report = false;                     ///< `--gas-report`
  SnapshotMode snapshot = SnapshotMode::None;  ///< `--snapshot` / `--snapshot-check`
  unsigned jobs = 0;                           ///< `-j N`; 0 = every core
  Verbosity verbosity = 0;                     ///< `-v…`
  OutputFormat format = OutputFormat::Text;    ///< `--json`
  std::optional<std::filesystem::path> junit;  ///< `--junit FILE`
  bool watch = false;                          ///< `--watch`
  bool color = false;                          ///< colours (stdout is a terminal)
  bool progress = false;  ///< progress line for long campaigns (stderr is a terminal)
  bool coverage = false;  ///< record coverage (`tenet coverage`)
};

}  // namespace tenet::runner
