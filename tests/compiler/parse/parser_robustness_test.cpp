// Random truncations and byte mutations of the valid corpus never crash the parser,
// never let an exception escape, and never report an internal error.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

std::vector<std::string> corpus() {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(programs_dir() / "valid"))
    paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) out.push_back(read_file(p));
  return out;
}

void expect_graceful(const std::string& text) {
  auto p = parse_text(text);
  for (const Diagnostic& d : p->diagnostics.diagnostics()) {
    ASSERT_EQ(d.message.find("internal compiler error"), std::string::npos) << d.message;
  }
  if (p->ast != nullptr) {
    EXPECT_FALSE(p->diagnostics.has_errors());
  }
  (void)p->rendered();
}

TEST(ParserRobustness, TruncationsAndMutationsNeverCrash) {
  const auto files = corpus();
  ASSERT_FALSE(files.empty());
  std::mt19937 rng(20261123);
  static const char kInteresting[] = "{}()[];:,.=<>+-*/%&|^!~?\"'\\_0aZ \n\t\x80\xff";
  // TENET_PARSER_FUZZ_RUNS raises the count for a longer local run.
  int runs = 3000;
  if (const char* env = std::getenv("TENET_PARSER_FUZZ_RUNS")) runs = std::atoi(env);
  for (int run = 0; run < runs; ++run) {
    std::string text = files[rng() % files.size()];
    switch (rng() % 4) {
      case 0:  // truncate
        text.resize(rng() % (text.size() + 1));
        break;
      case 1:  // overwrite bytes
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n && !text.empty(); ++k) {
          text[rng() % text.size()] = kInteresting[rng() % (sizeof kInteresting - 1)];
        }
        break;
      case 2:  // delete a span
        if (!text.empty()) {
          size_t at = rng() % text.size();
          text.erase(at, rng() % 12);
        }
        break;
      default:  // duplicate a span somewhere else
        if (!text.empty()) {
          size_t at = rng() % text.size();
          std::string span = text.substr(at, rng() % 40);
          text.insert(rng() % text.size(), span);
        }
        break;
    }
    SCOPED_TRACE("run " + std::to_string(run));
    expect_graceful(text);
    if (HasFatalFailure()) return;
  }
}

TEST(ParserRobustness, DeepNestingIsRefusedNotOverflowed) {
  std::string text =
      "fn f() { let x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "; }";
  auto p = parse_text(text);
  EXPECT_EQ(p->ast, nullptr);
  ASSERT_TRUE(p->diagnostics.has_errors());
  EXPECT_EQ(p->diagnostics.diagnostics()[0].message,
            "brackets nested too deeply (the limit is 256)");
}

TEST(ParserRobustness, LongChainsAreRefusedNotOverflowed) {
  std::string sum = "a";
  for (int i = 0; i < 100000; ++i) sum += "+a";
  std::string chain = "fn f(a: bool) { if a { }";
  for (int i = 0; i < 100000; ++i) chain += " else if a { }";
  for (const std::string& text :
       {"fn f() { let x = " + sum + "; }", "fn f() { let x = " + std::string(100000, '-') + "a; }",
        "fn f() { let x = a" + std::string(100000, '!') + "; }", chain + " }"}) {
    auto p = parse_text(text);
    EXPECT_EQ(p->ast, nullptr);
    EXPECT_TRUE(p->diagnostics.has_errors());
  }
}

TEST(ParserRobustness, InputsAtTheLimitsParse) {
  // Near the limits: 255 nested parentheses around 740 prefix operators (parentheses
  // count as operators too); blocks nested 200 deep ending in a 50-long `else if` chain.
  std::string deep = "fn f() { let x = " + std::string(255, '(') + std::string(740, '-') + "a" +
                     std::string(255, ')') + "; }";
  auto p = parse_text(deep);
  ASSERT_NE(p->ast, nullptr) << p->rendered().substr(0, 300);
  std::string blocks = "fn f(a: bool) {";
  for (int i = 0; i < 200; ++i) blocks += " if a {";
  blocks += " if a { }";
  for (int i = 0; i < 50; ++i) blocks += " else if a { }";
  for (int i = 0; i < 200; ++i) blocks += " }";
  blocks += " }";
  auto q = parse_text(blocks);
  ASSERT_NE(q->ast, nullptr) << q->rendered().substr(0, 300);
  EXPECT_FALSE(print_ast(*q->ast).empty());

  // Everything at once: 250 nested blocks, a 250-long `else if` chain, and 990 prefix
  // operators in the innermost statement.
  std::string worst = "fn f(a: bool) {";
  for (int i = 0; i < 250; ++i) worst += " if a {";
  worst += " if a { }";
  for (int i = 0; i < 250; ++i) worst += " else if a { }";
  worst += " else { let x = " + std::string(990, '-') + "a; }";
  for (int i = 0; i < 250; ++i) worst += " }";
  worst += " }";
  auto w = parse_text(worst);
  ASSERT_NE(w->ast, nullptr) << w->rendered().substr(0, 300);
  EXPECT_FALSE(print_ast(*w->ast).empty());
}

TEST(ParserRobustness, OddInputs) {
  for (const std::string& s :
       {std::string("\0\0\0", 3), std::string("\xEF\xBB\xBF"), std::string("\xed\xa0\x80"),
        std::string("\"\\"), std::string("hex\""), std::string("/*"), std::string("///"),
        std::string("0x"), std::string("1e"), std::string(">>>>=")}) {
    expect_graceful(s);
  }
}

TEST(ParserPerformance, TenThousandLines) {
  std::string text;
  int lines = 0;
  for (int c = 0; lines < 10000; ++c) {
    text +=
        "contract C" + std::to_string(c) + " {\n    pub total: u256;\n    m: map<address, u256>;\n";
    lines += 3;
    for (int f = 0; f < 10; ++f) {
      text += "    pub fn f" + std::to_string(f) +
              "(a: u256, b: u256) -> u256 {\n"
              "        let mut x = a + b * 2 ** 3 - (a % 7);\n"
              "        if x > 10 && b != 0 { x = x / b; } else { x += 1; }\n"
              "        for i in 0..b { self.m[msg.sender] += i; }\n"
              "        require(x >= a, \"overflow\");\n"
              "        return self.total + x;\n"
              "    }\n";
      lines += 7;
    }
    text += "}\n";
    ++lines;
  }
  auto start = std::chrono::steady_clock::now();
  auto p = parse_text(text);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  std::cout << "[ parse ] " << lines << " lines in " << ms << " ms\n";
  EXPECT_LT(ms, 10000);  // generous for Debug builds; Release is far below 1 s
}

}  // namespace
}  // namespace tenet::compiler::testing
