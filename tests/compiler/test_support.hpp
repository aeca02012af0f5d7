#pragma once
// Helpers shared by the compiler tests: parse text or files, render diagnostics.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tenet/compiler/ast.hpp"
#include "tenet/compiler/ast_printer.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler::testing {

/// The result of parsing one in-memory file.
struct Parsed {
  SourceManager sources;                 ///< holds the file
  DiagnosticEngine diagnostics;          ///< what was reported
  std::unique_ptr<ast::SourceFile> ast;  ///< null on errors

  /// Every diagnostic, rendered without colours.
  std::string rendered() const { return render_all(diagnostics, sources); }
};

/// Parses `text` as a file named `name`.
inline std::unique_ptr<Parsed> parse_text(const std::string& text,
                                          const std::string& name = "test.tn") {
  auto p = std::make_unique<Parsed>();
  FileId id = p->sources.add_file(name, text);
  p->ast = parse_file(p->sources, id, p->diagnostics);
  return p;
}

/// The directory of the compiler test programs.
inline std::filesystem::path programs_dir() {
  return std::filesystem::path(TENET_SOURCE_DIR) / "tests" / "programs";
}

/// The `.tn` files of programs/<kind>/, sorted.
inline std::vector<std::filesystem::path> program_files(const std::string& kind) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(programs_dir() / kind)) {
    if (entry.path().extension() == ".tn") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A GoogleTest name for a program file: `token.t.tn` gives `token_t`.
inline std::string program_test_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.filename().string();
  name = name.substr(0, name.size() - 3);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

/// The content of a file.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The text of the fixture program programs/`name` (token_fixture.tn is the token
/// contract several tests share).
inline std::string fixture_text(const std::string& name) {
  return read_file(programs_dir() / name);
}

/// The token contract of the fixtures (tests/programs/token_fixture.tn), shared by the
/// irgen, ABI and end-to-end tests.
inline const std::string kTokenFixture = fixture_text("token_fixture.tn");

}  // namespace tenet::compiler::testing
