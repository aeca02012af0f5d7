// (1.1) The syntax of components (`component C uses A, B { … }`, `contract C uses A`)
// and of import aliases (`import { A as B } from "…"`), as the AST printer shows it.

#include <gtest/gtest.h>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

TEST(AstComponents, ComponentAndUsesClauses) {
  auto p = parse_text(
      "component Ownable { pub owner: address; const R: u8 = 1; fn f() {} }\n"
      "component Pausable uses Ownable { paused: bool; }\n"
      "contract Vault uses Ownable, Pausable { x: u256; }\n"
      "test contract T uses Pausable {}\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  Component Ownable\n"
            "    Field pub owner: address\n"
            "    Const R: u8\n"
            "      Integer 1\n"
            "    Function f()\n"
            "      Block\n"
            "  Component Pausable uses Ownable\n"
            "    Field paused: bool\n"
            "  Contract Vault uses Ownable, Pausable\n"
            "    Field x: u256\n"
            "  TestContract T uses Pausable\n");
  const auto& c = std::get<ast::ContractDecl>(p->ast->items[0].kind);
  EXPECT_TRUE(c.is_component);
  const auto& v = std::get<ast::ContractDecl>(p->ast->items[2].kind);
  EXPECT_FALSE(v.is_component);
  ASSERT_EQ(v.uses.size(), 2u);
  EXPECT_EQ(v.uses[1].name, "Pausable");
}

TEST(AstComponents, UsesNeedsANameAndComponentIsReserved) {
  EXPECT_EQ(parse_text("contract V uses { }\n")->ast, nullptr);
  EXPECT_EQ(parse_text("contract V uses A, { }\n")->ast, nullptr);
  EXPECT_EQ(parse_text("fn component() {}\n")->ast, nullptr);
}

TEST(AstImports, AliasesAreLocalNames) {
  auto p = parse_text("import { A as B, C, as as as2 } from \"./x.tn\";\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast), "SourceFile\n  Import \"./x.tn\" { A as B, C, as as as2 }\n");
  const ast::ImportDecl& d = p->ast->imports[0];
  ASSERT_EQ(d.names.size(), 3u);
  ASSERT_EQ(d.aliases.size(), 3u);
  EXPECT_EQ(d.names[0].name, "A");
  EXPECT_EQ(d.aliases[0].name, "B");
  EXPECT_EQ(d.aliases[1].name, "");
  EXPECT_EQ(d.names[2].name, "as");
  EXPECT_EQ(d.aliases[2].name, "as2");
}

}  // namespace
}  // namespace tenet::compiler::testing
