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

const fs::path kRepositoryRoot = TENET_SOURCE_DIR;

/// The files the slower repository-wide tests take: all of them, or every kSanitizedStride-th
/// in the sanitizer tree (TENET_SANITIZED), where they cost several times more and where
/// FormattingIsIdempotent still runs the formatter over every file.
#ifdef TENET_SANITIZED
constexpr size_t kSanitizedStride = 4;
constexpr size_t kSanitizedCompileStride = 8;  ///< for the test that also compiles each file
#else
constexpr size_t kSanitizedStride = 1;
constexpr size_t kSanitizedCompileStride = 1;
#endif

std::string read_repository_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The repository's `.tn` files the exclusion list keeps (hidden directories skipped, as
/// `tenet fmt --root` does).
std::vector<fs::path> repository_sources() {
  const FormatIgnore ignore =
      FormatIgnore::parse(read_repository_file(kRepositoryRoot / ".tenetfmt-ignore"));
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(kRepositoryRoot);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() != ".tn" || !it->is_regular_file()) continue;
    if (ignore.excludes(it->path().lexically_relative(kRepositoryRoot).generic_string())) continue;
    found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// Every kSanitizedStride-th of `files`.
std::vector<fs::path> sliced(const std::vector<fs::path>& files, size_t stride = kSanitizedStride) {
  std::vector<fs::path> out;
  for (size_t i = 0; i < files.size(); i += stride) out.push_back(files[i]);
  return out;
}

/// The bytecode of every contract declared in `path` when its text is `text` (imports
/// read from disk), by contract name; empty when the file has errors.
std::map<std::string, std::vector<uint8_t>> bytecode_by_contract(const fs::path& path,
                                                                 const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  const FileId file = sources.add_file(path.string(), text);
  auto program = check_program(sources, file, kRepositoryRoot / "stdlib", diagnostics);
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
    const std::string relative = p.lexically_relative(kRepositoryRoot).generic_string();
    EXPECT_EQ(relative.find("programs/invalid/"), std::string::npos) << relative;
    EXPECT_EQ(relative.find("build/"), std::string::npos) << relative;
  }
}

TEST(FormatRepositoryTest, FormattingIsIdempotent) {
  for (const fs::path& p : repository_sources()) {
    SCOPED_TRACE(p.string());
    const FormatResult once = format_source(read_repository_file(p));
    ASSERT_TRUE(once.ok) << (once.diagnostics.empty() ? "" : once.diagnostics[0].message);
    const FormatResult twice = format_source(once.text);
    ASSERT_TRUE(twice.ok);
    EXPECT_EQ(twice.text, once.text);
  }
}

TEST(FormatRepositoryTest, FormattingIsIdempotentAtNarrowWidthsToo) {
  // Narrow widths break most lists and expressions: the breaking paths, which the
  // repository's layout at 100 columns rarely takes, must reach a fixed point too.
  for (size_t width : {20, 40, 60}) {
    FormatOptions options;
    options.max_width = width;
    for (const fs::path& p : sliced(repository_sources())) {
      SCOPED_TRACE(p.string() + " at width " + std::to_string(width));
      const FormatResult once = format_source(read_repository_file(p), options);
      ASSERT_TRUE(once.ok) << (once.diagnostics.empty() ? "" : once.diagnostics[0].message);
      const FormatResult twice = format_source(once.text, options);
      ASSERT_TRUE(twice.ok);
      EXPECT_EQ(twice.text, once.text);
    }
  }
}

/// `text` with its layout scrambled: on lines without comments or strings, some spaces
/// become line breaks, blank lines, double spaces, `/* c */` or a `// x` comment ending
/// the line (a fixed pseudo-random sequence).
std::string scrambled(const std::string& text, uint32_t seed) {
  static const char* const kReplacements[] = {"\n", "  ", "\n\n", "\n   ", " /* c */ ", " // x\n"};
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const bool keep = line.find("//") != std::string::npos || line.find('"') != std::string::npos ||
                      line.find("/*") != std::string::npos || line.find("*/") != std::string::npos;
    for (char c : line) {
      seed = seed * 1664525u + 1013904223u;
      if (!keep && c == ' ' && (seed >> 24) % 5 == 0) {
        out += kReplacements[(seed >> 8) % 6];
      } else {
        out += c;
      }
    }
    out += '\n';
    start = end + 1;
  }
  return out;
}

// A trailing `//` comment with code after it on the same output line (`fn // x` then the
// name) once swapped places with the next comment; the safety net refused the file.
TEST(FormatRepositoryTest, ScrambledLayoutsAndCommentsReachAFixedPoint) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    for (const fs::path& p : sliced(repository_sources())) {
      SCOPED_TRACE(p.string() + " scrambled with seed " + std::to_string(seed));
      const std::string text = scrambled(read_repository_file(p), seed);
      const FormatResult once = format_source(text);
      ASSERT_TRUE(once.ok) << (once.diagnostics.empty() ? "" : once.diagnostics[0].message);
      const FormatResult twice = format_source(once.text);
      ASSERT_TRUE(twice.ok);
      EXPECT_EQ(twice.text, once.text);
    }
  }
}

// The repository's files are in the canonical layout already (ctest fmt.repository_check), so
// formatting one as it is changes nothing: the formatter works on a scrambled copy (breaks,
// blank lines, comments), whose formatted text must compile to the original's bytecode. The
// sanitizer tree compiles every eighth file (compiling is most of this test's time).
TEST(FormatRepositoryTest, FormattingKeepsTheBytecode) {
  const size_t stride = kSanitizedCompileStride;
  size_t compared = 0;
  for (const fs::path& p : sliced(repository_sources(), stride)) {
    SCOPED_TRACE(p.string());
    const std::string text = read_repository_file(p);
    const FormatResult r = format_source(scrambled(text, 1));
    ASSERT_TRUE(r.ok);
    const auto before = bytecode_by_contract(p, text);
    const auto after = bytecode_by_contract(p, r.text);
    EXPECT_EQ(before, after);
    compared += before.size();
  }
  EXPECT_GT(compared, 100u / stride);
}

}  // namespace
}  // namespace tenet::compiler
