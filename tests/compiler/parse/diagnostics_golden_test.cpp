// Every program under programs/invalid/ is rejected with exactly the diagnostics in its
// .expected file (file:line:col: error: message, the source line, the caret line).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

class DiagnosticsGolden : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(DiagnosticsGolden, ExactDiagnostics) {
  const std::filesystem::path& path = GetParam();
  auto p = parse_text(read_file(path), path.filename().string());
  EXPECT_EQ(p->ast, nullptr);
  EXPECT_TRUE(p->diagnostics.has_errors());
  auto expected = path;
  expected.replace_extension(".expected");
  EXPECT_EQ(p->rendered(), read_file(expected));
}

INSTANTIATE_TEST_SUITE_P(Diagnostics, DiagnosticsGolden,
                         ::testing::ValuesIn(program_files("invalid")), program_test_name);

TEST(DiagnosticsGoldenCorpus, HasAtLeastThirtyPrograms) {
  EXPECT_GE(program_files("invalid").size(), 30u);
}

}  // namespace
}  // namespace tenet::compiler::testing
