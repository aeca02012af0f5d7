// locate_failure on small compiled test contracts at -O0, -O1 and -O2: the failing line of a
// `require` among several (whose REVERT block is shared), of a custom error in a nested call
// with the test's calling line, of panics and an internal function's revert in a called
// contract, of a failure two calls deep, of assert_eq and revert in the test itself, of an
// endless loop, of a failing constructor, of a deep recursion; setup() and invariant
// sequences; operands of instrumented builds.

#include "tenet/runner/source_locator.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../cli/test/src/source_text.hpp"  // white-box: the locator's line reader
#include "e2e/e2e_support.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/runner/environment.hpp"
#include "tenet/runner/stdlib_dir.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {
namespace {

constexpr const char* kLocatorSource = R"(error TooBig(have: u256, limit: u256);

contract Vault {
    pub total: u256;

    pub fn deposit(a: u256, b: u256) {
        require(a > 3);
        require(b > 5);
        self.total = a + b;
    }

    pub fn withdraw(amount: u256) {
        if amount > 10 {
            revert TooBig(amount, 10);
        }
        self.total = amount;
    }

    pub fn spin(n: u256) {
        while self.total < n {
            self.total = self.total + 1;
        }
    }
}

contract Counter {
    count: u256;
    slots: [u256; 3];
    stack: [u256];

    pub fn dec() {
        self.count -= 1;
    }
    pub view fn share(parts: u256) -> u256 {
        return self.count / parts;
    }
    pub view fn slot(i: u256) -> u256 {
        return self.slots[i];
    }
    pub fn pop() -> u256 {
        return self.stack.pop();
    }
    pub fn check_positive() {
        assert(self.count > 0);
    }
    pub fn take(amount: u256) {
        self.move_out(amount);
    }
    fn move_out(amount: u256) {
        let bal = self.count;
        if bal < amount { revert TooBig(bal, amount); }
        self.count = bal - amount;
    }
}

contract Inner {
    pub view fn check(x: u256, y: u256) -> u256 {
        require(x > 3);
        require(y > 5);
        return x + y;
    }
}

contract Outer {
    inner: Inner;

    init(inner: Inner) { self.inner = inner; }

    pub view fn run(a: u256, b: u256) -> u256 {
        return self.inner.check(a, b);
    }
}

contract Picky {
    pub n: u256;

    init(n: u256) {
        require(n > 0, "zero");
        self.n = n;
    }
}

contract Recurser {
    pub depth: u256;

    pub reentrant fn down(n: u256) -> u256 {
        self.depth = n;
        return Recurser(address(self)).down(n + 1);
    }
}

test contract BrokenSetupTest {
    counter: Counter;

    fn setup() {
        self.counter = new Counter();
        assert_eq(self.counter.share(1), 1);
    }

    test fn never_runs() {}
}

test contract VaultTest {
    vault: Vault;
    counter: Counter;
    outer: Outer;
    recurser: Recurser;

    fn setup() {
        self.vault = new Vault();
        self.counter = new Counter();
        self.outer = new Outer(new Inner());
        self.recurser = new Recurser();
    }

    test fn second_require() {
        self.vault.deposit(4, 5);
    }
    test fn custom_error() {
        self.vault.withdraw(11);
    }
    test fn equal() {
        assert_eq(1 + 1, 3);
    }
    test fn endless() {
        self.vault.spin(1000000000);
    }
    test fn compare() {
        let a: u256 = 3;
        require(a >= 5);
    }
    test fn underflow() {
        self.counter.dec();
    }
    test fn division() {
        self.counter.share(0);
    }
    test fn index() {
        self.counter.slot(3);
    }
    test fn pop_empty() {
        self.counter.pop();
    }
    test fn assertion() {
        self.counter.check_positive();
    }
    test fn internal_revert() {
        self.counter.take(1);
    }
    test fn two_deep() {
        self.outer.run(4, 5);
    }
    test fn recursion() {
        self.recurser.down(0);
    }
    test fn failing_creation() {
        let p = new Picky(0);
        log(p.n());
    }
    test fn own_revert() {
        revert TooBig(1, 2);
    }
    invariant fn nothing_deposited() {
        assert_eq(self.vault.total(), 0);
    }
    test fn passes() {
        self.vault.deposit(4, 6);
    }
}
)";

/// The 1-based line of `kLocatorSource` holding `text`.
uint32_t line_of(const std::string& text) {
  const std::string source = kLocatorSource;
  const size_t at = source.find(text);
  EXPECT_NE(at, std::string::npos) << text;
  return static_cast<uint32_t>(std::count(source.begin(), source.begin() + at, '\n') + 1);
}

/// The registry entry of a compiled contract.
KnownCode known(const compiler::CheckedProgram& program, const compiler::CompiledContract& c) {
  KnownCode code;
  code.name = c.name;
  code.source = "test.tn";
  code.is_test = c.contract->kind == compiler::ContractInfo::Kind::test_contract;
  code.abi = compiler::contract_abi(program, *c.contract);
  code.files = c.code.files;
  code.lines = c.code.lines;
  code.size = c.bytecode.size();
  return code;
}

/// kLocatorSource compiled at one level, as a suite with its registry, in a project root holding
/// the file (for the lines' text).
class Located {
 public:
  explicit Located(compiler::OptLevel level, bool record_operands = false,
                   const std::string& contract = "VaultTest") {
    root_ = std::filesystem::temp_directory_path() /
            ("tenet-locator-" + std::to_string(static_cast<int>(level)) +
             (record_operands ? "r-" : "-") + std::to_string(::getpid()));
    std::filesystem::create_directories(root_);
    std::ofstream(root_ / "test.tn") << kLocatorSource;
    checked_ = compiler::testing::check_source(kLocatorSource);
    compiler::CompileOptions options;
    options.level = level;
    options.record_operands = record_operands;
    auto compiled = compiler::compile_contract(*checked_->program, checked_->sources,
                                               checked_->contract(contract), options);
    EXPECT_TRUE(compiled) << (compiled ? "" : compiled.error().message);
    if (!compiled) return;
    registry_.add(vm::keccak256(compiled->bytecode), known(*checked_->program, *compiled));
    for (const auto& child : compiled->children)
      registry_.add(vm::keccak256(child.bytecode), known(*checked_->program, child));
    suite_.file = "test.tn";
    suite_.contract = contract;
    suite_.bytecode = compiled->bytecode;
    suite_.has_setup = true;
  }
  ~Located() { std::filesystem::remove_all(root_); }

  /// The located failure of test `name`.
  LocatedFailure run(const std::string& name) const {
    ReplayCall call;
    call.sender = default_sender();
    call.to = test_contract_address();
    const auto selector = vm::selector_of(name + "()");
    call.calldata.assign(selector.begin(), selector.end());
    return locate({call});
  }

  /// The located failure of `run` (empty: of the deployment and setup()).
  LocatedFailure locate(const std::vector<ReplayCall>& run) const {
    ExecutorOptions options;
    options.gas_limit = 2'000'000;
    return locate_failure(suite_, registry_, run, options, root_);
  }

 private:
  std::filesystem::path root_;
  std::unique_ptr<compiler::testing::CheckedSource> checked_;
  ArtifactRegistry registry_;
  TestSuite suite_;
};

void expect_at(const std::optional<SourceLocation>& got, uint32_t line, const std::string& text) {
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->file, "test.tn");
  EXPECT_EQ(got->line, line);
  EXPECT_EQ(got->text, text);
  EXPECT_FALSE(got->approximate);
}

std::string level_name(const ::testing::TestParamInfo<compiler::OptLevel>& level) {
  return "O" + std::to_string(static_cast<int>(level.param));
}

class LocatorAtLevel : public ::testing::TestWithParam<compiler::OptLevel> {};

TEST_P(LocatorAtLevel, SecondOfTwoRequiresInACalledContract) {
  Located located(GetParam());
  const LocatedFailure f = located.run("second_require");
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_TRUE(f.revert_data.empty());
  ASSERT_TRUE(f.location.has_value());
  if (GetParam() == compiler::OptLevel::O0) {
    expect_at(f.location, line_of("require(b > 5)"), "require(b > 5);");
  } else {
    // Optimised code may merge both conditions into one jump tagged with the first line:
    // the runner confirms the line on an -O0 replay.
    EXPECT_TRUE(f.location->line == line_of("require(a > 3)") ||
                f.location->line == line_of("require(b > 5)"))
        << f.location->line;
  }
  ASSERT_EQ(f.called_from.size(), 1u);
  expect_at(f.called_from[0], line_of("self.vault.deposit(4, 5)"), "self.vault.deposit(4, 5);");
  EXPECT_FALSE(f.operands.has_value());
  EXPECT_EQ(f.origin_depth, 1);
  EXPECT_EQ(f.origin_status, vm::Status::Revert);
}

TEST_P(LocatorAtLevel, CustomErrorInANestedCallIsCalledFromTheTest) {
  Located located(GetParam());
  const LocatedFailure f = located.run("custom_error");
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_EQ(compiler::testing::hex(f.revert_data).substr(0, 8),
            compiler::testing::hex(compiler::testing::selector_bytes("TooBig(uint256,uint256)")));
  expect_at(f.location, line_of("revert TooBig"), "revert TooBig(amount, 10);");
  ASSERT_EQ(f.called_from.size(), 1u);
  expect_at(f.called_from[0], line_of("self.vault.withdraw(11)"), "self.vault.withdraw(11);");
}

TEST_P(LocatorAtLevel, AssertEqInTheTestFailsOnItsLine) {
  Located located(GetParam());
  const LocatedFailure f = located.run("equal");
  EXPECT_EQ(f.status, vm::Status::Revert);
  expect_at(f.location, line_of("assert_eq(1 + 1, 3)"), "assert_eq(1 + 1, 3);");
  EXPECT_TRUE(f.called_from.empty());
  EXPECT_EQ(f.origin_depth, 0);
  EXPECT_EQ(f.origin_status, vm::Status::Revert);
}

TEST_P(LocatorAtLevel, OutOfGasInALoopIsInsideTheLoop) {
  Located located(GetParam());
  const LocatedFailure f = located.run("endless");
  // The callee ran out of gas; the test reverted with its empty output.
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_EQ(f.origin_depth, 1);
  EXPECT_EQ(f.origin_status, vm::Status::OutOfGas);
  ASSERT_TRUE(f.location.has_value());
  EXPECT_TRUE(f.location->line == line_of("while self.total < n") ||
              f.location->line == line_of("self.total = self.total + 1"))
      << f.location->line << ": " << f.location->text;
  ASSERT_EQ(f.called_from.size(), 1u);
  expect_at(f.called_from[0], line_of("self.vault.spin(1000000000)"),
            "self.vault.spin(1000000000);");
}

/// A failure one call deep whose line is exact at every level: `test` calls `call`, which
/// fails at `line`.
void expect_one_deep(const Located& located, const std::string& test, const std::string& line,
                     const std::string& call) {
  SCOPED_TRACE(test);
  const LocatedFailure f = located.run(test);
  EXPECT_EQ(f.status, vm::Status::Revert);
  expect_at(f.location, line_of(line), line);
  ASSERT_EQ(f.called_from.size(), 1u);
  expect_at(f.called_from[0], line_of(call), call);
}

TEST_P(LocatorAtLevel, PanicsInACalledContract) {
  Located located(GetParam());
  expect_one_deep(located, "underflow", "self.count -= 1;", "self.counter.dec();");
  expect_one_deep(located, "division", "return self.count / parts;", "self.counter.share(0);");
  expect_one_deep(located, "index", "return self.slots[i];", "self.counter.slot(3);");
  expect_one_deep(located, "pop_empty", "return self.stack.pop();", "self.counter.pop();");
  expect_one_deep(located, "assertion", "assert(self.count > 0);",
                  "self.counter.check_positive();");
}

TEST_P(LocatorAtLevel, RevertInAnInternalFunctionIsTheRevertsLine) {
  Located located(GetParam());
  expect_one_deep(located, "internal_revert", "if bal < amount { revert TooBig(bal, amount); }",
                  "self.counter.take(1);");
}

TEST_P(LocatorAtLevel, TwoCallsDeep) {
  Located located(GetParam());
  const LocatedFailure f = located.run("two_deep");
  EXPECT_EQ(f.status, vm::Status::Revert);
  ASSERT_TRUE(f.location.has_value());
  if (GetParam() == compiler::OptLevel::O0)
    expect_at(f.location, line_of("require(y > 5)"), "require(y > 5);");
  EXPECT_EQ(f.origin_depth, 2);
  ASSERT_EQ(f.called_from.size(), 2u);
  expect_at(f.called_from[0], line_of("return self.inner.check(a, b);"),
            "return self.inner.check(a, b);");
  expect_at(f.called_from[1], line_of("self.outer.run(4, 5)"), "self.outer.run(4, 5);");
}

TEST_P(LocatorAtLevel, DeepRecursionIsCalledFromItsLineOnce) {
  Located located(GetParam());
  const LocatedFailure f = located.run("recursion");
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_EQ(f.origin_status, vm::Status::OutOfGas);
  EXPECT_GT(f.origin_depth, 10);
  ASSERT_TRUE(f.location.has_value());
  // The innermost call ran out of gas in compiler-generated code (no line of its own):
  // the line is where that code was called from, the function's declaration.
  expect_at(f.location, line_of("pub reentrant fn down(n: u256) -> u256 {"),
            "pub reentrant fn down(n: u256) -> u256 {");
  ASSERT_EQ(f.called_from.size(), 2u);
  expect_at(f.called_from[0], line_of("return Recurser(address(self)).down(n + 1);"),
            "return Recurser(address(self)).down(n + 1);");
  expect_at(f.called_from[1], line_of("self.recurser.down(0);"), "self.recurser.down(0);");
}

TEST_P(LocatorAtLevel, AFailingConstructorIsCalledFromTheNew) {
  Located located(GetParam());
  expect_one_deep(located, "failing_creation", "require(n > 0, \"zero\");",
                  "let p = new Picky(0);");
}

TEST_P(LocatorAtLevel, RevertInTheTestItself) {
  Located located(GetParam());
  const LocatedFailure f = located.run("own_revert");
  expect_at(f.location, line_of("revert TooBig(1, 2)"), "revert TooBig(1, 2);");
  EXPECT_TRUE(f.called_from.empty());
}

TEST_P(LocatorAtLevel, APassingRunHasNoLocation) {
  Located located(GetParam());
  const LocatedFailure f = located.run("passes");
  EXPECT_EQ(f.status, vm::Status::Success);
  EXPECT_EQ(f.origin_depth, -1);
  EXPECT_FALSE(f.location.has_value());
  EXPECT_TRUE(f.called_from.empty());
}

INSTANTIATE_TEST_SUITE_P(Levels, LocatorAtLevel,
                         ::testing::Values(compiler::OptLevel::O0, compiler::OptLevel::O1,
                                           compiler::OptLevel::O2),
                         level_name);

TEST(Locator, AnInvariantSequenceIsReplayedAndItsCheckLocated) {
  Located located(compiler::OptLevel::O2);
  ReplayCall deposit;
  deposit.sender = default_sender();
  deposit.to = vm::create_address(test_contract_address(), 1);  // the first `new`: the vault
  deposit.calldata = compiler::testing::input("deposit(uint256,uint256)",
                                              {compiler::testing::iw(4), compiler::testing::iw(6)});
  ReplayCall check;
  check.sender = default_sender();
  check.to = test_contract_address();
  check.calldata = compiler::testing::selector_bytes("nothing_deposited()");
  check.is_check = true;
  const LocatedFailure f = located.locate({deposit, check});
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_EQ(f.origin_depth, 0);
  expect_at(f.location, line_of("assert_eq(self.vault.total(), 0);"),
            "assert_eq(self.vault.total(), 0);");
  // Without the deposit the invariant holds.
  EXPECT_EQ(located.locate({check}).status, vm::Status::Success);
}

TEST(Locator, AFailingSetupIsLocatedWithAnEmptyRun) {
  Located located(compiler::OptLevel::O2, false, "BrokenSetupTest");
  const LocatedFailure f = located.locate({});
  EXPECT_EQ(f.status, vm::Status::Revert);
  EXPECT_EQ(f.origin_depth, 0);
  expect_at(f.location, line_of("assert_eq(self.counter.share(1), 1);"),
            "assert_eq(self.counter.share(1), 1);");
  EXPECT_TRUE(f.called_from.empty());
}

TEST(Locator, OperandRecordGivesTheOperandsAndTheLine) {
  Located located(compiler::OptLevel::O0, /*record_operands=*/true);
  const LocatedFailure f = located.run("compare");
  EXPECT_EQ(f.status, vm::Status::Revert);
  expect_at(f.location, line_of("require(a >= 5)"), "require(a >= 5);");
  ASSERT_TRUE(f.operands.has_value());
  EXPECT_EQ(f.operands->op, ">=");
  EXPECT_EQ(f.operands->lhs, "3");
  EXPECT_EQ(f.operands->rhs, "5");
  expect_at(f.operands->where, line_of("require(a >= 5)"), "require(a >= 5);");
  EXPECT_GT(f.operands->where.column, 0u);
}

TEST(Locator, OperandRecordInACalledContract) {
  Located located(compiler::OptLevel::O0, /*record_operands=*/true);
  const LocatedFailure f = located.run("second_require");
  expect_at(f.location, line_of("require(b > 5)"), "require(b > 5);");
  ASSERT_TRUE(f.operands.has_value());
  EXPECT_EQ(f.operands->op, ">");
  EXPECT_EQ(f.operands->lhs, "5");
  EXPECT_EQ(f.operands->rhs, "5");
  ASSERT_EQ(f.called_from.size(), 1u);
  expect_at(f.called_from[0], line_of("self.vault.deposit(4, 5)"), "self.vault.deposit(4, 5);");
}

TEST(Locator, OperandsOfAnIfRevertAreTheConditionsTheLineIsTheReverts) {
  Located located(compiler::OptLevel::O0, /*record_operands=*/true);
  const LocatedFailure f = located.run("custom_error");
  expect_at(f.location, line_of("revert TooBig(amount, 10)"), "revert TooBig(amount, 10);");
  ASSERT_TRUE(f.operands.has_value());
  EXPECT_EQ(f.operands->op, ">");
  EXPECT_EQ(f.operands->lhs, "11");
  EXPECT_EQ(f.operands->rhs, "10");
  expect_at(f.operands->where, line_of("if amount > 10 {"), "if amount > 10 {");
}

TEST(Locator, AssertEqRecordsTheAssertedRelation) {
  Located located(compiler::OptLevel::O0, /*record_operands=*/true);
  const LocatedFailure f = located.run("equal");
  expect_at(f.location, line_of("assert_eq(1 + 1, 3)"), "assert_eq(1 + 1, 3);");
  ASSERT_TRUE(f.operands.has_value());
  EXPECT_EQ(f.operands->op + " " + f.operands->lhs + " " + f.operands->rhs, "== 2 3");
}

// The instrumented build (operand records on the failing paths) gives the same lines as the
// normal -O0 build: the runner may locate on either. (Not `endless`: where in the loop the
// gas runs out depends on the gas of the code.)
TEST(Locator, RecordingOperandsChangesNoLine) {
  Located plain(compiler::OptLevel::O0);
  Located instrumented(compiler::OptLevel::O0, /*record_operands=*/true);
  for (const char* test :
       {"second_require", "custom_error", "equal", "compare", "underflow", "division", "index",
        "pop_empty", "assertion", "internal_revert", "two_deep", "own_revert"}) {
    SCOPED_TRACE(test);
    const LocatedFailure a = plain.run(test);
    const LocatedFailure b = instrumented.run(test);
    ASSERT_TRUE(a.location.has_value());
    ASSERT_TRUE(b.location.has_value());
    EXPECT_EQ(a.location->line, b.location->line);
    EXPECT_EQ(a.location->text, b.location->text);
    ASSERT_EQ(a.called_from.size(), b.called_from.size());
    for (size_t i = 0; i < a.called_from.size(); ++i)
      EXPECT_EQ(a.called_from[i].line, b.called_from[i].line);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.revert_data, b.revert_data);
    EXPECT_EQ(a.origin_depth, b.origin_depth);
  }
}

TEST(LocatorSourceText, ProjectFilesFromTheRootStdFilesFromTheStdlib) {
  const auto root =
      std::filesystem::temp_directory_path() / ("tenet-locator-text-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "src");
  std::ofstream(root / "src" / "a.tn") << "contract A {\n\t  pub x: u256;   \r\n}";
  detail::SourceText text(root, stdlib_dir());
  EXPECT_EQ(text.line("src/a.tn", 2), "pub x: u256;");
  EXPECT_EQ(text.line("src/a.tn", 4), "");
  EXPECT_EQ(text.line("src/none.tn", 1), "");
  EXPECT_EQ(text.line("std/math.tn", 4), "fn min(a: u256, b: u256) -> u256 {");
  std::filesystem::remove_all(root);
}

TEST(LocatorSourceText, RecordFileNamesMatchTheLineTablesNames) {
  const std::vector<std::string> known{"src/a.tn", "std/math.tn"};
  EXPECT_EQ(detail::match_known_file("src/a.tn", known), "src/a.tn");
  EXPECT_EQ(detail::match_known_file("/home/me/proj/src/a.tn", known), "src/a.tn");
  EXPECT_EQ(detail::match_known_file("/opt/tenet/stdlib/std/math.tn", known), "std/math.tn");
  EXPECT_EQ(detail::match_known_file("/x/xsrc/a.tn", known), "/x/xsrc/a.tn");
}

}  // namespace
}  // namespace tenet::runner
