// Differential test of codegen's integer semantics: random straight-line functions over
// odd widths (i1 … i256), evaluated by LLVM's own interpreter (the reference semantics
// of the IR) and compiled at O0 and O2, deployed and run in the VM. The generator is a
// fixed-seed splitmix64, so every run tests the same programs.

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
      case 0: return llvm::APInt(bits, pick(4));
      case 1: return llvm::APInt::getAllOnes(bits);
      case 2: return llvm::APInt::getSignedMinValue(bits);
      case 3: return llvm::APInt::getSignedMaxValue(bits);
      default: {
        llvm::APInt v(256, {next(), next(), next(), next()});
        return v.lshr(pick(256)).trunc(bits);
      }
    }
  }

 private:
  uint64_t state_;
};

/// A random function `i256 @f(i256, i256, i256)` computing over iN.
std::string random_function(Random& rng) {
  static const unsigned kWidths[] = {1, 2, 7, 8, 13, 32, 63, 64, 100, 128, 129, 160, 200, 255, 256};
  const unsigned n = kWidths[rng.pick(sizeof(kWidths) / sizeof(kWidths[0]))];
  const std::string t = "i" + std::to_string(n);
  std::string body;
  std::vector<std::string> values;
  unsigned tmp = 0;
  auto fresh = [&] { return "%t" + std::to_string(tmp++); };
  auto constant = [&](unsigned bits) { return llvm::toString(rng.value(bits), 10, false); };
  for (int i = 0; i < 3; ++i) {
    std::string v = fresh();
    body += "  " + v + (n == 256 ? " = add i256 %a" + std::to_string(i) + ", 0\n"
                                 : " = trunc i256 %a" + std::to_string(i) + " to " + t + "\n");
    values.push_back(v);
  }
  auto operand = [&] { return rng.pick(4) == 0 ? constant(n) : values[rng.pick(static_cast<unsigned>(values.size()))]; };
  const int ops = 10 + static_cast<int>(rng.pick(15));
  for (int i = 0; i < ops; ++i) {
    std::string x = operand(), y = operand(), v = fresh();
    switch (rng.pick(9)) {
      case 0:
      case 1: {
        static const char* kOps[] = {"add", "sub", "mul", "and", "or", "xor"};
        body += "  " + v + " = " + kOps[rng.pick(6)] + " " + t + " " + x + ", " + y + "\n";
        break;
      }
      case 2: {  // shifts by less than n
        static const char* kOps[] = {"shl", "lshr", "ashr"};
        std::string s = fresh();
        body += "  " + s + " = urem " + t + " " + y + ", " + std::to_string(n) + "\n";
        body += "  " + v + " = " + kOps[rng.pick(3)] + " " + t + " " + x + ", " + s + "\n";
        break;
      }
      case 3: {  // unsigned division by a non-zero divisor
        std::string d = fresh();
        body += "  " + d + " = or " + t + " " + y + ", 1\n";
        body += "  " + v + (rng.pick(2) ? " = udiv " : " = urem ") + t + " " + x + ", " + d + "\n";
        break;
      }
      case 4: {  // signed division by a divisor that is neither 0 nor -1
        if (n < 2) {
          body += "  " + v + " = xor " + t + " " + x + ", " + y + "\n";
          break;
        }
        std::string m = fresh(), d = fresh();
        body += "  " + m + " = and " + t + " " + y + ", -2\n";
        body += "  " + d + " = or " + t + " " + m + ", 2\n";
        body += "  " + v + (rng.pick(2) ? " = sdiv " : " = srem ") + t + " " + x + ", " + d + "\n";
        break;
      }
      case 5:
      case 6: {  // compare and select
        static const char* kPreds[] = {"eq", "ne", "ult", "ule", "ugt", "uge", "slt", "sle", "sgt", "sge"};
        std::string c = fresh();
        body += "  " + c + " = icmp " + kPreds[rng.pick(10)] + " " + t + " " + x + ", " + y + "\n";
        if (rng.pick(2)) {
          body += "  " + v + " = select i1 " + c + ", " + t + " " + operand() + ", " + t + " " + operand() + "\n";
        } else if (n == 1) {
          body += "  " + v + " = xor i1 " + c + ", " + y + "\n";
        } else {
          body += "  " + v + " = zext i1 " + c + " to " + t + "\n";
        }
        break;
      }
      case 7: {  // through a wider type
        if (n == 256) {
          body += "  " + v + " = sub " + t + " " + x + ", " + y + "\n";
          break;
        }
        unsigned m = n + 1 + rng.pick(256 - n);
        std::string w = "i" + std::to_string(m), e = fresh(), o = fresh();
        body += "  " + e + " = " + (rng.pick(2) ? "sext " : "zext ") + t + " " + x + " to " + w + "\n";
        body += "  " + o + " = mul " + w + " " + e + ", " + constant(m) + "\n";
        body += "  " + v + " = trunc " + w + " " + o + " to " + t + "\n";
        break;
      }
      default: {  // through a narrower type
        if (n == 1) {
          body += "  " + v + " = and " + t + " " + x + ", " + y + "\n";
          break;
        }
        unsigned m = 1 + rng.pick(n - 1);
        std::string w = "i" + std::to_string(m), r = fresh();
        body += "  " + r + " = trunc " + t + " " + x + " to " + w + "\n";
        body += "  " + v + " = " + (rng.pick(2) ? "sext " : "zext ") + w + " " + r + " to " + t + "\n";
        break;
      }
    }
    values.push_back(v);
  }
  // Every value feeds the result.
  std::string acc = values[0];
  for (size_t i = 1; i < values.size(); ++i) {
    std::string next = fresh();
    body += "  " + next + " = " + (i % 2 ? "xor " : "add ") + t + " " + acc + ", " + values[i] + "\n";
    acc = next;
  }
  std::string result = n == 256 ? acc : fresh();
  if (n < 256) body += "  " + result + " = zext " + t + " " + acc + " to i256\n";
  return "define internal i256 @f(i256 %a0, i256 %a1, i256 %a2) {\n" + body + "  ret i256 " + result + "\n}\n";
}

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

TEST_F(CodegenTest, CodegenDifferentialAgainstLlvmInterpreter) {
  Random rng(20261124);
  for (int program = 0; program < 150; ++program) {
    const std::string ir = random_function(rng);
    std::vector<llvm::APInt> args{rng.value(256), rng.value(256), rng.value(256)};
    auto expected = interpret(ir, args);
    ASSERT_TRUE(expected.has_value()) << ir;
    std::vector<vm::Word> words;
    for (const auto& a : args) words.push_back(*vm::parse_word("0x" + llvm::toString(a, 16, false)));
    SCOPED_TRACE("program " + std::to_string(program) + ":\n" + ir);
    expect_f(ir, "i256", {"i256", "i256", "i256"}, words, *vm::parse_word("0x" + llvm::toString(*expected, 16, false)));
    if (HasFatalFailure() || HasNonfatalFailure()) break;  // one readable failure is enough
  }
}

}  // namespace
}  // namespace tenet::compiler::testing
