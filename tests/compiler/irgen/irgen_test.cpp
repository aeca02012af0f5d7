// Tests of irgen at the IR level (compiler/src/irgen/irgen*.cpp): modules verify, entry
// points carry the attributes of the IR contract, divisions and shifts are guarded
// (no UB shapes), every instruction has a debug location, and unsupported constructs
// are reported with their source position.

#include "tenet/compiler/irgen.hpp"

#include <gtest/gtest.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <set>
#include <string>

#include "compiler/test_support.hpp"
#include "e2e/e2e_support.hpp"
#include "tenet/compiler/opt.hpp"

namespace tenet::compiler {
namespace {

using testing::check_source;

// The shared token contract (tests/programs/token_fixture.tn).
using testing::kTokenFixture;

struct Generated {
  std::unique_ptr<testing::CheckedSource> source;
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module;
  std::string error;
};

std::unique_ptr<Generated> generate(const std::string& text, const std::string& contract) {
  auto g = std::make_unique<Generated>();
  g->source = check_source(text);
  if (g->source->diagnostics.has_errors()) return g;
  auto r = generate_ir(g->context, *g->source->program, g->source->sources,
                       g->source->contract(contract));
  if (!r) {
    g->error = r.error().message;
    return g;
  }
  g->module = std::move(r->module);
  return g;
}

std::string attr(const llvm::Function& f, std::string_view name) {
  if (!f.hasFnAttribute(name)) return "<none>";
  return f.getFnAttribute(name).getValueAsString().str();
}

TEST(Irgen, TokenModuleVerifiesWithEntryAttributes) {
  auto g = generate(kTokenFixture, "Token");
  ASSERT_TRUE(g->module) << g->error;
  EXPECT_FALSE(llvm::verifyModule(*g->module, &llvm::errs()));
  std::set<std::string> exports;
  int constructors = 0, receives = 0;
  for (const llvm::Function& f : *g->module) {
    if (f.isDeclaration()) {
      EXPECT_TRUE(f.getName().starts_with("tenet.") || f.getName().starts_with("llvm."))
          << f.getName().str();
      continue;
    }
    if (!f.hasExternalLinkage()) {
      EXPECT_TRUE(f.hasInternalLinkage()) << f.getName().str();
      continue;
    }
    EXPECT_TRUE(f.getReturnType()->isVoidTy());
    EXPECT_EQ(f.arg_size(), 0u);
    if (f.hasFnAttribute("tenet-export")) {
      exports.insert(attr(f, "tenet-export") + (f.hasFnAttribute("tenet-view") ? " view" : "") +
                     (f.hasFnAttribute("tenet-payable") ? " payable" : ""));
    }
    if (f.hasFnAttribute("tenet-constructor")) ++constructors;
    if (f.hasFnAttribute("tenet-receive")) {
      ++receives;
      EXPECT_TRUE(f.hasFnAttribute("tenet-payable"));
    }
  }
  auto sel = [](const char* s) { return testing::hex(testing::selector_bytes(s)); };
  EXPECT_EQ(exports, (std::set<std::string>{
                         sel("transfer(address,uint256)"), sel("balanceOf(address)") + " view",
                         sel("total_supply()") + " view",
                         sel("allowance(address,address)") + " view", sel("name()") + " view"}));
  EXPECT_EQ(constructors, 1);
  EXPECT_EQ(receives, 1);
}

TEST(Irgen, EveryInstructionHasADebugLocation) {
  auto g = generate(kTokenFixture, "Token");
  ASSERT_TRUE(g->module) << g->error;
  for (llvm::Function& f : *g->module) {
    if (f.isDeclaration() || f.getSubprogram() == nullptr) continue;
    if (f.getName().find("abi.") != llvm::StringRef::npos) continue;  // ValueOps helpers
    for (llvm::Instruction& i : llvm::instructions(f)) {
      std::string text;
      llvm::raw_string_ostream os(text);
      i.print(os);
      EXPECT_TRUE(i.getDebugLoc()) << f.getName().str() << ": " << text;
    }
  }
}

const char* const kCalls = R"(
struct Point { x: u256, y: i64 }
interface ICounter { fn add(n: u256) -> u256; }
contract Counter {
    pub value: u256;
    init(start: u256) { self.value = start; }
    pub fn add(n: u256) -> u256 { self.value += n; return self.value; }
}
contract Factory {
    counter: Counter;
    points: [Point];
    pub fn make(start: u256) -> address { self.counter = new Counter(start); return address(self.counter); }
    pub fn add(n: u256) -> u256 { return ICounter(address(self.counter)).add(n); }
    pub fn walk(xs: [u256]) -> (u256, bool) {
        let mut s = 0;
        for i in 0..xs.len() { if xs[i] % 2 == 0 { continue; } s += xs[i]; }
        let mut p = Point { x: s, y: -1 };
        p.x *= 2;
        self.points.push(p);
        return (p.x, s > 10 && p.y < 0);
    }
}
)";

TEST(Irgen, EveryInstructionOfALargerContractHasADebugLocation) {
  auto g = generate(kCalls, "Factory");
  ASSERT_TRUE(g->module) << g->error;
  int checked = 0;
  for (llvm::Function& f : *g->module) {
    if (f.isDeclaration() || f.getName().starts_with("abi.") ||
        f.getName().starts_with("storage.") || f.getName().starts_with("copy.") ||
        f.getName().starts_with("equals.") || f.getName().starts_with("hash.")) {
      continue;
    }
    if (!f.getName().starts_with("Factory.")) continue;
    for (llvm::Instruction& i : llvm::instructions(f)) {
      ++checked;
      std::string text;
      llvm::raw_string_ostream os(text);
      i.print(os);
      EXPECT_TRUE(i.getDebugLoc()) << f.getName().str() << ": " << text;
    }
  }
  EXPECT_GT(checked, 100);
}

/// Locals live in allocas that are only loaded and stored (so mem2reg promotes them).
TEST(Irgen, LocalsAreOnlyLoadedAndStored) {
  auto g = generate(kCalls, "Factory");
  ASSERT_TRUE(g->module) << g->error;
  int locals = 0;
  for (llvm::Function& f : *g->module) {
    if (!f.getName().starts_with("Factory.")) continue;
    for (llvm::Instruction& i : llvm::instructions(f)) {
      auto* a = llvm::dyn_cast<llvm::AllocaInst>(&i);
      if (a == nullptr || a->getName().starts_with("scratch")) continue;
      ++locals;
      for (llvm::User* u : a->users()) {
        bool ok = llvm::isa<llvm::LoadInst>(u) ||
                  (llvm::isa<llvm::StoreInst>(u) &&
                   llvm::cast<llvm::StoreInst>(u)->getPointerOperand() == a);
        EXPECT_TRUE(ok) << f.getName().str() << ": " << a->getName().str();
      }
    }
  }
  EXPECT_GE(locals, 7);  // parameters, s, i, the for counter, p
}

TEST(Irgen, NewRecordsTheChildContracts) {
  llvm::LLVMContext context;
  auto source = check_source(kCalls);
  auto r = generate_ir(context, *source->program, source->sources, source->contract("Factory"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->children.size(), 1u);
  EXPECT_EQ(r->children[0]->name, "Counter");
  std::string text;
  llvm::raw_string_ostream os(text);
  r->module->print(os, nullptr);
  EXPECT_NE(text.find("call i256 @tenet.create(i256 0,"), std::string::npos);
}

/// The divisor guard: every division or remainder by a non-constant is reached only
/// through a branch on `divisor == 0`.
TEST(Irgen, DivisionsAreGuarded) {
  auto g = generate(R"(
contract D {
    pub fn div(a: u256, b: u256) -> u256 { return a / b; }
    pub fn rem(a: u64, b: u64) -> u64 { return a % b; }
    pub fn sdiv(a: i128, b: i128) -> i128 { return a / b; }
    pub fn srem(a: i8, b: i8) -> i8 { return a % b; }
}
)",
                    "D");
  ASSERT_TRUE(g->module) << g->error;
  int divisions = 0;
  for (llvm::Function& f : *g->module) {
    for (llvm::Instruction& i : llvm::instructions(f)) {
      auto* bin = llvm::dyn_cast<llvm::BinaryOperator>(&i);
      if (bin == nullptr) continue;
      auto op = bin->getOpcode();
      if (op != llvm::Instruction::UDiv && op != llvm::Instruction::SDiv &&
          op != llvm::Instruction::URem && op != llvm::Instruction::SRem) {
        continue;
      }
      ++divisions;
      llvm::Value* divisor = bin->getOperand(1);
      if (op == llvm::Instruction::SRem) {
        // srem divides by select(b == -1, 1, b): never by -1, and b was checked against 0.
        auto* sel = llvm::dyn_cast<llvm::SelectInst>(divisor);
        ASSERT_NE(sel, nullptr);
        divisor = sel->getFalseValue();
      }
      // Walk up single predecessors to a conditional branch on icmp eq divisor, 0.
      bool guarded = false;
      for (llvm::BasicBlock* b = bin->getParent(); b != nullptr && !guarded;
           b = b->getSinglePredecessor()) {
        llvm::BasicBlock* pred = b->getSinglePredecessor();
        if (pred == nullptr) break;
        auto* br = llvm::dyn_cast<llvm::BranchInst>(pred->getTerminator());
        if (br == nullptr || !br->isConditional()) continue;
        auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(br->getCondition());
        if (cmp != nullptr && cmp->getPredicate() == llvm::ICmpInst::ICMP_EQ &&
            cmp->getOperand(0) == divisor && llvm::isa<llvm::ConstantInt>(cmp->getOperand(1)) &&
            llvm::cast<llvm::ConstantInt>(cmp->getOperand(1))->isZero() &&
            br->getSuccessor(1) == b) {
          guarded = true;
        }
      }
      EXPECT_TRUE(guarded) << f.getName().str();
    }
  }
  EXPECT_EQ(divisions, 4);
}

/// Shift amounts are selected into range: a shift by a non-constant amount takes
/// `trunc(select(amount >= width, 0, amount))`.
TEST(Irgen, ShiftsAreGuarded) {
  auto g = generate(R"(
contract S {
    pub fn shl(a: u8, n: u256) -> u8 { return a << n; }
    pub fn shr(a: i64, n: u8) -> i64 { return a >> n; }
    pub fn lshr(a: u256, n: u16) -> u256 { return a >> n; }
}
)",
                    "S");
  ASSERT_TRUE(g->module) << g->error;
  int shifts = 0;
  for (llvm::Function& f : *g->module) {
    for (llvm::Instruction& i : llvm::instructions(f)) {
      if (!i.isShift()) continue;
      if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(i.getOperand(1))) {
        EXPECT_LT(c->getZExtValue(), i.getType()->getIntegerBitWidth());
        continue;
      }
      ++shifts;
      llvm::Value* amount = i.getOperand(1);
      if (auto* t = llvm::dyn_cast<llvm::TruncInst>(amount)) amount = t->getOperand(0);
      auto* sel = llvm::dyn_cast<llvm::SelectInst>(amount);
      ASSERT_NE(sel, nullptr) << f.getName().str();
      auto* zero = llvm::dyn_cast<llvm::ConstantInt>(sel->getTrueValue());
      ASSERT_NE(zero, nullptr);
      EXPECT_TRUE(zero->isZero());
    }
  }
  EXPECT_EQ(shifts, 3);
}

TEST(Irgen, ChecksOverflowWithIntrinsics) {
  auto g = generate(R"(
contract A {
    pub fn add(a: u64, b: u64) -> u64 { return a + b; }
    pub fn sub(a: i32, b: i32) -> i32 { return a - b; }
    pub fn wrap(a: u8, b: u8) -> u8 { return a +% b; }
}
)",
                    "A");
  ASSERT_TRUE(g->module) << g->error;
  std::string text;
  llvm::raw_string_ostream os(text);
  g->module->print(os, nullptr);
  EXPECT_NE(text.find("@llvm.uadd.with.overflow.i64"), std::string::npos);
  EXPECT_NE(text.find("@llvm.ssub.with.overflow.i32"), std::string::npos);
  EXPECT_NE(text.find("call void @tenet.panic(i256 17)"), std::string::npos);
}

TEST(Irgen, OptimisesAtEveryLevel) {
  for (OptLevel level : {OptLevel::O0, OptLevel::O1, OptLevel::O2}) {
    auto g = generate(kTokenFixture, "Token");
    ASSERT_TRUE(g->module) << g->error;
    auto r = optimise(*g->module, level);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (r) {
      EXPECT_TRUE(r->fell_back.empty());
    }
  }
}

// Regression: block.timestamp and block.number were declared without memory effects, so
// at -O1/-O2 a read after `vm.warp`/`vm.roll` (cheat codes that change them) was merged
// with the read before it. They now read state that a cheat code may write.
TEST(Irgen, BlockFieldsAreReadAgainAfterACheatCode) {
  const std::string text = R"(
test contract T {
    test fn t() {
        let a = block.timestamp;
        vm.warp(a + 100);
        assert_eq(block.timestamp, a + 100);
        let n = block.number;
        vm.roll(n + 1);
        assert_eq(block.number, n + 1);
    }
}
)";
  for (OptLevel level : {OptLevel::O1, OptLevel::O2}) {
    auto source = check_source(text);
    ASSERT_FALSE(source->diagnostics.has_errors());
    llvm::LLVMContext context;
    auto r = generate_ir(context, *source->program, source->sources, source->contract("T"),
                         IrgenOptions{.test_mode = true});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(optimise(*r->module, level).ok());
    std::string text_ir;
    llvm::raw_string_ostream os(text_ir);
    r->module->print(os, nullptr);
    os.flush();
    auto count = [&](std::string_view needle) {
      size_t n = 0;
      for (size_t at = text_ir.find(needle); at != std::string::npos; at = text_ir.find(needle, at + 1)) ++n;
      return n;
    };
    EXPECT_EQ(count("call i256 @tenet.timestamp()"), 2u);
    EXPECT_EQ(count("call i256 @tenet.number()"), 2u);
  }
}

TEST(Irgen, ReportsUnsupportedConstructsWithTheirPosition) {
  auto g = generate(R"(contract C {}
test contract T {
    pub fn f() {
        vm.roll(5);
    }
}
)",
                    "T");
  // generate() does not ask for test mode: a cheat code is refused where it is used
  EXPECT_EQ(g->error, "test.tn:4:9: error: irgen: cheat code 'vm.roll' outside test mode");
}

TEST(Irgen, InterfacesHaveNoModule) {
  auto g = generate("interface I { fn f(); }\ncontract C {}\n", "I");
  EXPECT_EQ(g->error, "irgen: 'I' is an interface and has no code");
}

}  // namespace
}  // namespace tenet::compiler
