// Operator precedence and associativity (language.md §4), checked on the AST.

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

// Parses `expr` as the initialiser of a let and prints it in prefix form.
std::string shape(const std::string& expr) {
  auto p = parse_text("fn f() { let r = " + expr + "; }");
  if (p->ast == nullptr) return "error: " + p->rendered();
  const auto& fn = std::get<ast::FunctionDecl>(p->ast->items.at(0).kind);
  const auto& let = std::get<ast::LetStmt>(fn.body->statements.at(0)->kind);
  return print_expr(*let.init);
}

TEST(ParserPrecedence, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a + b * c ** d ** e", "(+ a (* b (** c (** d e))))"},
      {"a < b == c < d", "(== (< a b) (< c d))"},
      {"x ? y : z ? w : v", "(? x y (? z w v))"},
      {"-a ** b", "(** (- a) b)"},
      {"a ** -b", "(** a (- b))"},
      {"a +% b *% c", "(+% a (*% b c))"},
      {"a & b == c", "(== (& a b) c)"},
      {"a | b ^ c & d", "(| a (^ b (& c d)))"},
      {"a << b + c", "(<< a (+ b c))"},
      {"a >> b - c", "(>> a (- b c))"},
      {"a & b << c", "(& a (<< b c))"},
      {"a | b < c", "(< (| a b) c)"},
      {"a || b && c", "(|| a (&& b c))"},
      {"a && b == c", "(&& a (== b c))"},
      {"a - b - c", "(- (- a b) c)"},
      {"a / b % c * d", "(* (% (/ a b) c) d)"},
      {"a -% b +% c", "(+% (-% a b) c)"},
      {"!a.b", "(! (. a b))"},
      {"-x[1]", "(- ([] x 1))"},
      {"~f(x)", "(~ (call f x))"},
      {"!!a", "(! (! a))"},
      {"a.b.c(d)[e]", "([] (call (. (. a b) c) d) e)"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"c ? a + b : a - b", "(? c (+ a b) (- a b))"},
      {"a || b ? c : d", "(? (|| a b) c d)"},
      {"a >= b != c <= d", "(!= (>= a b) (<= c d))"},
      {"x.f{value: 1, gas: 2}(y)", "(call (. x f){value: 1, gas: 2} y)"},
      {"new C{value: v}(a, b)", "(new C{value: v} a b)"},
      {"new C()", "(new C)"},
      {"new [u256](n)", "(new [u256] n)"},
      {"Point { x: 1, y: a + 2 }", "Point { x: 1, y: (+ a 2) }"},
      {"Status::Shipped == s", "(== Status::Shipped s)"},
      {"[1, 2, 3][i]", "([] (array 1 2 3) i)"},
      {"(a, b)", "(tuple a b)"},
      {"hex\"dead\"", "hex\"dead\""},
      {"\"a\\n\"", "\"a\\n\""},
      {"1e18 + 0xff_ff + 1_000", "(+ (+ 1e18 0xff_ff) 1_000)"},
      {"u64(x) + address(self).balance", "(+ (call u64 x) (. (call address self) balance))"},
      {"msg.sender == block.coinbase", "(== (. msg sender) (. block coinbase))"},
      {"true && false", "(&& true false)"},
      // (1.1) the type list of abi.decode: names, [T] (an array literal) and [T; N]
      {"abi.decode(d, (u8, [u16], [[u8; 2]; 3]))",
       "(call (. abi decode) d (tuple u8 (array u16) (type [[u8; 2]; 3])))"},
      {"[[u8; 2]]", "(array (type [u8; 2]))"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(shape(input), expected) << input;
  }
}

TEST(ParserPrecedence, StructLiteralIsNotConfusedWithABlock) {
  auto p = parse_text(
      "fn f(ok: bool, n: u256) {\n"
      "  if ok { g(); }\n"
      "  while n < MAX { n = n + 1; }\n"
      "  if p == Point { x: 1, y: 2 } { return; }\n"
      "  for i in 0..N { h(i); }\n"
      "}\n");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  const auto& fn = std::get<ast::FunctionDecl>(p->ast->items.at(0).kind);
  ASSERT_EQ(fn.body->statements.size(), 4u);
  const auto& third = std::get<ast::IfStmt>(fn.body->statements[2]->kind);
  EXPECT_EQ(print_expr(*third.condition), "(== p Point { x: 1, y: 2 })");
}

TEST(ParserPrecedence, NestedMapsCloseWithTwoAngles) {
  auto p = parse_text("contract C { m: map<address, map<address, u256>>; }");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  Contract C\n"
            "    Field m: map<address, map<address, u256>>\n");
}

TEST(ParserPrecedence, ShiftAssignment) {
  auto p = parse_text("fn f() { x >>= 2; x <<= 1; x = y >> 3; }");
  ASSERT_NE(p->ast, nullptr) << p->rendered();
  EXPECT_EQ(print_ast(*p->ast),
            "SourceFile\n"
            "  Function f()\n"
            "    Block\n"
            "      Assign >>=\n"
            "        Name x\n"
            "        Integer 2\n"
            "      Assign <<=\n"
            "        Name x\n"
            "        Integer 1\n"
            "      Assign =\n"
            "        Name x\n"
            "        Binary >>\n"
            "          Name y\n"
            "          Integer 3\n");
}

}  // namespace
}  // namespace tenet::compiler::testing
