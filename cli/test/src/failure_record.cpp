#include "tenet/runner/failure_record.hpp"

#include <fstream>
#include <system_error>

namespace tenet::runner {

std::string test_id(const std::string& file, const std::string& contract,
                    const std::string& signature) {
  return file + ":" + contract + ":" + signature;
}

std::filesystem::path failure_record_path(const std::filesystem::path& root) {
  return root / "cache" / "test-failures";
}

std::set<std::string> load_failed_tests(const std::filesystem::path& root) {
  std::set<std::string> out;
  std::ifstream in(failure_record_path(root));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

bool save_failed_tests(const std::filesystem::path& root, const RunResult& result) {
  std::set<std::string> failed;
  for (const SuiteResult& suite : result.suites)
    for (const TestResult& test : suite.tests)
      if (test.status == TestStatus::Fail)
        failed.insert(test_id(suite.file, suite.contract, test.signature));
  const auto path = failure_record_path(root);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& id : failed) out << id << "\n";
  return static_cast<bool>(out);
}

}  // namespace tenet::runner
