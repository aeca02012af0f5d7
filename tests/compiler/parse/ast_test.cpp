#include <gtest/gtest.h>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

TEST(AstDocComments, AttachToTheNextItemAndMember) {
  auto p = parse_text(
      "/// A token.\n"
      "///   Second line.\n"
      "contract T {\n"
      "    /// The supply.\n"
      "    pub supply: u256;\n"
      "    //// not a doc comment\n"
      "    fn f() {}\n"
      "}\n"
      "// plain\n"
      "const X: u8 = 1;\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  ASSERT_EQ(p->ast->items.size(), 2u);
  EXPECT_EQ(p->ast->items[0].doc, "A token.\n  Second line.");
  const auto& c = std::get<ast::ContractDecl>(p->ast->items[0].kind);
  EXPECT_EQ(c.members[0].doc, "The supply.");
  EXPECT_EQ(c.members[1].doc, "");
  EXPECT_EQ(p->ast->items[1].doc, "");
}

TEST(AstRanges, NodesKnowWhereTheyAre) {
  auto p = parse_text("fn f() {\n  let x = a + bc;\n}\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast, {.ranges = true}),
            "SourceFile\n"
            "  Function f() @1:1-1:7\n"
            "    Block @1:8-3:2\n"
            "      Let x @2:3-2:18\n"
            "        Binary + @2:11-2:17\n"
            "          Name a @2:11-2:12\n"
            "          Name bc @2:15-2:17\n");
  const auto& fn = std::get<ast::FunctionDecl>(p->ast->items[0].kind);
  const auto& let = std::get<ast::LetStmt>(fn.body->statements[0]->kind);
  EXPECT_EQ(let.init->range.begin.offset, 19u);
  EXPECT_EQ(let.init->range.end.offset, 25u);
}

TEST(AstImports, PlainAndSelective) {
  auto p = parse_text("import \"./a.tn\";\nimport { A, from } from \"std/b.tn\";\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  Import \"./a.tn\"\n"
            "  Import \"std/b.tn\" { A, from }\n");
}

TEST(AstLiterals, StringsAndHexAreDecoded) {
  auto p =
      parse_text("const S: string = \"a\\x41\\u{263A}\\\"\";\nconst H: bytes = hex\"de_ad\";\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  const auto& s = std::get<ast::ConstDecl>(p->ast->items[0].kind);
  const auto& lit = std::get<ast::StringLiteral>(s.value->kind);
  EXPECT_EQ(lit.value, "aA\xE2\x98\xBA\"");
  EXPECT_EQ(lit.text, "\"a\\x41\\u{263A}\\\"\"");
  const auto& h = std::get<ast::ConstDecl>(p->ast->items[1].kind);
  EXPECT_EQ(std::get<ast::HexLiteral>(h.value->kind).value, "\xde\xad");
}

TEST(AstFunctions, HeadersAndKinds) {
  auto p = parse_text(
      "test contract T {\n"
      "  payable init(a: u8) {}\n"
      "  pub payable reentrant fn f() -> (u8, bool) { return (1, true); }\n"
      "  test fn t() {}\n"
      "  invariant fn i() {}\n"
      "}\n"
      "interface I { view fn g(x: [u256; 3], y: [address]) -> u256; }\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  TestContract T\n"
            "    Init payable (a: u8)\n"
            "      Block\n"
            "    Function pub payable reentrant f() -> (u8, bool)\n"
            "      Block\n"
            "        Return\n"
            "          Tuple\n"
            "            Integer 1\n"
            "            Bool true\n"
            "    Function test t()\n"
            "      Block\n"
            "    Function invariant i()\n"
            "      Block\n"
            "  Interface I\n"
            "    Function view g(x: [u256; 3], y: [address]) -> u256\n");
}

// 1.1: `try … -> (…) { } catch …` with every clause form (language.md §5).
constexpr const char* kTryPrinted =
    "SourceFile\n"
    "  Function f()\n"
    "    Block\n"
    "      Try -> (mut x, y: u8)\n"
    "        Call {value: 1}\n"
    "          Member .g\n"
    "            Name c\n"
    "          Integer 2\n"
    "        Block\n"
    "        Catch E(p, q)\n"
    "          Block\n"
    "        Catch Error(m)\n"
    "          Block\n"
    "        Catch Panic()\n"
    "          Block\n"
    "        Catch (d)\n"
    "          Block\n"
    "        Catch\n"
    "          Block\n"
    "            Return\n"
    "      Try\n"
    "        New C\n"
    "          Integer 1\n"
    "        Block\n"
    "        Catch\n"
    "          Block\n";

TEST(AstTry, BindingsAndEveryClauseForm) {
  auto p = parse_text(
      "fn f() {\n"
      "  try c.g{value: 1}(2) -> (mut x, y: u8) {\n"
      "  } catch E(p, q) {\n"
      "  } catch Error(m) {\n"
      "  } catch Panic() {\n"
      "  } catch (d) {\n"
      "  } catch {\n"
      "    return;\n"
      "  }\n"
      "  try new C(1) {} catch {}\n"
      "}\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast), kTryPrinted);
}

TEST(AstKeywords, EveryKeywordIsReserved) {
  for (std::string_view k : keywords()) {
    if (k == "from") continue;  // contextual: only special in imports
    auto p = parse_text("fn f() { let " + std::string(k) + " = 1; }");
    EXPECT_EQ(p->ast, nullptr) << k;
  }
  EXPECT_NE(parse_text("fn f(from: address) { let x = from; }")->ast, nullptr);
  // `as` (1.1) is contextual too: not in keywords(), still an identifier.
  EXPECT_NE(parse_text("fn f(as: address) { let x = as; }")->ast, nullptr);
}

}  // namespace
TEST(AstDeclarations11, DeleteAndExternalNames) {
  auto p = parse_text(
      "contract C {\n"
      "  m: map<u256, u256>;\n"
      "  pub fn f(k: u256) -> u256 as \"g\" { let mut x = 1; delete x;"
      " delete self.m[k]; return x; }\n"
      "}\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  Contract C\n"
            "    Field m: map<u256, u256>\n"
            "    Function pub f(k: u256) -> u256 as \"g\"\n"
            "      Block\n"
            "        Let mut x\n"
            "          Integer 1\n"
            "        Delete\n"
            "          Name x\n"
            "        Delete\n"
            "          Index\n"
            "            Member .m\n"
            "              Self\n"
            "            Name k\n"
            "        Return\n"
            "          Name x\n");
  const auto& c = std::get<ast::ContractDecl>(p->ast->items[0].kind);
  const auto& f = std::get<ast::FunctionDecl>(c.members[1].kind);
  ASSERT_TRUE(f.external_name.has_value());
  EXPECT_EQ(f.external_name->name, "g");
  EXPECT_EQ(f.external_name->range.begin.column, 32u);
}

}  // namespace tenet::compiler::testing
