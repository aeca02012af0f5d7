// ParseOptions::keep_partial and CheckOptions::tolerate_syntax_errors over every fixture:
// the diagnostics are those of the normal path, valid files give the same AST, and the
// index answers every request on every file without crashing.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "compiler/test_support.hpp"
#include "tenet/compiler/ast_printer.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source_index.hpp"

namespace tenet::compiler {
namespace {

using testing::program_files;
using testing::program_test_name;
using testing::read_file;

std::vector<std::filesystem::path> all_fixtures() {
  std::vector<std::filesystem::path> out;
  for (const char* kind : {"invalid", "valid", "sema_invalid", "sema_valid"}) {
    for (const auto& p : program_files(kind)) out.push_back(p);
  }
  return out;
}

std::string fixture_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  return info.param.parent_path().filename().string() + "_" + program_test_name(info);
}

class PartialParse : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(PartialParse, SameDiagnosticsAndForValidFilesTheSameAst) {
  const std::string text = read_file(GetParam());
  SourceManager sources;
  const FileId file = sources.add_file(GetParam().string(), text);
  DiagnosticEngine normal_diags;
  DiagnosticEngine partial_diags;
  auto normal = parse_file(sources, file, normal_diags);
  auto partial = parse_file(sources, file, partial_diags, ParseOptions{true});
  EXPECT_EQ(render_all(partial_diags, sources), render_all(normal_diags, sources));
  if (normal != nullptr) {
    ASSERT_NE(partial, nullptr);
    EXPECT_FALSE(partial->partial);
    EXPECT_EQ(print_ast(*partial), print_ast(*normal));
  } else if (partial != nullptr) {
    EXPECT_TRUE(partial->partial);
  }
}

// The tolerant check reports what the normal one does when every file parses; either
// way the index is built and answers at every offset.
TEST_P(PartialParse, TheIndexAnswersEverywhere) {
  const std::string text = read_file(GetParam());
  const auto stdlib = std::filesystem::path(TENET_SOURCE_DIR) / "stdlib";
  SourceManager normal_sources;
  DiagnosticEngine normal_diags;
  check_program(normal_sources, normal_sources.add_file(GetParam().string(), text), stdlib,
                normal_diags);
  SourceManager sources;
  DiagnosticEngine diags;
  const FileId file = sources.add_file(GetParam().string(), text);
  CheckOptions options;
  options.tolerate_syntax_errors = true;
  auto program = check_program(sources, file, stdlib, diags, options);
  bool every_file_parsed = true;
  for (const ModuleInfo& m : program->modules) every_file_parsed &= m.ast && !m.ast->partial;
  if (every_file_parsed) {
    EXPECT_EQ(render_all(diags, sources), render_all(normal_diags, normal_sources));
  }
  EXPECT_EQ(diags.has_errors(), normal_diags.has_errors());
  SourceIndex index = SourceIndex::build(*program, sources);
  for (uint32_t offset = 0; offset <= text.size(); offset += 3) {
    index.symbol_at(file, offset);
    index.definition(file, offset);
    index.hover(file, offset);
    if (offset % 12 == 0) index.complete(file, offset, text);
  }
  for (size_t s = 0; s < index.symbols().size(); ++s) {
    for (const SourceRange& r : index.references(s, true)) EXPECT_TRUE(r.valid());
  }
  index.outline(file);
}

// A file cut anywhere (an editor's unfinished text): the partial parse reports what the
// normal parse does, and the tolerant check and the index never fail.
TEST_P(PartialParse, UnfinishedTextIsIndexed) {
  const std::string whole = read_file(GetParam());
  const auto stdlib = std::filesystem::path(TENET_SOURCE_DIR) / "stdlib";
  for (size_t cut = whole.size() / 7; cut < whole.size(); cut += whole.size() / 7 + 1) {
    const std::string text = whole.substr(0, cut);
    SourceManager sources;
    const FileId file = sources.add_file(GetParam().string(), text);
    DiagnosticEngine normal_diags;
    DiagnosticEngine partial_diags;
    parse_file(sources, file, normal_diags);
    parse_file(sources, file, partial_diags, ParseOptions{true});
    EXPECT_EQ(render_all(partial_diags, sources), render_all(normal_diags, sources)) << cut;
    DiagnosticEngine diags;
    CheckOptions options;
    options.tolerate_syntax_errors = true;
    auto program = check_program(sources, file, stdlib, diags, options);
    SourceIndex index = SourceIndex::build(*program, sources);
    index.hover(file, static_cast<uint32_t>(cut));
    index.complete(file, static_cast<uint32_t>(cut), text);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PartialParse, ::testing::ValuesIn(all_fixtures()), fixture_name);

}  // namespace
}  // namespace tenet::compiler
