// Every program of the valid corpus parses without a diagnostic, and its AST prints.

#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

class ParserCorpus : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(ParserCorpus, Parses) {
  const std::filesystem::path& path = GetParam();
  auto p = parse_text(read_file(path), path.filename().string());
  EXPECT_EQ(p->rendered(), "");
  ASSERT_NE(p->ast, nullptr);
  EXPECT_FALSE(print_ast(*p->ast).empty());
}

INSTANTIATE_TEST_SUITE_P(Parser, ParserCorpus, ::testing::ValuesIn(program_files("valid")),
                         program_test_name);

TEST(ParserCorpusSize, CoversTheSpec) {
  EXPECT_GE(program_files("valid").size(), 10u);
}

}  // namespace
}  // namespace tenet::compiler::testing
