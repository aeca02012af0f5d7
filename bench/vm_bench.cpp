// VM benchmarks: hand-written .tasm programs run through the whole VM (dispatch,
// interpreter, in-memory host). Counters: ns per executed instruction and gas per second.
// The division-class instructions are timed twice at worst-case operands: the word
// function alone (ns per op, and per gas of the op's static cost) and a generated program
// that repeats the instruction (compare its gas/s with BM_ArithmeticLoop's in the same run).
#include <benchmark/benchmark.h>

#include <array>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/vm.hpp"

namespace {

using namespace tenet::vm;

class InstructionCounter : public Tracer {
 public:
  void on_instruction(int, uint16_t, uint32_t, Op, int64_t, std::span<const Word>) override {
    ++count;
  }
  uint64_t count = 0;
};

std::string read_program(const std::string& name) {
  std::ifstream in(std::string(TENET_SOURCE_DIR) + "/bench/programs/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Deploys the assembly `source` (named `name` in errors) and calls `signature` with one word
/// argument `n` per iteration.
void run_source(benchmark::State& state, const std::string& source, const std::string& name,
                const std::string& signature) {
  Vm vm;
  JournaledHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  auto container = assemble(source, name);
  if (!container) {
    state.SkipWithError(container.error().message.c_str());
    return;
  }
  ExecResult deployed = host.deploy(sender, serialize_container(*container), 10'000'000);
  if (deployed.status != Status::Success) {
    state.SkipWithError("deployment failed");
    return;
  }
  const auto sel = selector_of(signature);
  std::vector<uint8_t> input(sel.begin(), sel.end());
  const auto arg = word_to_be(Word{static_cast<uint64_t>(state.range(0))});
  input.insert(input.end(), arg.begin(), arg.end());
  const int64_t gas = 1'000'000'000'000;

  InstructionCounter counter;
  vm.set_tracer(&counter);
  const Checkpoint cp = host.checkpoint();
  ExecResult probe = host.transact(sender, deployed.created, input, gas);
  host.rollback(cp);
  vm.set_tracer(nullptr);
  if (probe.status != Status::Success) {
    state.SkipWithError("call failed");
    return;
  }
  const int64_t gas_used = gas - probe.gas_left;

  for (auto _ : state) {
    ExecResult r = host.transact(sender, deployed.created, input, gas);
    benchmark::DoNotOptimize(r.output.data());
    host.rollback(cp);
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["instructions"] = static_cast<double>(counter.count);
  state.counters["gas"] = static_cast<double>(gas_used);
  state.counters["s/instr"] =
      benchmark::Counter(iterations * static_cast<double>(counter.count),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["gas/s"] =
      benchmark::Counter(iterations * static_cast<double>(gas_used), benchmark::Counter::kIsRate);
  state.counters["s/gas"] =
      benchmark::Counter(iterations * static_cast<double>(gas_used),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// Deploys bench/programs/`program` and calls `signature` with one word argument `n`.
void run_program(benchmark::State& state, const std::string& program,
                 const std::string& signature) {
  run_source(state, read_program(program), program, signature);
}

void BM_ArithmeticLoop(benchmark::State& s) {
  run_program(s, "arith_loop.tasm", "run(uint256)");
}
void BM_Fibonacci(benchmark::State& s) {
  run_program(s, "fib.tasm", "fib(uint256)");
}
void BM_KeccakChain(benchmark::State& s) {
  run_program(s, "keccak_chain.tasm", "chain(uint256)");
}
void BM_StorageWrites(benchmark::State& s) {
  run_program(s, "storage_writes.tasm", "fill(uint256)");
}

BENCHMARK(BM_ArithmeticLoop)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Fibonacci)->Arg(1000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_KeccakChain)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StorageWrites)->Arg(10'000)->Unit(benchmark::kMillisecond);

// ---- Hashes and signatures: the functions alone (ns per call and per 32-byte word), and
// through the VM (the s/gas counter, to compare with BM_ArithmeticLoop's in the same run).

/// `size` bytes of a fixed pattern.
std::vector<uint8_t> pattern_bytes(std::size_t size) {
  std::vector<uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(i * 7 + 3);
  return bytes;
}

/// A valid signature of a fixed digest by a fixed key: the expensive case of ECRECOVER
/// (recovery runs to the end).
struct SignedDigest {
  Hash256 digest{};
  Signature signature;
};
const SignedDigest& signed_digest() {
  static const SignedDigest sd = [] {
    SignedDigest out;
    Hash256 key{};
    key.fill(0x11);
    const auto message = pattern_bytes(32);
    out.digest = keccak256(message);
    out.signature = *sign(key, out.digest);
    return out;
  }();
  return sd;
}

/// Sets the per-word counter of a hash benchmark over `size`-byte inputs.
void set_word_rate(benchmark::State& state, std::size_t size) {
  const double words = static_cast<double>((size + 31) / 32);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
  if (words > 0)
    state.counters["s/word"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * words,
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Keccak256(benchmark::State& state) {
  const auto data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(keccak256(data));
  set_word_rate(state, data.size());
}
void BM_Sha256(benchmark::State& state) {
  const auto data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(sha256(data));
  set_word_rate(state, data.size());
}
void BM_Ecrecover(benchmark::State& state) {
  const SignedDigest& sd = signed_digest();
  const Word v{sd.signature.v};
  const Word r = word_from_be(sd.signature.r.data());
  const Word s = word_from_be(sd.signature.s.data());
  for (auto _ : state) benchmark::DoNotOptimize(ecrecover(sd.digest, v, r, s));
}

/// `run(uint256 n)`: n iterations of `unroll` copies of `body` (which leaves the stack as it
/// found it).
std::string op_loop(const std::string& body, int unroll) {
  std::string loop;
  for (int i = 0; i < unroll; ++i) loop += body;
  return ".fn run locals=1 export=\"run(uint256)\"\n"
         "  PUSH 4\n  CALLDATALOAD\n  LSET 0\n  LGET 0\n  ISZERO\n  JUMPI done\n"
         "loop:\n" +
         loop +
         "  LGET 0\n  PUSH 1\n  SUB\n  LTEE 0\n  JUMPI loop\n"
         "done:\n  STOP\n.end\n";
}

/// A hash of memory[0, len) per step, 16 per iteration for short inputs.
void vm_hash(benchmark::State& state, const std::string& op) {
  const auto len = static_cast<std::size_t>(state.range(1));
  const std::string body = "  PUSH 0\n  PUSH " + std::to_string(len) + "\n  " + op + "\n  POP\n";
  run_source(state, op_loop(body, len <= 64 ? 16 : 1), op, "run(uint256)");
}
void BM_VmKeccak256(benchmark::State& state) {
  vm_hash(state, "KECCAK256");
}
void BM_VmSha256(benchmark::State& state) {
  vm_hash(state, "SHA256");
}
void BM_VmEcrecover(benchmark::State& state) {
  const SignedDigest& sd = signed_digest();
  const std::string body = "  PUSH 0x" + hex_digits(sd.digest) + "\n  PUSH " +
                           std::to_string(sd.signature.v) + "\n  PUSH 0x" +
                           hex_digits(sd.signature.r) + "\n  PUSH 0x" + hex_digits(sd.signature.s) +
                           "\n  ECRECOVER\n  POP\n";
  run_source(state, op_loop(body, 4), "ECRECOVER", "run(uint256)");
}

/// DEBUGLOG of memory[0, len) per step (JournaledHost's default: the payload is dropped).
void BM_VmDebugLog(benchmark::State& state) {
  const auto len = static_cast<std::size_t>(state.range(1));
  const std::string body = "  PUSH 0\n  PUSH " + std::to_string(len) + "\n  DEBUGLOG\n";
  run_source(state, op_loop(body, len <= 64 ? 16 : 1), "DEBUGLOG", "run(uint256)");
}

BENCHMARK(BM_Keccak256)->Arg(0)->Arg(32)->Arg(136)->Arg(64 << 10);
BENCHMARK(BM_Sha256)->Arg(0)->Arg(32)->Arg(64)->Arg(64 << 10);
BENCHMARK(BM_Ecrecover)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VmKeccak256)->Args({2000, 0})->Args({100, 64 << 10})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VmSha256)->Args({4000, 0})->Args({400, 64 << 10})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VmEcrecover)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VmDebugLog)->Args({4000, 0})->Args({1000, 64 << 10})->Unit(benchmark::kMillisecond);

// ---- Division-class instructions at worst-case operands -----------------------------------

/// A random word of exactly `bits` bits (top bit set), 1 <= bits <= 256.
Word random_width(std::mt19937_64& rng, unsigned bits) {
  Word w{rng(), rng(), rng(), rng()};
  w = mask_low(w, bits);
  w.limb[(bits - 1) / 64] |= uint64_t{1} << ((bits - 1) % 64);
  return w;
}

/// Operand triples: a full 256-bit dividend (or factor), a second full factor and a
/// modulus/divisor of `divisor_bits` bits.
std::vector<std::array<Word, 3>> operands(unsigned divisor_bits) {
  std::mt19937_64 rng(divisor_bits);
  std::vector<std::array<Word, 3>> v(64);
  for (auto& t : v)
    t = {random_width(rng, 256), random_width(rng, 256), random_width(rng, divisor_bits)};
  return v;
}

/// Times `op` on the operand triples; counters: time per op and per gas of `gas` (the
/// instruction's static gas from the opcode table, plus its dynamic cost where it has one).
void time_op(benchmark::State& state, uint64_t gas,
             const std::function<Word(const std::array<Word, 3>&)>& op) {
  const auto args = operands(static_cast<unsigned>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(op(args[i]));
    i = (i + 1) % args.size();
  }
  // Seconds per op and per gas (printed with an SI prefix: "25.3n" is 25.3 ns).
  const double n = static_cast<double>(state.iterations());
  state.counters["s/op"] =
      benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["s/gas"] = benchmark::Counter(
      n * static_cast<double>(gas), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_WordUDiv(benchmark::State& s) {
  time_op(s, op_info(Op::DIV).gas, [](const auto& t) { return udiv(t[0], t[2]); });
}
void BM_WordUMod(benchmark::State& s) {
  time_op(s, op_info(Op::MOD).gas, [](const auto& t) { return umod(t[0], t[2]); });
}
void BM_WordSDiv(benchmark::State& s) {
  time_op(s, op_info(Op::SDIV).gas, [](const auto& t) { return sdiv(t[0], t[2]); });
}
void BM_WordSMod(benchmark::State& s) {
  time_op(s, op_info(Op::SMOD).gas, [](const auto& t) { return smod(t[0], t[2]); });
}
void BM_WordAddMod(benchmark::State& s) {
  time_op(s, op_info(Op::ADDMOD).gas, [](const auto& t) { return addmod(t[0], t[1], t[2]); });
}
void BM_WordMulMod(benchmark::State& s) {
  time_op(s, op_info(Op::MULMOD).gas, [](const auto& t) { return mulmod(t[0], t[1], t[2]); });
}
/// EXP with a full 256-bit exponent: 10 + 50 × 32 gas.
void BM_WordExp(benchmark::State& s) {
  time_op(s, op_info(Op::EXP).gas + kExpPerByteCost * 32,
          [](const auto& t) { return exp(t[0], t[1]); });
}

// Divisor widths: one limb, two (the most quotient limbs), three, four (64, 128, 192, 255); 255
// rather than 256 bits so that the divisor must be shifted (normalised), the slower case.
BENCHMARK(BM_WordUDiv)->Arg(64)->Arg(128)->Arg(192)->Arg(255);
BENCHMARK(BM_WordUMod)->Arg(64)->Arg(128)->Arg(192)->Arg(255);
BENCHMARK(BM_WordSDiv)->Arg(128);
BENCHMARK(BM_WordSMod)->Arg(128);
BENCHMARK(BM_WordAddMod)->Arg(64)->Arg(255);
BENCHMARK(BM_WordMulMod)->Arg(64)->Arg(128)->Arg(192)->Arg(255);
BENCHMARK(BM_WordExp)->Arg(256);

/// A program whose loop repeats `op` 32 times on operands kept in locals (a full 256-bit
/// first operand, a full second and a `divisor_bits`-bit divisor/modulus), popping each
/// result: `LGET.. op POP`, the cheapest way to issue the instruction back to back.
std::string op_loop_source(const std::string& op, unsigned operands_used, unsigned divisor_bits) {
  std::mt19937_64 rng(divisor_bits);
  const Word a = random_width(rng, 256), b = random_width(rng, 256),
             d = random_width(rng, divisor_bits);
  std::string s = ".fn run locals=4 export=\"run(uint256)\"\n  PUSH 4\n  CALLDATALOAD\n  LSET 0\n";
  s += "  PUSH " + to_hex(a) + "\n  LSET 1\n  PUSH " + to_hex(b) + "\n  LSET 2\n  PUSH " +
       to_hex(d) + "\n  LSET 3\n";
  s += "  LGET 0\n  ISZERO\n  JUMPI done\nloop:\n";
  for (int i = 0; i < 32; ++i) {
    s += "  LGET 1\n";
    if (operands_used == 3) s += "  LGET 2\n";
    s += "  LGET 3\n  " + op + "\n  POP\n";
  }
  s += "  LGET 0\n  PUSH 1\n  SUB\n  LTEE 0\n  JUMPI loop\ndone:\n  PUSH 0\n  PUSH 0\n  "
       "RETURN\n.end\n";
  return s;
}

void BM_OpLoop(benchmark::State& s, const std::string& op, unsigned operands_used) {
  const auto bits = static_cast<unsigned>(s.range(1));
  run_source(s, op_loop_source(op, operands_used, bits), op + ".tasm", "run(uint256)");
}

BENCHMARK_CAPTURE(BM_OpLoop, DIV, "DIV", 2)
    ->Args({10'000, 128})
    ->Args({10'000, 255})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpLoop, MOD, "MOD", 2)->Args({10'000, 128})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpLoop, SDIV, "SDIV", 2)->Args({10'000, 128})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpLoop, SMOD, "SMOD", 2)->Args({10'000, 128})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpLoop, ADDMOD, "ADDMOD", 3)
    ->Args({10'000, 255})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_OpLoop, MULMOD, "MULMOD", 3)
    ->Args({10'000, 128})
    ->Args({10'000, 255})
    ->Unit(benchmark::kMillisecond);
// EXP with a full 256-bit exponent (the divisor slot holds it): 10 + 50 × 32 gas.
BENCHMARK_CAPTURE(BM_OpLoop, EXP, "EXP", 2)->Args({300, 256})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
