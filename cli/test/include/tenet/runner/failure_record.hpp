#pragma once
/// \file
/// The record behind `tenet test --rerun`: after each run the failing tests are written to
/// ROOT/cache/test-failures, one `file:Contract:signature` a line, sorted; `--rerun` runs
/// only those (all tests when the record is missing or empty, as forge does).

#include <filesystem>
#include <set>
#include <string>

#include "tenet/runner/test_result.hpp"

namespace tenet::runner {

/// `file:Contract:signature`, the record's name of one test.
std::string test_id(const std::string& file, const std::string& contract,
                    const std::string& signature);

/// ROOT/cache/test-failures.
std::filesystem::path failure_record_path(const std::filesystem::path& root);

/// The tests the last run recorded as failing (empty when there is no readable record).
std::set<std::string> load_failed_tests(const std::filesystem::path& root);

/// Records the failing tests of `result` (an empty file when none failed). Returns false
/// when the file cannot be written.
bool save_failed_tests(const std::filesystem::path& root, const RunResult& result);

}  // namespace tenet::runner
