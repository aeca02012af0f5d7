// Random word-level mutations of the valid programs (which mostly still parse) never
// crash semantic analysis, never let an exception escape, and never report an internal
// error; a program sema accepts has a type on every expression it checked.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <vector>

#include "sema_test_support.hpp"
#include "tenet/compiler/sema.hpp"
#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

std::vector<std::string> sema_corpus() {
  std::vector<std::filesystem::path> paths;
  for (const char* dir : {"valid", "sema_valid"}) {
    for (const auto& p : program_files(dir)) paths.push_back(p);
  }
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(read_file(p));
  return out;
}

// The words (identifiers, keywords, numbers) of `text` with their offsets.
std::vector<std::pair<size_t, size_t>> words(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < text.size();) {
    if (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_') {
      size_t j = i;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
        ++j;
      out.emplace_back(i, j - i);
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

TEST(SemaRobustness, WordMutationsNeverCrash) {
  const auto files = sema_corpus();
  ASSERT_FALSE(files.empty());
  std::vector<std::string> vocabulary;
  for (const auto& f : files) {
    for (auto [at, n] : words(f)) vocabulary.push_back(f.substr(at, n));
  }
  static const char* const kExtra[] = {"self",   "msg",  "vm",     "u8",      "i256", "bytes32",
                                       "0",      "256",  "-1",     "map",     "view", "payable",
                                       "pub",    "true", "string", "address", "new",  "return",
                                       "revert", "emit", "mut"};
  for (const char* w : kExtra) vocabulary.push_back(w);
  std::mt19937 rng(20261123);
  int runs = 1500;
  if (const char* env = std::getenv("TENET_SEMA_FUZZ_RUNS")) runs = std::atoi(env);
  int checked = 0;
  for (int run = 0; run < runs; ++run) {
    std::string text = files[rng() % files.size()];
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) {
      auto ws = words(text);
      if (ws.empty()) break;
      auto [at, len] = ws[rng() % ws.size()];
      text.replace(at, len, vocabulary[rng() % vocabulary.size()]);
    }
    SourceManager sources;
    DiagnosticEngine diagnostics;
    FileId id = sources.add_file("mutant.tn", text);
    auto program =
        check_program(sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib", diagnostics);
    ASSERT_NE(program, nullptr);
    for (const Diagnostic& d : diagnostics.diagnostics()) {
      ASSERT_EQ(d.message.find("internal compiler error"), std::string::npos) << d.message << "\n"
                                                                              << text;
    }
    (void)render_all(diagnostics, sources);
    if (!program->modules.empty() && program->modules[0].ast != nullptr) ++checked;
    if (!diagnostics.has_errors()) {
      TypeCoverage coverage;
      for (const ModuleInfo& m : program->modules) {
        if (m.ast != nullptr) coverage.file(*m.ast);
      }
      ASSERT_EQ(coverage.untyped, std::vector<std::string>{}) << text;
    }
  }
  EXPECT_GT(checked, runs / 4);  // most mutants still parse and reach sema
}

}  // namespace
}  // namespace tenet::compiler::testing

namespace tenet::compiler::testing {
namespace {

// The parser's deepest accepted input (see parser_robustness_test.cpp) is checked
// without exhausting the stack.
TEST(SemaRobustness, DeepestParsableInputIsChecked) {
  std::string worst = "fn f(a: bool) -> i256 {";
  for (int i = 0; i < 250; ++i) worst += " if a {";
  worst += " if a { }";
  for (int i = 0; i < 250; ++i) worst += " else if a { }";
  worst += " else { let x: i256 = " + std::string(990, '-') + "1; return x; }";
  for (int i = 0; i < 250; ++i) worst += " }";
  worst += " return 0; }";
  SourceManager sources;
  DiagnosticEngine diagnostics;
  FileId id = sources.add_file("deep.tn", worst);
  auto program =
      check_program(sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib", diagnostics);
  ASSERT_FALSE(program->modules.empty());
  ASSERT_NE(program->modules[0].ast, nullptr) << render_all(diagnostics, sources).substr(0, 300);
  EXPECT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, sources).substr(0, 300);
}

// A generated 10,000-line program: many contracts with storage, functions, loops,
// events and calls. Parse + check must stay fast (the figure is printed).
TEST(SemaPerformance, TenThousandLines) {
  std::string text = "event Moved(who: address indexed, amount: u256);\nerror Low(have: u256);\n";
  text += "struct Pair { a: u256, b: u256 }\n";
  int lines = 3;
  for (int c = 0; lines < 10000; ++c) {
    std::string n = std::to_string(c);
    text += "contract C" + n + " {\n    pub total: u256;\n    balances: map<address, u256>;\n";
    text += "    pairs: [Pair];\n";
    lines += 4;
    for (int f = 0; f < 10; ++f) {
      std::string fn = "f" + std::to_string(f);
      text += "    pub fn " + fn +
              "(x: u256, to: address) -> u256 {\n"
              "        let mut acc: u256 = 0;\n"
              "        for i in 0..x {\n"
              "            acc += i * 2 + (i % 3);\n"
              "        }\n"
              "        if acc < self.total { revert Low(acc); }\n"
              "        self.balances[to] += acc;\n"
              "        self.pairs.push(Pair { a: acc, b: x });\n"
              "        emit Moved(to, acc);\n"
              "        return acc + self.balances[msg.sender];\n"
              "    }\n";
      lines += 11;
    }
    text += "}\n";
    lines += 1;
  }
  auto start = std::chrono::steady_clock::now();
  SourceManager sources;
  DiagnosticEngine diagnostics;
  FileId id = sources.add_file("big.tn", text);
  auto program =
      check_program(sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib", diagnostics);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  EXPECT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, sources).substr(0, 500);
  std::cout << "parse + check of " << lines << " lines: " << ms << " ms\n";
  EXPECT_LT(ms, 20000);
}

}  // namespace
}  // namespace tenet::compiler::testing
