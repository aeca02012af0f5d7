// Semantic analysis: every valid program checks without errors; every program under
// programs/sema_invalid/ is rejected with exactly the diagnostics of its .expected file
// (set TENET_UPDATE_GOLDEN=1 to rewrite them after reviewing a change); the checked
// program's model and the type table behave as documented.

#include "tenet/compiler/sema.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "sema_test_support.hpp"
#include "tenet/compiler/types.hpp"
#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

std::filesystem::path stdlib_dir() {
  return std::filesystem::path(TENET_SOURCE_DIR) / "stdlib";
}

/// The result of checking a program.
struct Checked {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  std::unique_ptr<CheckedProgram> program;
  std::string rendered() const { return render_all(diagnostics, sources); }
  std::string errors() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.diagnostics()) {
      if (d.severity != Severity::warning) out += render(d, sources);
    }
    return out;
  }
};

/// Checks `text` as an in-memory file named `name`.
std::unique_ptr<Checked> check_text(const std::string& text, const std::string& name = "test.tn") {
  auto c = std::make_unique<Checked>();
  FileId id = c->sources.add_file(name, text);
  c->program = check_program(c->sources, id, stdlib_dir(), c->diagnostics);
  return c;
}

/// Checks the file at `path`, named as `name` in diagnostics, with the working directory
/// set to the file's directory (imports resolve relative to the name).
std::unique_ptr<Checked> check_path(const std::filesystem::path& path, const std::string& name) {
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(path.parent_path());
  auto c = check_text(read_file(path), name);
  std::filesystem::current_path(previous);
  return c;
}

// ------------------------------------------------------------------ corpora

class SemaValid : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(SemaValid, ChecksWithoutErrors) {
  const std::filesystem::path& path = GetParam();
  auto c = check_path(path, path.filename().string());
  if (std::getenv("TENET_SHOW_DIAGNOSTICS") != nullptr) std::cout << c->rendered();
  EXPECT_EQ(c->errors(), "");
  EXPECT_FALSE(c->diagnostics.has_errors());
}

std::vector<std::filesystem::path> valid_programs() {
  auto out = program_files("valid");
  for (const auto& p : program_files("sema_valid")) out.push_back(p);
  return out;
}

TEST_P(SemaValid, EveryExpressionHasAType) {
  const std::filesystem::path& path = GetParam();
  auto c = check_path(path, path.filename().string());
  ASSERT_FALSE(c->diagnostics.has_errors());
  TypeCoverage coverage;
  for (const ModuleInfo& m : c->program->modules) {
    if (m.ast != nullptr) coverage.file(*m.ast);
  }
  EXPECT_EQ(coverage.untyped, std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Sema, SemaValid, ::testing::ValuesIn(valid_programs()), program_test_name);

class SemaInvalid : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(SemaInvalid, ExactDiagnostics) {
  const std::filesystem::path& path = GetParam();
  auto c = check_path(path, path.filename().string());
  EXPECT_TRUE(c->diagnostics.has_errors());
  auto expected = path;
  expected.replace_extension(".expected");
  if (std::getenv("TENET_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected, std::ios::binary) << c->rendered();
  }
  EXPECT_EQ(c->rendered(), read_file(expected));
}

INSTANTIATE_TEST_SUITE_P(Sema, SemaInvalid, ::testing::ValuesIn(program_files("sema_invalid")),
                         program_test_name);

TEST(SemaInvalidCorpus, HasAtLeast120Programs) {
  EXPECT_GE(program_files("sema_invalid").size(), 120u);
}

// ------------------------------------------------------------------ types

TEST(SemaTypes, AreInterned) {
  TypeTable t;
  EXPECT_EQ(t.integer(256, false), t.u256());
  EXPECT_NE(t.integer(256, true), t.u256());
  EXPECT_EQ(t.fixed_array(t.u8(), 4), t.fixed_array(t.u8(), 4));
  EXPECT_NE(t.fixed_array(t.u8(), 4), t.fixed_array(t.u8(), 5));
  EXPECT_EQ(t.map(t.address(), t.u256()), t.map(t.address(), t.u256()));
  EXPECT_EQ(t.tuple({t.u8(), t.boolean()}), t.tuple({t.u8(), t.boolean()}));
}

TEST(SemaTypes, AbiAndDisplayNames) {
  TypeTable t;
  EXPECT_EQ(abi_name(*t.u256()), "uint256");
  EXPECT_EQ(abi_name(*t.integer(8, true)), "int8");
  EXPECT_EQ(abi_name(*t.fixed_array(t.address(), 3)), "address[3]");
  EXPECT_EQ(abi_name(*t.dynamic_array(t.string())), "string[]");
  EXPECT_EQ(display_name(*t.fixed_array(t.u8(), 4)), "[u8; 4]");
  EXPECT_EQ(display_name(*t.map(t.address(), t.u256())), "map<address, u256>");
  EXPECT_EQ(display_name(*t.tuple({t.u8(), t.bytes32()})), "(u8, bytes32)");
  EXPECT_EQ(storage_slots(*t.fixed_array(t.u256(), 4)), 4u);
  EXPECT_EQ(storage_slots(*t.map(t.address(), t.u256())), 1u);
}

// ------------------------------------------------------------------ the model

TEST(SemaModel, ContractsFunctionsFieldsAndGetters) {
  auto c = check_text(R"(
struct Point { x: u256, y: u256 }
event Moved(who: address indexed, to: Point);
error Nope(code: u8);
/// A thing.
contract Thing {
    pub owner: address;
    grid: [u256; 3];
    pub balances: map<address, map<u256, bool>>;
    pub p: Point;
    payable init(o: address) { self.owner = o; }
    pub view fn get(k: address) -> u256 { return u256(k); }
    pub payable reentrant fn pay() -> (u8, bool) { return (1, true); }
    fn helper() {}
    pub payable fn receive() {}
}
)");
  ASSERT_EQ(c->errors(), "");
  const ContractInfo* t = c->program->find_contract("Thing");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->doc, "A thing.");
  ASSERT_EQ(t->fields.size(), 4u);
  EXPECT_EQ(t->fields[0].slot, 0u);
  EXPECT_EQ(t->fields[1].slot, 1u);
  EXPECT_EQ(t->fields[2].slot, 4u);
  EXPECT_EQ(t->fields[3].slot, 5u);
  EXPECT_EQ(t->storage_size, 7u);
  ASSERT_TRUE(t->init.has_value());
  EXPECT_TRUE(t->init->is_payable);
  ASSERT_EQ(t->functions.size(), 4u);
  EXPECT_EQ(t->functions[0].signature(), "get(address)");
  EXPECT_TRUE(t->functions[0].is_view);
  EXPECT_TRUE(t->functions[1].is_reentrant);
  EXPECT_EQ(t->functions[1].results.size(), 2u);
  EXPECT_FALSE(t->functions[2].is_pub);
  ASSERT_NE(t->receive, nullptr);
  ASSERT_EQ(t->getters.size(), 3u);
  EXPECT_EQ(t->getters[1].signature(), "balances(address,uint256)");
  EXPECT_EQ(display_name(*t->getters[1].results[0]), "bool");
  // 1.1: a struct field's getter returns the struct's members (language.md §6).
  ASSERT_EQ(t->getters[2].results.size(), 2u);
  EXPECT_EQ(display_name(*t->getters[2].results[0]), "u256");
  EXPECT_EQ(display_name(*t->getters[2].results[1]), "u256");
  ASSERT_EQ(t->events.size(), 1u);
  EXPECT_EQ(t->events[0]->signature(), "Moved(address,(uint256,uint256))");
  ASSERT_EQ(t->errors.size(), 1u);
  EXPECT_EQ(t->errors[0]->signature(), "Nope(uint8)");
}

TEST(SemaModel, ConstantsAreFolded) {
  auto c = check_text("const A: u256 = 2 ** 10 + 1;\nconst B: i8 = -(A > 1000 ? 100 : 1);\n");
  ASSERT_EQ(c->errors(), "");
  ASSERT_EQ(c->program->consts.size(), 2u);
  ASSERT_TRUE(c->program->consts[0].value.has_value());
  EXPECT_EQ(c->program->consts[0].value->integer, "1025");
  EXPECT_EQ(c->program->consts[1].value->integer, "-100");
}

TEST(SemaModel, TypedConstantOperatorsFollowTheSpec) {
  auto c = check_text(
      "const A: u8 = 1 << 8;\nconst B: u8 = 0xff << 4;\nconst D: i8 = -7 / 2;\n"
      "const E: i8 = -7 % 2;\nconst F: u8 = ~0;\nconst G: u8 = 250 +% 10;\n"
      "const H: i8 = -128 >> 9;\nconst I: u256 = 2 ** 256 - 1;\n");
  ASSERT_EQ(c->errors(), "");
  std::vector<std::string> values;
  for (const ConstInfo& k : c->program->consts) values.push_back(k.value->integer);
  EXPECT_EQ(values,
            (std::vector<std::string>{
                "0", "240", "-3", "-1", "255", "4", "-1",
                "115792089237316195423570985008687907853269984665640564039457584007913129639935"}));
}

TEST(SemaModel, ExpressionsAreTyped) {
  auto c = check_text("fn f(a: u8) -> u16 { let b = a + 1; return b; }\n");
  ASSERT_EQ(c->errors(), "");
  const auto& fn = std::get<ast::FunctionDecl>(c->program->modules[0].ast->items[0].kind);
  const auto& let = std::get<ast::LetStmt>(fn.body->statements[0]->kind);
  ASSERT_NE(let.init->type, nullptr);
  EXPECT_EQ(display_name(*let.init->type), "u8");
}

TEST(SemaModel, ResolutionsSayWhatNamesAndCallsMean) {
  auto c = check_text(R"(
enum Status { Created, Shipped }
interface IERC20 { fn transfer(to: address, amount: u256) -> bool; }
fn twice(x: u256) -> u256 { return x * 2; }
const K: u256 = 3;
contract C {
    balances: map<address, u256>;
    fn helper() -> u256 { return K; }
    pub fn run(token: address) -> u64 {
        let s = Status::Shipped;
        let ok = IERC20(token).transfer(msg.sender, twice(self.helper()));
        require(ok && s == Status::Shipped);
        self.balances[msg.sender] = 1;
        return u64(K);
    }
}
)");
  ASSERT_EQ(c->errors(), "");
  std::multiset<std::string> seen;
  for (const auto& [expr, r] : c->program->resolutions) {
    std::string what;
    switch (r.kind) {
      case Resolution::Kind::local:
        what = "local";
        break;
      case Resolution::Kind::constant:
        what = "constant:" + r.constant->name;
        break;
      case Resolution::Kind::free_call:
        what = "free_call:" + r.function->name;
        break;
      case Resolution::Kind::internal_call:
        what = "internal_call:" + r.function->name;
        break;
      case Resolution::Kind::external_call:
        what = "external_call:" + r.function->name + ":" + r.function->owner->name;
        break;
      case Resolution::Kind::conversion:
        what = "conversion:" + display_name(*r.target);
        break;
      case Resolution::Kind::builtin:
        what = "builtin:" + r.name;
        break;
      case Resolution::Kind::storage_field:
        what = "storage_field:" + r.field->name;
        break;
      case Resolution::Kind::enum_variant:
        what = "enum_variant:" + std::to_string(r.index);
        break;
      default:
        what = "other";
        break;
    }
    seen.insert(what);
  }
  EXPECT_EQ(seen.count("free_call:twice"), 1u);
  EXPECT_EQ(seen.count("internal_call:helper"), 1u);
  EXPECT_EQ(seen.count("external_call:transfer:IERC20"), 1u);
  EXPECT_EQ(seen.count("conversion:IERC20"), 1u);
  EXPECT_EQ(seen.count("conversion:u64"), 1u);
  EXPECT_EQ(seen.count("builtin:msg.sender"), 2u);
  EXPECT_EQ(seen.count("storage_field:balances"), 1u);
  EXPECT_EQ(seen.count("enum_variant:1"), 2u);
  EXPECT_EQ(seen.count("constant:K"), 2u);
  EXPECT_EQ(seen.count("local"), 4u);  // token, ok, and s twice
}

TEST(SemaWarnings, UnusedLocalsAndUnreachableCode) {
  auto c = check_text("fn f() -> u8 {\n    let x = 1;\n    return 2;\n    let y = 3;\n}\n");
  EXPECT_FALSE(c->diagnostics.has_errors());
  EXPECT_EQ(c->rendered(),
            "test.tn:4:5: warning: unreachable code\n"
            "    let y = 3;\n"
            "    ^~~~~~~~~~\n"
            "test.tn:2:9: warning: local 'x' is never used; remove it or name it '_x'\n"
            "    let x = 1;\n"
            "        ^\n"
            "test.tn:4:9: warning: local 'y' is never used; remove it or name it '_y'\n"
            "    let y = 3;\n"
            "        ^\n");
}

TEST(SemaImports, StdlibAndSelectiveImports) {
  auto c = check_text(
      "import { min, max } from \"std/math.tn\";\n"
      "fn f(a: u256, b: u256) -> u256 { return max(a, b) - min(a, b); }\n");
  EXPECT_EQ(c->errors(), "");
}

}  // namespace
}  // namespace tenet::compiler::testing
