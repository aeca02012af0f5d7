// Frame memory: zero-length accesses, copies from beyond the call data, overlapping
// MCOPY and the 2^32-byte limit (docs/gas.md, docs/bytecode.md).
#include <array>
#include <cstring>
#include <limits>

#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Memory = VmTest;

TEST_F(Memory, ZeroLengthAccessesWithHugeOffsetsNeitherGrowNorTrap) {
  // KECCAK256, CALLDATACOPY, MCOPY, MFILL, RETURNDATACOPY (destination), LOG0 and
  // DEBUGLOG of length 0 at offsets far beyond 2^64; then MSIZE must still be 0.
  EXPECT_EQ(eval("PUSH " + kHuge +
                 "\nPUSH 0\nKECCAK256\nPOP\n"
                 "PUSH " +
                 kHuge + "\nPUSH " + kHuge +
                 "\nPUSH 0\nCALLDATACOPY\n"
                 "PUSH " +
                 kHuge + "\nPUSH " + kHuge +
                 "\nPUSH 0\nMCOPY\n"
                 "PUSH " +
                 kHuge +
                 "\nPUSH 7\nPUSH 0\nMFILL\n"
                 "PUSH " +
                 kHuge +
                 "\nPUSH 0\nPUSH 0\nRETURNDATACOPY\n"
                 "PUSH " +
                 kHuge +
                 "\nPUSH 0\nLOG0\n"
                 "PUSH " +
                 kHuge +
                 "\nPUSH 0\nDEBUGLOG\n"
                 "MSIZE"),
            Word{0});
  ExecResult r = exec("PUSH " + kHuge + "\nPUSH 0\nRETURN");
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_TRUE(r.output.empty());
  r = exec("PUSH " + kHuge + "\nPUSH 0\nREVERT");
  EXPECT_EQ(r.status, Status::Revert) << r.reason;
  EXPECT_TRUE(r.output.empty());
}

TEST_F(Memory, CallDataCopyFromOffsetBeyond2To64GivesZeros) {
  // Memory word 0 is pre-filled with ones; copying 32 bytes of call data from an offset
  // of 2^64 + 0 (whose low 64 bits are 0) must give zeros, not the selector.
  EXPECT_EQ(eval("PUSH 0\nPUSH " + kHuge +
                 "\nMSTORE\n"
                 "PUSH 0\nPUSH 0x10000000000000000\nPUSH 32\nCALLDATACOPY\n"
                 "PUSH 0\nMLOAD"),
            Word{0});
  // CALLDATALOAD likewise.
  EXPECT_EQ(eval("PUSH 0x10000000000000000\nCALLDATALOAD"), Word{0});
}

TEST_F(Memory, McopyWithOverlappingRangesActsLikeMemmove) {
  // Bytes 0..31 = 0x01..0x20; copy 0..31 to 1..32 (forward overlap), read word 1..32.
  std::string fill;
  for (int i = 0; i < 32; ++i)
    fill += "PUSH " + std::to_string(i) + "\nPUSH " + std::to_string(i + 1) + "\nMSTORE8\n";
  Word expect_forward;
  Word expect_backward;
  {
    std::array<uint8_t, 64> mem{};
    for (int i = 0; i < 32; ++i) mem[static_cast<size_t>(i)] = static_cast<uint8_t>(i + 1);
    std::array<uint8_t, 64> fwd = mem;
    std::memmove(fwd.data() + 1, fwd.data(), 32);
    expect_forward = word_from_be(fwd.data() + 1);
    std::array<uint8_t, 64> bwd = mem;
    std::memmove(bwd.data(), bwd.data() + 1, 32);
    expect_backward = word_from_be(bwd.data());
  }
  EXPECT_EQ(eval(fill + "PUSH 1\nPUSH 0\nPUSH 32\nMCOPY\nPUSH 1\nMLOAD"), expect_forward);
  EXPECT_EQ(eval(fill + "PUSH 0\nPUSH 1\nPUSH 32\nMCOPY\nPUSH 0\nMLOAD"), expect_backward);
}

TEST_F(Memory, AccessPastTheLimitIsOutOfGasEvenWithAllTheGas) {
  // Offset 2^32 - 31 with 32 bytes ends past 2^32: out of gas however much gas there is.
  ExecResult r = exec("PUSH 0xffffffe1\nMLOAD\nSTOP", std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.status, Status::OutOfGas);
  EXPECT_EQ(r.gas_left, 0);
  // A 2^32-byte hash with offset 1 likewise.
  r = exec("PUSH 1\nPUSH 0x100000000\nKECCAK256\nSTOP", std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.status, Status::OutOfGas);
}

}  // namespace
}  // namespace tenet::vm::testing
