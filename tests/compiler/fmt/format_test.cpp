// The formatter (compiler/src/fmt/, docs/cli.md "tenet fmt"): goldens for the tricky
// layouts, bad input, the exclusion list's globs.
#include "tenet/compiler/format.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tenet/compiler/format_ignore.hpp"

namespace tenet::compiler {
namespace {

/// The formatted text, checked to be a fixed point.
std::string fmt_golden(const std::string& text, const FormatOptions& options = {}) {
  FormatResult r = format_source(text, options);
  EXPECT_TRUE(r.ok) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  FormatResult again = format_source(r.text, options);
  EXPECT_TRUE(again.ok);
  EXPECT_EQ(again.text, r.text) << "not idempotent";
  return r.text;
}

TEST(FormatTest, SpacingAndIndentation) {
  EXPECT_EQ(fmt_golden("contract   C{\n  pub x :u256 ;\n\tfn f( a:u256,b : u256)->u256{\n"
                       "let y=a+b*2;return y;}\n}"),
            "contract C {\n"
            "    pub x: u256;\n"
            "    fn f(a: u256, b: u256) -> u256 {\n"
            "        let y = a + b * 2;\n"
            "        return y;\n"
            "    }\n"
            "}\n");
}

TEST(FormatTest, OperatorsIncludingWrappingOnesAndShifts) {
  EXPECT_EQ(fmt_golden("fn f(a: u8, b: u8) -> u8 {\n"
                       "    let c = a+%b-%1*%a;\n"
                       "    let d = -a;\n"
                       "    let e = !(a>b)&&a>=b||a<<1>>2==3;\n"
                       "    let mut g = a**b**2;\n"
                       "    g>>=1;\n"
                       "    g<<=1;\n"
                       "    return ~c;\n"
                       "}\n"),
            "fn f(a: u8, b: u8) -> u8 {\n"
            "    let c = a +% b -% 1 *% a;\n"
            "    let d = -a;\n"
            "    let e = !(a > b) && a >= b || a << 1 >> 2 == 3;\n"
            "    let mut g = a ** b ** 2;\n"
            "    g >>= 1;\n"
            "    g <<= 1;\n"
            "    return ~c;\n"
            "}\n");
}

TEST(FormatTest, CommentsStayWhereTheyAre) {
  const std::string source =
      "// header comment\n"
      "\n"
      "/// The counter.\n"
      "contract C { // trailing after the brace\n"
      "    /// doc of x\n"
      "    x: u256; // trailing after a field\n"
      "\n"
      "\n"
      "    /* block before */ fn f() {\n"
      "        let a = 1 /* between */ + 2;\n"
      "        // own line in a body\n"
      "        self.x = a;\n"
      "        // last line of a body\n"
      "    }\n"
      "}\n"
      "// end of file\n";
  EXPECT_EQ(fmt_golden(source),
            "// header comment\n"
            "\n"
            "/// The counter.\n"
            "contract C { // trailing after the brace\n"
            "    /// doc of x\n"
            "    x: u256; // trailing after a field\n"
            "\n"
            "    /* block before */ fn f() {\n"
            "        let a = 1 /* between */ + 2;\n"
            "        // own line in a body\n"
            "        self.x = a;\n"
            "        // last line of a body\n"
            "    }\n"
            "}\n"
            "// end of file\n");
}

TEST(FormatTest, CommentsBetweenTokens) {
  EXPECT_EQ(fmt_golden("contract C {\n"
                       "    fn f(a: u256) -> u256 {\n"
                       "        let x = a\n"
                       "            // own line in an expression\n"
                       "            + 1;\n"
                       "        if a > 1 { // after a brace\n"
                       "            return 1;\n"
                       "        } // between } and else\n"
                       "        else {\n"
                       "            return 2 /* inline */;\n"
                       "        }\n"
                       "        let y = g(\n"
                       "            // first argument\n"
                       "            a,\n"
                       "            b, // trailing b\n"
                       "            // before the closing parenthesis\n"
                       "        );\n"
                       "        return x /* a */ + /* b */ y;    // aligned\n"
                       "    }\n"
                       "    fn g() {} /* block */ // and a line comment\n"
                       "    /* several\n"
                       "       lines */\n"
                       "    fn h() {}\n"
                       "}\n"),
            "contract C {\n"
            "    fn f(a: u256) -> u256 {\n"
            "        let x = a\n"
            "            // own line in an expression\n"
            "            + 1;\n"
            "        if a > 1 { // after a brace\n"
            "            return 1;\n"
            "        } // between } and else\n"
            "        else {\n"
            "            return 2 /* inline */;\n"
            "        }\n"
            "        let y = g(\n"
            "            // first argument\n"
            "            a,\n"
            "            b, // trailing b\n"
            "            // before the closing parenthesis\n"
            "        );\n"
            "        return x /* a */ + /* b */ y;    // aligned\n"
            "    }\n"
            "    fn g() {} /* block */ // and a line comment\n"
            "    /* several\n"
            "       lines */\n"
            "    fn h() {}\n"
            "}\n");
}

// The comment once waited for the end of the line while `/* c */` was written before it,
// which swapped the two comments (the formatter refused the file).
TEST(FormatTest, ALineCommentEndsItsLineWhereTheLayoutHasNoBreak) {
  EXPECT_EQ(fmt_golden("fn // x\nf(a: u8) -> /* c */ u8 { return a; }\n"),
            "fn // x\n"
            "f(a: u8) -> /* c */ u8 { return a; }\n");
}

TEST(FormatTest, CommentsInEmptyListsAndLiterals) {
  EXPECT_EQ(fmt_golden("fn f() {\n"
                       "    g(/* nothing */);\n"
                       "    g(\n"
                       "  // only a comment\n"
                       "    );\n"
                       "    let p = P { /* first */ x: 1, y: 2 /* last */ };\n"
                       "}\n"
                       "enum E { A, /* middle */ B }\n"),
            "fn f() {\n"
            "    g(/* nothing */);\n"
            "    g(\n"
            "        // only a comment\n"
            "    );\n"
            "    let p = P { /* first */ x: 1, y: 2 /* last */ };\n"
            "}\n"
            "\n"
            "enum E { A, /* middle */ B }\n");
}

TEST(FormatTest, PowerChainsAreOneLevel) {
  FormatOptions narrow;
  narrow.max_width = 24;
  EXPECT_EQ(fmt_golden("fn f(a: u256) -> u256 { return a**a**a**a**a**a; }\n", narrow),
            "fn f(a: u256) -> u256 {\n"
            "    return a\n"
            "        ** a\n"
            "        ** a\n"
            "        ** a\n"
            "        ** a\n"
            "        ** a;\n"
            "}\n");
}

TEST(FormatTest, CommentsInsideArgumentListsBreakTheList) {
  EXPECT_EQ(fmt_golden("fn f() -> u256 {\n"
                       "    return g(1, // one\n"
                       "        2);\n"
                       "}\n"),
            "fn f() -> u256 {\n"
            "    return g(\n"
            "        1, // one\n"
            "        2,\n"
            "    );\n"
            "}\n");
}

TEST(FormatTest, LongParameterListsBreakOnePerLineWithATrailingComma) {
  EXPECT_EQ(fmt_golden("contract C {\n"
                       "    pub fn transfer_with_a_long_name(recipient: address, amount: u256, "
                       "memo: string, deadline: u64) -> bool { return true; }\n"
                       "}\n"),
            "contract C {\n"
            "    pub fn transfer_with_a_long_name(\n"
            "        recipient: address,\n"
            "        amount: u256,\n"
            "        memo: string,\n"
            "        deadline: u64,\n"
            "    ) -> bool { return true; }\n"
            "}\n");
}

TEST(FormatTest, ATrailingCommaGoesWhenTheListFitsOnOneLine) {
  EXPECT_EQ(fmt_golden("event E(a: u256 indexed, b: address,);\n"),
            "event E(a: u256 indexed, b: address);\n");
}

TEST(FormatTest, LongCallChainsBreakTheirArgumentLists) {
  EXPECT_EQ(fmt_golden("fn f() -> u256 {\n"
                       "    return self.token.transfer_from(self.owner_of_the_vault, "
                       "self.recipient_address, self.amount_to_move).value();\n"
                       "}\n"),
            "fn f() -> u256 {\n"
            "    return self.token.transfer_from(\n"
            "        self.owner_of_the_vault,\n"
            "        self.recipient_address,\n"
            "        self.amount_to_move,\n"
            "    ).value();\n"
            "}\n");
}

TEST(FormatTest, LongConditionsBreakBeforeTheirOperators) {
  EXPECT_EQ(fmt_golden("fn f(a: u256, b: u256) -> bool {\n"
                       "    return a_long_condition_name(a) && another_long_condition_name(b) "
                       "&& a_third_condition(a, b) || a == b;\n"
                       "}\n"),
            // The loosest operator breaks first; the `&&` operand then fits.
            "fn f(a: u256, b: u256) -> bool {\n"
            "    return a_long_condition_name(a) && another_long_condition_name(b) && "
            "a_third_condition(a, b)\n"
            "        || a == b;\n"
            "}\n");
  EXPECT_EQ(fmt_golden("fn f(a: u256, b: u256) -> bool {\n"
                       "    return a_long_condition_name(a) && another_long_condition_name(b) "
                       "&& a_third_condition(a, b) && a == b;\n"
                       "}\n"),
            "fn f(a: u256, b: u256) -> bool {\n"
            "    return a_long_condition_name(a)\n"
            "        && another_long_condition_name(b)\n"
            "        && a_third_condition(a, b)\n"
            "        && a == b;\n"
            "}\n");
}

TEST(FormatTest, LongConditionalsBreakBeforeQuestionMarkAndColon) {
  EXPECT_EQ(fmt_golden("fn f(a: u256, b: u256) -> u256 {\n"
                       "    return a > b ? a_long_function_name_for_the_first(a, b) : "
                       "another_long_function_name_for_the_second(a, b);\n"
                       "}\n"),
            "fn f(a: u256, b: u256) -> u256 {\n"
            "    return a > b\n"
            "        ? a_long_function_name_for_the_first(a, b)\n"
            "        : another_long_function_name_for_the_second(a, b);\n"
            "}\n");
}

TEST(FormatTest, NestedMapsAndArrayTypes) {
  EXPECT_EQ(fmt_golden("contract C {\n"
                       "    allowed: map< address ,map<address,u256> >;\n"
                       "    grid: [[u8;3];4];\n"
                       "    tags: [ bytes4 ];\n"
                       "}\n"),
            "contract C {\n"
            "    allowed: map<address, map<address, u256>>;\n"
            "    grid: [[u8; 3]; 4];\n"
            "    tags: [bytes4];\n"
            "}\n");
}

TEST(FormatTest, EmptyBodiesAndOneLineBodies) {
  EXPECT_EQ(fmt_golden("contract C {\n"
                       "    pub fn a() {   }\n"
                       "    pub fn b() -> u8 {return 1;}\n"
                       "    pub fn c() {\n"
                       "    }\n"
                       "}\n"
                       "contract D {}\n"),
            "contract C {\n"
            "    pub fn a() {}\n"
            "    pub fn b() -> u8 { return 1; }\n"
            "    pub fn c() {}\n"
            "}\n"
            "\n"
            "contract D {}\n");
}

TEST(FormatTest, IfElseChainsAndLoops) {
  EXPECT_EQ(fmt_golden("fn f(x: u256) -> u256 {\n"
                       "    if x>1 {return 1;}\n"
                       "    else if x==1 { return 2; } else {\n"
                       "        return 3;\n"
                       "    }\n"
                       "}\n"
                       "fn g(x: u256) -> u256 {\n"
                       "    if x > 1 { return 1; } else { return 2; }\n"
                       "}\n"
                       "fn h() {\n"
                       "    for i in 0 .. 10 { log(i); }\n"
                       "    for _ in 0..=2 {}\n"
                       "    while true { break; }\n"
                       "}\n"),
            "fn f(x: u256) -> u256 {\n"
            "    if x > 1 {\n"
            "        return 1;\n"
            "    } else if x == 1 {\n"
            "        return 2;\n"
            "    } else {\n"
            "        return 3;\n"
            "    }\n"
            "}\n"
            "\n"
            "fn g(x: u256) -> u256 {\n"
            "    if x > 1 { return 1; } else { return 2; }\n"
            "}\n"
            "\n"
            "fn h() {\n"
            "    for i in 0..10 { log(i); }\n"
            "    for _ in 0..=2 {}\n"
            "    while true { break; }\n"
            "}\n");
}

TEST(FormatTest, TryCatch) {
  EXPECT_EQ(fmt_golden("contract C {\n"
                       "    fn f(t: IToken) {\n"
                       "        try t.transfer(msg.sender,1)->(ok:bool) {\n"
                       "            log(ok);\n"
                       "        } catch Insufficient(have,need) {\n"
                       "        } catch Error( message ) { log(message); }\n"
                       "        catch Panic(code) {} catch (data) { revert(data); } \n"
                       "        try new Child() -> (c) {} catch {}\n"
                       "    }\n"
                       "}\n"),
            "contract C {\n"
            "    fn f(t: IToken) {\n"
            "        try t.transfer(msg.sender, 1) -> (ok: bool) {\n"
            "            log(ok);\n"
            "        } catch Insufficient(have, need) {} catch Error(message) {\n"
            "            log(message);\n"
            "        } catch Panic(code) {} catch (data) {\n"
            "            revert(data);\n"
            "        }\n"
            "        try new Child() -> (c) {} catch {}\n"
            "    }\n"
            "}\n");
}

TEST(FormatTest, ComponentsAndUses) {
  EXPECT_EQ(
      fmt_golden("component Ownable{pub owner:address;\n"
                 "fn only_owner(){ if msg.sender!=self.owner {revert NotOwner(msg.sender);} }\n"
                 "}\ncontract Vault uses Ownable ,Pausable{ init(){self.owner=msg.sender;} }\n"),
      "component Ownable {\n"
      "    pub owner: address;\n"
      "    fn only_owner() { if msg.sender != self.owner { revert NotOwner(msg.sender); } }\n"
      "}\n"
      "\n"
      "contract Vault uses Ownable, Pausable { init() { self.owner = msg.sender; } }\n");
}

TEST(FormatTest, StructLiteralsKeepTheUsersBreakAndGetATrailingComma) {
  EXPECT_EQ(fmt_golden("struct P { x: u256, y: u256 }\n"
                       "struct Q {\n"
                       "    a: u8; b: u8\n"
                       "}\n"
                       "fn f() -> P {\n"
                       "    let p = P{x:1,y:2};\n"
                       "    return P {\n"
                       "        x: p.x, y: p.y };\n"
                       "}\n"),
            "struct P { x: u256, y: u256 }\n"
            "\n"
            "struct Q {\n"
            "    a: u8;\n"
            "    b: u8;\n"
            "}\n"
            "\n"
            "fn f() -> P {\n"
            "    let p = P { x: 1, y: 2 };\n"
            "    return P {\n"
            "        x: p.x,\n"
            "        y: p.y,\n"
            "    };\n"
            "}\n");
}

TEST(FormatTest, LiteralsAreKeptAsWritten) {
  EXPECT_EQ(
      fmt_golden("const A: u256 = 1_000_000;\nconst B: u256 = 0xff_FF;\nconst C: u256 = 1e18;\n"
                 "fn f() -> bytes { let s = \"a\\\"b // not a comment\"; "
                 "return hex\"DEADbeef\"; }\n"),
      "const A: u256 = 1_000_000;\n"
      "const B: u256 = 0xff_FF;\n"
      "const C: u256 = 1e18;\n"
      "\n"
      "fn f() -> bytes { let s = \"a\\\"b // not a comment\"; return hex\"DEADbeef\"; }\n");
}

TEST(FormatTest, CallOptionsImportsAndEnums) {
  EXPECT_EQ(
      fmt_golden("import {A as B,C} from \"./x.tn\";\nimport \"./y.tn\";\n"
                 "enum Status { Open, Shipped, }\n"
                 "fn f() {\n let v = new Vault{ value:1000 }(1); v.deposit{value: 10,gas:5}(); "
                 "let s = Status :: Open; }\n"),
      "import { A as B, C } from \"./x.tn\";\n"
      "import \"./y.tn\";\n"
      "\n"
      "enum Status { Open, Shipped }\n"
      "\n"
      "fn f() {\n"
      "    let v = new Vault{value: 1000}(1);\n"
      "    v.deposit{value: 10, gas: 5}();\n"
      "    let s = Status::Open;\n"
      "}\n");
}

TEST(FormatTest, KeepsAtMostOneBlankLineBetweenStatements) {
  EXPECT_EQ(fmt_golden("fn f() {\n\n    let a = 1;\n\n\n\n    let b = 2;\n    let c = 3;\n\n}\n"),
            "fn f() {\n    let a = 1;\n\n    let b = 2;\n    let c = 3;\n}\n");
}

TEST(FormatTest, ArrayLiteralsAndTuplesBreakWhenTooLong) {
  FormatOptions narrow;
  narrow.max_width = 30;
  EXPECT_EQ(fmt_golden("fn f() -> (u256, u256) {\n    let a = [100000, 200000, 300000];\n"
                       "    return (a[0], a[1]);\n}\n",
                       narrow),
            "fn f() -> (u256, u256) {\n"
            "    let a = [\n"
            "        100000,\n"
            "        200000,\n"
            "        300000,\n"
            "    ];\n"
            "    return (a[0], a[1]);\n"
            "}\n");
}

TEST(FormatTest, ATextThatDoesNotParseIsNotFormatted) {
  FormatResult r = format_source("contract C {\n    fn f() { let x = ; }\n}\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.text, "");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].range.file, 0u);
  EXPECT_EQ(r.diagnostics[0].range.begin.line, 2u);
  EXPECT_EQ(r.diagnostics[0].range.begin.column, 22u);
  EXPECT_EQ(r.diagnostics[0].message, "expected an expression, found ';'");
}

TEST(FormatTest, AnEmptyFileStaysEmptyButForItsNewline) {
  EXPECT_EQ(fmt_golden(""), "\n");
  EXPECT_EQ(fmt_golden("// only a comment"), "// only a comment\n");
}

TEST(FormatIgnoreTest, GlobsMatchPathsRelativeToTheList) {
  const FormatIgnore list = FormatIgnore::parse(
      "# fixtures\n\ntests/programs/invalid/\n  **/node_modules/  \ntests/*.golden.tn\n");
  EXPECT_EQ(list.globs().size(), 3u);
  EXPECT_TRUE(list.excludes("tests/programs/invalid/a.tn"));
  EXPECT_TRUE(list.excludes("tests/programs/invalid/deep/b.tn"));
  EXPECT_FALSE(list.excludes("tests/programs/valid/a.tn"));
  EXPECT_TRUE(list.excludes("node_modules/x.tn"));
  EXPECT_TRUE(list.excludes("tests/ethers/node_modules/p/x.tn"));
  EXPECT_TRUE(list.excludes("tests/a.golden.tn"));
  EXPECT_FALSE(list.excludes("tests/sub/a.golden.tn"));
  EXPECT_TRUE(glob_matches("a?c", "abc"));
  EXPECT_FALSE(glob_matches("a?c", "a/c"));
  EXPECT_TRUE(glob_matches("**", "a/b/c"));
  EXPECT_FALSE(glob_matches("*", "a/b"));
}

}  // namespace
}  // namespace tenet::compiler
