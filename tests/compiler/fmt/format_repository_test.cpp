// The formatter on every Tenet file of the repository that `.tenetfmt-ignore` keeps: it is
// idempotent, and it never changes meaning — each file's contracts (test contracts too)
// compile to byte-identical bytecode before and after formatting.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/format.hpp"
#include "tenet/compiler/format_ignore.hpp"
#include "tenet/compiler/sema.hpp"

namespace tenet::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = TENET_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The repository's `.tn` files the exclusion list keeps (hidden directories skipped, as
/// `tenet fmt --root` does).
std::vector<fs::path> repository_sources() {
  const FormatIgnore ignore = FormatIgnore::parse(read(kRoot / ".tenetfmt-ignore"));
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(kRoot); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() != ".tn" || !it->is_regular_file()) continue;
    if (ignore.excludes(it->path().lexically_relative(kRoot).generic_string())) continue;
    found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// The bytecode of every contract declared in `path` when its text is `text` (imports
/// read from disk), by contract name; empty when the file has errors.
std::map<std::string, std::vector<uint8_t>> bytecode_of(const fs::path& path,
                                                        const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  const FileId file = sources.add_file(path.string(), text);
  auto program = check_program(sources, file, kRoot / "stdlib", diagnostics);
  std::map<std::string, std::vector<uint8_t>> out;
  if (diagnostics.has_errors()) return out;
  for (const ContractInfo* contract : program->entry_contracts()) {
    if (contract->kind == ContractInfo::Kind::interface ||
        contract->kind == ContractInfo::Kind::component)
      continue;
    auto compiled = compile_contract(*program, sources, *contract);
    if (!compiled) {
      out[contract->name] = {};
      continue;
    }
    out[contract->name] = compiled->bytecode;
  }
  return out;
}

TEST(FormatRepositoryTest, FindsTheRepositorysPrograms) {
  const auto files = repository_sources();
  EXPECT_GT(files.size(), 90u);
  for (const fs::path& p : files) {
    const std::string relative = p.lexically_relative(kRoot).generic_string();
    EXPECT_EQ(relative.find("programs/invalid/"), std::string::npos) << relative;
    EXPECT_EQ(relative.find("build/"), std::string::npos) << relative;
  }
}

TEST(FormatRepositoryTest, FormattingIsIdempotent) {
  for (const fs::path& p : repository_sources()) {
    SCOPED_TRACE(p.string());
    const FormatResult once = format_source(read(p));
    ASSERT_TRUE(once.ok) << (once.diagnostics.empty() ? "" : once.diagnostics[0].message);
    const FormatResult twice = format_source(once.text);
    ASSERT_TRUE(twice.ok);
    EXPECT_EQ(twice.text, once.text);
  }
}

TEST(FormatRepositoryTest, FormattingKeepsTheBytecode) {
  size_t compared = 0;
  for (const fs::path& p : repository_sources()) {
    SCOPED_TRACE(p.string());
    const std::string text = read(p);
    const FormatResult r = format_source(text);
    ASSERT_TRUE(r.ok);
    const auto before = bytecode_of(p, text);
    const auto after = bytecode_of(p, r.text);
    EXPECT_EQ(before, after);
    compared += before.size();
  }
  EXPECT_GT(compared, 100u);
}

}  // namespace
}  // namespace tenet::compiler
