// Differential tests of codegen: random functions over odd widths (i1 … i256), straight
// line or with control flow (if/else, if without else, do-while loops, switches with
// several edges into a phi), evaluated by LLVM's own interpreter (the reference semantics
// of the IR) and compiled at O0 and O2 (and, with control flow, unoptimised, so critical
// edges reach codegen unsplit), deployed and run in the VM. The generator is a fixed-seed
// splitmix64, so every run tests the same programs.

#include <llvm/ADT/StringExtras.h>
#include <llvm/ExecutionEngine/ExecutionEngine.h>
#include <llvm/ExecutionEngine/GenericValue.h>
#include <llvm/ExecutionEngine/Interpreter.h>

#include "codegen_test_support.hpp"

namespace tenet::compiler::testing {
namespace {

/// splitmix64: small, exactly specified, the same everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  unsigned pick(unsigned n) { return static_cast<unsigned>(next() % n); }
  /// An interesting value of `bits` bits: small, all ones, a sign bit, or random.
  llvm::APInt value(unsigned bits) {
    switch (pick(5)) {
      case 0:
        return llvm::APInt(bits, pick(4));
      case 1:
        return llvm::APInt::getAllOnes(bits);
      case 2:
        return llvm::APInt::getSignedMinValue(bits);
      case 3:
        return llvm::APInt::getSignedMaxValue(bits);
      default: {
        llvm::APInt v(256, {next(), next(), next(), next()});
        return v.lshr(pick(256)).trunc(bits);
      }
    }
  }

 private:
  uint64_t state_;
};

/// Writes random functions `i256 @f(i256, i256, i256)` computing over one iN: straight-line
/// code, and (when `control_flow`) if/else and if-without-else merges with phis, do-while
/// loops with phis on the back edge (a critical edge), and switches with several edges
/// into a block with phis.
class Generator {
 public:
  Generator(Random& rng, bool control_flow) : rng_(rng), control_flow_(control_flow) {}

  std::string function() {
    static const unsigned kWidths[] = {1,   2,   7,   8,   13,  32,  63, 64,
                                       100, 128, 129, 160, 200, 255, 256};
    n_ = kWidths[rng_.pick(sizeof(kWidths) / sizeof(kWidths[0]))];
    t_ = "i" + std::to_string(n_);
    body_.clear();
    values_.clear();
    tmp_ = 0;
    blocks_ = 0;
    block_ = "entry";
    body_ = "entry:\n";
    for (int i = 0; i < 3; ++i) {
      std::string v = fresh();
      emit(v + (n_ == 256 ? " = add i256 %a" + std::to_string(i) + ", 0"
                          : " = trunc i256 %a" + std::to_string(i) + " to " + t_));
      values_.push_back(v);
    }
    region(0);
    // Every value in scope feeds the result.
    std::string acc = values_[0];
    for (size_t i = 1; i < values_.size(); ++i) {
      std::string next = fresh();
      emit(next + " = " + (i % 2 ? "xor " : "add ") + t_ + " " + acc + ", " + values_[i]);
      acc = next;
    }
    std::string result = acc;
    if (n_ < 256) {
      result = fresh();
      emit(result + " = zext " + t_ + " " + acc + " to i256");
    }
    emit("ret i256 " + result);
    return "define internal i256 @f(i256 %a0, i256 %a1, i256 %a2) {\n" + body_ + "}\n";
  }

 private:
  std::string fresh() { return "%t" + std::to_string(tmp_++); }
  std::string label() { return "b" + std::to_string(blocks_++); }
  void emit(const std::string& line) { body_ += "  " + line + "\n"; }
  void start_block(const std::string& name) {
    body_ += name + ":\n";
    block_ = name;
  }
  std::string constant(unsigned bits) { return llvm::toString(rng_.value(bits), 10, false); }
  std::string operand() {
    return rng_.pick(4) == 0 ? constant(n_)
                             : values_[rng_.pick(static_cast<unsigned>(values_.size()))];
  }
  std::string condition() {
    static const char* kPreds[] = {"eq",  "ne",  "ult", "ule", "ugt",
                                   "uge", "slt", "sle", "sgt", "sge"};
    std::string c = fresh();
    emit(c + " = icmp " + kPreds[rng_.pick(10)] + " " + t_ + " " + operand() + ", " + operand());
    return c;
  }

  void region(int depth) {
    const int items = 1 + static_cast<int>(rng_.pick(3));
    for (int i = 0; i < items; ++i) {
      unsigned kind = control_flow_ && depth < 2 ? rng_.pick(5) : 0;
      if (kind == 1) {
        if_else(depth);
      } else if (kind == 2) {
        do_while(depth);
      } else if (kind == 3 && n_ >= 3) {
        switch_(depth);
      } else {
        for (int k = 2 + static_cast<int>(rng_.pick(4)); k > 0; --k) op();
      }
    }
  }

  void if_else(int depth) {
    std::string c = condition();
    const size_t scope = values_.size();
    const std::string before = block_, then_ = label(), else_ = label(), merge = label();
    const bool has_else = rng_.pick(2) == 0;
    emit("br i1 " + c + ", label %" + then_ + ", label %" + (has_else ? else_ : merge));
    start_block(then_);
    region(depth + 1);
    std::string from_then = operand();
    std::string then_end = block_;
    emit("br label %" + merge);
    values_.resize(scope);
    std::string from_else = operand(), else_end = before;
    if (has_else) {
      start_block(else_);
      region(depth + 1);
      from_else = operand();
      else_end = block_;
      emit("br label %" + merge);
      values_.resize(scope);
    }
    start_block(merge);
    std::string p = fresh();
    emit(p + " = phi " + t_ + " [ " + from_then + ", %" + then_end + " ], [ " + from_else + ", %" +
         else_end + " ]");
    values_.push_back(p);
  }

  void do_while(int depth) {
    const std::string before = block_, loop = label(), exit = label();
    std::string init = operand();
    emit("br label %" + loop);
    start_block(loop);
    const std::string i = fresh(), acc = fresh(), next_i = fresh(), next_acc = fresh(),
                      more = fresh();
    const size_t phis_at = body_.size();
    values_.push_back(acc);
    region(depth + 1);
    emit(next_acc + " = xor " + t_ + " " + acc + ", " + operand());
    emit(next_i + " = add i256 " + i + ", 1");
    emit(more + " = icmp ult i256 " + next_i + ", " + std::to_string(1 + rng_.pick(4)));
    emit("br i1 " + more + ", label %" + loop + ", label %" + exit);
    body_.insert(phis_at, "  " + i + " = phi i256 [ 0, %" + before + " ], [ " + next_i + ", %" +
                              block_ + " ]\n  " + acc + " = phi " + t_ + " [ " + init + ", %" +
                              before + " ], [ " + next_acc + ", %" + block_ + " ]\n");
    start_block(exit);
    values_.push_back(next_acc);
  }

  void switch_(int depth) {
    std::string v = operand();
    const size_t scope = values_.size();
    const std::string before = block_, a = label(), b = label(), merge = label();
    std::string direct = operand();  // flows into the phi straight from the switch
    llvm::APInt c0 = rng_.value(n_), c1 = c0 + 1, c2 = c0 + 2, c3 = c0 + 3;
    auto lit = [&](const llvm::APInt& x) { return t_ + " " + llvm::toString(x, 10, false); };
    emit("switch " + t_ + " " + v + ", label %" + merge + " [ " + lit(c0) + ", label %" + a + "  " +
         lit(c1) + ", label %" + b + "  " + lit(c2) + ", label %" + a + "  " + lit(c3) +
         ", label %" + merge + " ]");
    std::vector<std::pair<std::string, std::string>> incoming;
    for (const std::string& target : {a, b}) {
      start_block(target);
      region(depth + 1);
      incoming.emplace_back(operand(), block_);
      emit("br label %" + merge);
      values_.resize(scope);
    }
    start_block(merge);
    std::string p = fresh();
    emit(p + " = phi " + t_ + " [ " + direct + ", %" + before + " ], [ " + direct + ", %" + before +
         " ], [ " + incoming[0].first + ", %" + incoming[0].second + " ], [ " + incoming[1].first +
         ", %" + incoming[1].second + " ]");
    values_.push_back(p);
  }

  void op() {
    std::string x = operand(), y = operand(), v = fresh();
    switch (rng_.pick(9)) {
      case 0:
      case 1: {
        static const char* kOps[] = {"add", "sub", "mul", "and", "or", "xor"};
        emit(v + " = " + kOps[rng_.pick(6)] + " " + t_ + " " + x + ", " + y);
        break;
      }
      case 2: {  // shifts by less than n
        static const char* kOps[] = {"shl", "lshr", "ashr"};
        std::string s = fresh();
        emit(s + " = urem " + t_ + " " + y + ", " + std::to_string(n_));
        emit(v + " = " + kOps[rng_.pick(3)] + " " + t_ + " " + x + ", " + s);
        break;
      }
      case 3: {  // unsigned division by a non-zero divisor
        std::string d = fresh();
        emit(d + " = or " + t_ + " " + y + ", 1");
        emit(v + (rng_.pick(2) ? " = udiv " : " = urem ") + t_ + " " + x + ", " + d);
        break;
      }
      case 4: {  // signed division by a divisor that is neither 0 nor -1
        if (n_ < 2) {
          emit(v + " = xor " + t_ + " " + x + ", " + y);
          break;
        }
        std::string m = fresh(), d = fresh();
        emit(m + " = and " + t_ + " " + y + ", -2");
        emit(d + " = or " + t_ + " " + m + ", 2");
        emit(v + (rng_.pick(2) ? " = sdiv " : " = srem ") + t_ + " " + x + ", " + d);
        break;
      }
      case 5:
      case 6: {  // compare and select
        std::string c = condition();
        if (rng_.pick(2))
          emit(v + " = select i1 " + c + ", " + t_ + " " + operand() + ", " + t_ + " " + operand());
        else if (n_ == 1)
          emit(v + " = xor i1 " + c + ", " + y);
        else
          emit(v + " = zext i1 " + c + " to " + t_);
        break;
      }
      case 7: {  // through a wider type
        if (n_ == 256) {
          emit(v + " = sub " + t_ + " " + x + ", " + y);
          break;
        }
        unsigned m = n_ + 1 + rng_.pick(256 - n_);
        std::string w = "i" + std::to_string(m), e = fresh(), o = fresh();
        emit(e + " = " + (rng_.pick(2) ? "sext " : "zext ") + t_ + " " + x + " to " + w);
        emit(o + " = mul " + w + " " + e + ", " + constant(m));
        emit(v + " = trunc " + w + " " + o + " to " + t_);
        break;
      }
      default: {  // through a narrower type
        if (n_ == 1) {
          emit(v + " = and " + t_ + " " + x + ", " + y);
          break;
        }
        unsigned m = 1 + rng_.pick(n_ - 1);
        std::string w = "i" + std::to_string(m), r = fresh();
        emit(r + " = trunc " + t_ + " " + x + " to " + w);
        emit(v + " = " + (rng_.pick(2) ? "sext " : "zext ") + w + " " + r + " to " + t_);
        break;
      }
    }
    values_.push_back(v);
  }

  Random& rng_;
  bool control_flow_;
  unsigned n_ = 256;
  std::string t_;
  std::string body_;
  std::string block_;
  std::vector<std::string> values_;  // the values in scope (dominating the current point)
  unsigned tmp_ = 0;
  unsigned blocks_ = 0;
};

/// What LLVM's interpreter computes for @f(args).
std::optional<llvm::APInt> interpret(const std::string& ir, const std::vector<llvm::APInt>& args) {
  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto m = parse_ir(*ctx, ir);
  if (!m) return std::nullopt;
  std::string error;
  llvm::EngineBuilder builder(std::move(m));
  builder.setEngineKind(llvm::EngineKind::Interpreter);
  builder.setErrorStr(&error);
  std::unique_ptr<llvm::ExecutionEngine> engine(builder.create());
  if (!engine) {
    ADD_FAILURE() << "no interpreter: " << error;
    return std::nullopt;
  }
  std::vector<llvm::GenericValue> values(args.size());
  for (size_t i = 0; i < args.size(); ++i) values[i].IntVal = args[i];
  llvm::GenericValue r = engine->runFunction(engine->FindFunctionNamed("f"), values);
  return r.IntVal;
}

/// Checks `programs` random functions: LLVM's interpreter against the VM at O0 and O2,
/// and (with control flow) against the unoptimised IR, whose critical edges are not split.
void differential(CodegenTest& test, uint64_t seed, int programs, bool control_flow) {
  Random rng(seed);
  Generator generator(rng, control_flow);
  for (int program = 0; program < programs; ++program) {
    const std::string ir = generator.function();
    std::vector<llvm::APInt> args{rng.value(256), rng.value(256), rng.value(256)};
    auto expected = interpret(ir, args);
    ASSERT_TRUE(expected.has_value()) << ir;
    std::vector<vm::Word> words;
    for (const auto& a : args)
      words.push_back(*vm::parse_word("0x" + llvm::toString(a, 16, false)));
    const vm::Word want = *vm::parse_word("0x" + llvm::toString(*expected, 16, false));
    SCOPED_TRACE("program " + std::to_string(program) + ":\n" + ir);
    test.expect_f(ir, "i256", {"i256", "i256", "i256"}, words, want);
    if (control_flow) test.expect_f_unoptimised(ir, "i256", {"i256", "i256", "i256"}, words, want);
    if (::testing::Test::HasFailure()) return;  // one readable failure is enough
  }
}

TEST_F(CodegenTest, CodegenDifferentialStraightLine) {
  differential(*this, 20261124, 150, false);
}

TEST_F(CodegenTest, CodegenDifferentialControlFlow) {
  differential(*this, 424242, 150, true);
}

}  // namespace
}  // namespace tenet::compiler::testing
