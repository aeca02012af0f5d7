// Exact dynamic gas of calls, storage, memory growth and creation, and docs/gas.md's
// tables of dynamic costs, which are generated from the named costs of gas.hpp.

#include "tenet/vm/gas.hpp"

#include <bit>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Gas = VmTest;

TEST_F(Gas, CallWithValueToColdEmptyAccountCostsExactly) {
  // Static: PUSH PUSH CALLDATALOAD PUSH PUSH PUSH CALL POP STOP = 1+1+3+1+1+1+100+1+0 = 109;
  // dynamic: 2500 (cold callee) + 9000 (value). Asking for 0 gas forwards 0. The entry
  // frame (max stack 5) costs C(5) = 15.
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 0
  PUSH 4
  CALLDATALOAD
  PUSH 1
  PUSH 0
  PUSH 0
  CALL
  POP
  STOP
.end
)T");
  host.set_balance(a, Word{10});
  const Address target = *parse_address("0x00000000000000000000000000000000000000aa");
  ExecResult r = call(a, calldata("main(address)", {to_word(target)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, entry_frame_gas(5) + 109 + 2500 + 9000);
  EXPECT_EQ(host.get_balance(target), Word{1});
  EXPECT_EQ(host.get_balance(a), Word{9});
}

TEST_F(Gas, StorageCostsFollowTheOriginalValue) {
  const Address a = deploy(R"T(
.fn init export="init()"
  PUSH 1
  PUSH 5
  SSTORE
  STOP
.end
.fn churn export="churn()"
  PUSH 1
  PUSH 6
  SSTORE
  PUSH 1
  PUSH 5
  SSTORE
  PUSH 1
  PUSH 0
  SSTORE
  STOP
.end
)T");
  ASSERT_EQ(call(a, calldata("init()")).status, Status::Success);
  // churn (EIP-2200 without refunds): 5 -> 6 is cold and modified (2100 + 2900); 6 -> 5
  // is dirty (100) and makes the slot equal to its original again, so 5 -> 0 is judged
  // as a modification of a clean slot (2900); static 6; the entry frame (2 stack words) C(2).
  ExecResult r = call(a, calldata("churn()"), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left, entry_frame_gas(2) + 6 + 2100 + 2900 + 100 + 2900);
  EXPECT_EQ(host.get_storage(a, Word{1}), Word{0});
  EXPECT_TRUE(host.find_account(a)->storage.empty());
}

TEST_F(Gas, MemoryGrowthIncludesTheQuadraticPart) {
  // MSTORE at 1023*32 grows memory to 1024 words on top of the entry frame's 10 words
  // (8 locals + 2 stack): C(1034) − C(10) = 3102 + 2088 − 30 = 5160, 40 more than C(1024)
  // = 5120 alone, since frame and memory share one quadratic.
  ExecResult r = exec("PUSH 32736\nPUSH 1\nMSTORE\nSTOP", 100'000);
  ASSERT_EQ(r.status, Status::Success);
  EXPECT_EQ(memory_cost(1034) - memory_cost(10), 5160u);
  EXPECT_EQ(100'000 - r.gas_left, entry_frame_gas(10) + 5 + 5160);
}

TEST_F(Gas, RefusedCallReturnsTheForwardedGasToTheCaller) {
  // The callee has no function for the selector: the CALL fails but all forwarded gas
  // comes back, so the caller pays only the CALL's own costs.
  const Address callee = deploy(".fn f export=\"f()\"\n  STOP\n.end\n");
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 50000
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 0
  CALL
  POP
  STOP
.end
)T");
  ExecResult r = call(a, calldata("main(address)", {to_word(callee)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(100'000 - r.gas_left,
            entry_frame_gas(5) + 109 + 2500 +  // 5 stack words
                static_cast<int64_t>(cold_code_cost(host.get_code_size(callee))));
}

TEST_F(Gas, OutOfGasInACalleeConsumesOnlyWhatWasForwarded) {
  const Address callee = deploy(".fn f export=\"f()\"\nloop:\n  JUMP loop\n.end\n");
  const Address a = deploy(R"T(
.fn main export="main(address)"
  PUSH 0
  PUSH )T" + selector_word("f()") +
                           R"T(
  MSTORE
  PUSH 1000
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
)T" + kReturnTop + R"T(
.end
)T");
  ExecResult r = call(a, calldata("main(address)", {to_word(callee)}), 100'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{0});
  // PUSH PUSH MSTORE(3+3 memory) PUSH PUSH CALLDATALOAD PUSH PUSH PUSH CALL PUSH SWAP MSTORE PUSH
  // PUSH RETURN; the entry frame (max stack 5) C(5).
  const int64_t own =
      entry_frame_gas(5) + 1 + 1 + 3 + 3 + 1 + 1 + 3 + 1 + 1 + 1 + 100 + 1 + 1 + 3 + 1 + 1 + 0;
  EXPECT_EQ(100'000 - r.gas_left,
            own + 2500 + static_cast<int64_t>(cold_code_cost(host.get_code_size(callee))) + 1000);
}

TEST_F(Gas, CreateCostsItsStaticGasPerByteAndForwardsTheRest) {
  const std::string child = ".fn f export=\"f()\"\n  STOP\n.end\n";
  auto child_bytes = serialize_container(*assemble(child, "child.tasm"));
  ChildLoader loader = [&](std::string_view) -> Result<std::vector<uint8_t>> {
    return child_bytes;
  };
  auto code = assemble_ok(R"T(
.child "child.tasm"
.fn make export="make()"
  PUSH 0
  PUSH 0
  PUSH 0
  CREATE 0
  POP
  STOP
.end
)T",
                          loader);
  ExecResult d = host.deploy(sender, code, 10'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  ExecResult r = call(d.created, calldata("make()"), 1'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  // No constructor: creation succeeds at once and returns all forwarded gas. make's entry
  // frame (max stack 3) costs C(3).
  EXPECT_EQ(1'000'000 - r.gas_left,
            entry_frame_gas(3) + 3 + 32000 + 1 + 200 * static_cast<int64_t>(child_bytes.size()));
}

// ---- docs/gas.md against gas.hpp --------------------------------------------------------

std::string n(uint64_t v) {
  return std::to_string(v);
}

/// `2^k` for the power of two `v`.
std::string power_of_two(uint64_t v) {
  return "2^" + std::to_string(std::countr_zero(v));
}

/// The "Dynamic costs" table of docs/gas.md.
std::string dynamic_costs_markdown() {
  std::string t = "| what | cost |\n|---|---|\n";
  t += "| memory and frame growth | memory is counted in 32-byte words, and so is the word buffer "
       "of locals and operand stacks (its high-water mark in the external frame: the entry "
       "function's params + locals + max stack, charged before its first block, raised by a "
       "`CALLF` whose frame reaches higher). Both share one quadratic of their sum: growing "
       "either from a total of `a` to `b` words costs `C(b) − C(a)` with `C(w) = " +
       n(kMemoryWordCost) + "·w + ⌊w²/" + n(kMemoryQuadDivisor) +
       "⌋`. Any memory access ending beyond " + power_of_two(kMaxMemory) +
       " bytes is out of gas; a word buffer beyond " + power_of_two(kMaxFrameWords) +
       " words traps. An access of length 0 never grows memory. |\n";
  t += "| `EXP`, `EXPC` | " + n(kExpPerByteCost) + " per byte of the exponent (`⌈bits(e)/8⌉`) |\n";
  t += "| `MCOPY`, `MFILL`, `CALLDATACOPY`, `RETURNDATACOPY` | " + n(kCopyPerWordCost) +
       " per 32-byte word copied, plus memory growth |\n";
  t += "| `KECCAK256` | " + n(kKeccakPerWordCost) +
       " per 32-byte word hashed, plus memory growth |\n";
  t += "| `SHA256` | " + n(kSha256PerWordCost) + " per 32-byte word hashed, plus memory growth |\n";
  t += "| `LOG0`–`LOG4` | " + n(kLogPerByteCost) + " per byte of data, plus memory growth |\n";
  t += "| `DEBUGLOG` | " + n(kDebugLogPerByteCost) +
       " per byte of the payload, plus memory growth (charged before the host sees it) |\n";
  t += "| `SLOAD` | " + n(kColdStorageAccessCost) +
       " if the slot is cold in this transaction, else " + n(kWarmAccessCost) + " |\n";
  t += "| `SSTORE` | " + n(kColdStorageAccessCost) +
       " if the slot is cold, plus, comparing the slot's value at the start of the transaction "
       "(*original*), just before the write (*current*) and the new value: " +
       n(kStorageDirtyCost) + " if new = current; otherwise " + n(kStorageDirtyCost) +
       " if current ≠ original (the slot is dirty); otherwise " + n(kStorageSetCost) +
       " if original = 0, else " + n(kStorageResetCost) +
       ". This is EIP-2200 without refunds: a slot written back to its original value counts as "
       "clean again. |\n";
  const std::string per_word = " per 32-byte word of its code";
  t += "| `BALANCE`, `EXTCODESIZE` | " + n(kColdAccountAccessCost) + " plus " +
       n(kColdCodePerWordCost) + " per 32-byte word of the account's code if the account is "
       "cold, else " + n(kWarmAccessCost) + " |\n";
  t += "| `TRANSFER` | if the recipient is cold, " + n(kColdAccountSurcharge) + " more plus " +
       n(kColdCodePerWordCost) + per_word + " |\n";
  t += "| `CALL`, `STATICCALL` | if the callee is cold, " + n(kColdAccountSurcharge) +
       " more plus " + n(kColdCodePerWordCost) + per_word + "; " +
       n(kCallValueCost) +
       " more if value is sent; memory growth for the input. Then at most `g − ⌊g/" +
       n(kRetainedGasDivisor) +
       "⌋` of the gas left `g` is forwarded (less if the operand asks for less); the callee's "
       "unused gas comes back. |\n";
  t += "| `CREATE` | " + n(kCreatePerByteCost) +
       " per byte of the child container, plus memory growth for the constructor arguments; then "
       "`g − ⌊g/" +
       n(kRetainedGasDivisor) + "⌋` is forwarded |\n";
  return t;
}

/// The gas estimator's table of worst-case dynamic costs in docs/gas.md ("Gas estimates").
std::string estimate_bounds_markdown() {
  std::string t = "| instruction | bound |\n|---|---|\n";
  t += "| `SLOAD` | " + n(kColdStorageAccessCost) + " (cold) |\n";
  t += "| `SSTORE` | " + n(kMaxStorageStoreCost) + " (cold slot, 0 → non-zero) |\n";
  const uint64_t words = ContainerLimits::kMaxContainerSize / 32;
  const std::string code = " + " + n(kColdCodePerWordCost) + " × " + n(words) + " words";
  const std::string largest =
      ", a cold account holding the largest container (" + n(ContainerLimits::kMaxContainerSize) +
      " bytes)";
  t += "| `BALANCE`, `EXTCODESIZE` | " + n(kColdAccountAccessCost) + code + " = " +
       n(kColdAccountAccessCost + cold_code_cost(ContainerLimits::kMaxContainerSize)) + largest +
       " |\n";
  t += "| `TRANSFER` | " + n(kColdAccountSurcharge) + code + " = " +
       n(kColdAccountSurcharge + cold_code_cost(ContainerLimits::kMaxContainerSize)) + largest +
       ", on top of its static " + n(op_info(Op::TRANSFER).gas) + " |\n";
  t += "| `EXP`, `EXPC` | " + n(kExpPerByteCost) +
       " × the byte length of the exponent's upper bound; " + n(kExpPerByteCost * 32) +
       " when unknown |\n";
  t += "| `MCOPY`, `MFILL`, `CALLDATACOPY`, `RETURNDATACOPY` | " + n(kCopyPerWordCost) +
       " × ⌈len/32⌉ for the length's upper bound |\n";
  t += "| `KECCAK256` / `SHA256` | " + n(kKeccakPerWordCost) + " / " + n(kSha256PerWordCost) +
       " × ⌈len/32⌉ |\n";
  t += "| `LOG0`–`LOG4` | " + n(kLogPerByteCost) + " × len |\n";
  t += "| `DEBUGLOG` | " + n(kDebugLogPerByteCost) + " × len |\n";
  return t;
}

/// Checks the region of docs/gas.md between `<!-- BEGIN GENERATED name -->` and
/// `<!-- END GENERATED name -->` against `expected`; rewrites it when TENET_UPDATE_DOCS is set.
void check_generated_region(const std::string& name, const std::string& expected) {
  const std::string path = std::string(TENET_SOURCE_DIR) + "/docs/gas.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  const std::string begin_marker = "<!-- BEGIN GENERATED " + name + " -->\n";
  const std::string end_marker = "<!-- END GENERATED " + name + " -->";
  const size_t begin = doc.find(begin_marker);
  const size_t end = doc.find(end_marker);
  ASSERT_NE(begin, std::string::npos) << begin_marker;
  ASSERT_NE(end, std::string::npos) << end_marker;
  const size_t from = begin + begin_marker.size();
  const std::string current = doc.substr(from, end - from);
  if (current != expected && std::getenv("TENET_UPDATE_DOCS")) {
    doc.replace(from, end - from, expected);
    std::ofstream(path) << doc;
    return;
  }
  EXPECT_EQ(current, expected) << "docs/gas.md is out of date: run TENET_UPDATE_DOCS=1 "
                                  "tenet_vm_tests --gtest_filter=GasDoc.*";
}

TEST(GasDoc, DynamicCostsMatchTheNamedCosts) {
  check_generated_region("DYNAMIC COSTS", dynamic_costs_markdown());
}

/// `text` with every line indented by `prefix`, then `prefix` (the indentation of the end
/// marker that follows it inside a list item).
std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += prefix + line + "\n";
  return out + prefix;
}

TEST(GasDoc, EstimateBoundsMatchTheNamedCosts) {
  check_generated_region("ESTIMATE BOUNDS", indent(estimate_bounds_markdown(), "   "));
}

TEST(GasDoc, MemoryCostIsTheDocumentedFormula) {
  EXPECT_EQ(memory_cost(0), 0u);
  EXPECT_EQ(memory_cost(1), 3u);
  EXPECT_EQ(memory_cost(512), 3u * 512 + 512);
  EXPECT_EQ(memory_cost(words_of(kMaxMemory)), 3u * (uint64_t{1} << 27) + (uint64_t{1} << 45));
  EXPECT_EQ(words_of(0), 0u);
  EXPECT_EQ(words_of(1), 1u);
  EXPECT_EQ(words_of(33), 2u);
  EXPECT_EQ(forwardable_gas(6400), 6300);
  EXPECT_EQ(forwardable_gas(63), 63);
}

}  // namespace
}  // namespace tenet::vm::testing
