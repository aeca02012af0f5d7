// Per-instruction semantics through the whole VM (assembler → validator → interpreter),
// with the edge cases of docs/gas.md and docs/bytecode.md.
#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

using Instructions = VmTest;

const std::string kMax = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
const std::string kMin = "0x8000000000000000000000000000000000000000000000000000000000000000";

std::vector<uint8_t> panic(uint8_t code) { return panic_data(code); }

TEST_F(Instructions, WrappingArithmetic) {
  EXPECT_EQ(eval("PUSH 2\nPUSH 3\nADD"), Word{5});
  EXPECT_EQ(eval("PUSH " + kMax + "\nPUSH 2\nADD"), Word{1});
  EXPECT_EQ(eval("PUSH 2\nPUSH 3\nSUB"), W(kMax));
  EXPECT_EQ(eval("PUSH 7\nPUSH 6\nMUL"), Word{42});
  EXPECT_EQ(eval("PUSH " + kMax + "\nPUSH " + kMax + "\nMUL"), Word{1});
}

TEST_F(Instructions, DivisionAndModuloByZeroGiveZero) {
  EXPECT_EQ(eval("PUSH 7\nPUSH 0\nDIV"), Word{0});
  EXPECT_EQ(eval("PUSH 7\nPUSH 0\nMOD"), Word{0});
  EXPECT_EQ(eval("PUSH 7\nPUSH 0\nSDIV"), Word{0});
  EXPECT_EQ(eval("PUSH 7\nPUSH 0\nSMOD"), Word{0});
  EXPECT_EQ(eval("PUSH 7\nPUSH 2\nDIV"), Word{3});
  EXPECT_EQ(eval("PUSH 7\nPUSH 2\nMOD"), Word{1});
}

TEST_F(Instructions, SignedDivisionAndModulo) {
  EXPECT_EQ(eval("PUSH -7\nPUSH 2\nSDIV"), negate(Word{3}));
  EXPECT_EQ(eval("PUSH -7\nPUSH 2\nSMOD"), negate(Word{1}));
  EXPECT_EQ(eval("PUSH 7\nPUSH -2\nSMOD"), Word{1});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH -1\nSDIV"), W(kMin));  // MIN / -1 wraps to MIN
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH -1\nSMOD"), Word{0});
}

TEST_F(Instructions, AddmodMulmodUseFullPrecision) {
  // (2^256-1 + 2^256-1) % 7 and (2^256-1)^2 % 7 need 257 and 512 bits.
  EXPECT_EQ(eval("PUSH " + kMax + "\nPUSH " + kMax + "\nPUSH 7\nADDMOD"), Word{2});
  EXPECT_EQ(eval("PUSH " + kMax + "\nPUSH " + kMax + "\nPUSH 7\nMULMOD"), Word{1});
  EXPECT_EQ(eval("PUSH 5\nPUSH 6\nPUSH 0\nADDMOD"), Word{0});
  EXPECT_EQ(eval("PUSH 5\nPUSH 6\nPUSH 0\nMULMOD"), Word{0});
}

TEST_F(Instructions, ExpAndSignExtension) {
  EXPECT_EQ(eval("PUSH 2\nPUSH 255\nEXP"), W(kMin));
  EXPECT_EQ(eval("PUSH 2\nPUSH 256\nEXP"), Word{0});
  EXPECT_EQ(eval("PUSH 0\nPUSH 0\nEXP"), Word{1});
  EXPECT_EQ(eval("PUSH 0xff\nSEXT 7"), W(kMax));
  EXPECT_EQ(eval("PUSH 0x7f\nSEXT 7"), Word{0x7f});
  EXPECT_EQ(eval("PUSH 0x1800\nSEXT 12"), W("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff800"));
  EXPECT_EQ(eval("PUSH 0x12ff\nSEXT 7"), W(kMax));  // upper bits replaced by the sign
  EXPECT_EQ(eval("PUSH 3\nPUSH 4\nMULO"), Word{0});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 2\nMULO"), Word{1});
}

TEST_F(Instructions, CheckedArithmeticPanics) {
  const std::string ret = "\nPUSH 0\nSWAP 1\nMSTORE\nPUSH 0\nPUSH 32\nRETURN";
  EXPECT_EQ(exec("PUSH " + kMax + "\nPUSH 1\nADDC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH 1\nPUSH 2\nSUBC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH " + kMin + "\nPUSH 2\nMULC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH 1\nPUSH 0\nDIVC" + ret).output, panic(0x12));
  EXPECT_EQ(exec("PUSH 1\nPUSH 0\nMODC" + ret).output, panic(0x12));
  EXPECT_EQ(exec("PUSH 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\nPUSH 1\nSADDC" + ret).output,
            panic(0x11));
  EXPECT_EQ(exec("PUSH " + kMin + "\nPUSH 1\nSSUBC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH " + kMin + "\nPUSH -1\nSMULC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH " + kMin + "\nPUSH -1\nSDIVC" + ret).output, panic(0x11));
  EXPECT_EQ(exec("PUSH 5\nPUSH 0\nSDIVC" + ret).output, panic(0x12));
  EXPECT_EQ(exec("PUSH 5\nPUSH 0\nSMODC" + ret).output, panic(0x12));
  EXPECT_EQ(exec("PUSH 2\nPUSH 256\nEXPC" + ret).output, panic(0x11));
  auto r = exec("PUSH 1\nPUSH 0\nDIVC" + ret);
  EXPECT_EQ(r.status, Status::Revert);
  // Non-overflowing checked forms give the plain result.
  EXPECT_EQ(eval("PUSH " + kMax + "\nPUSH 0\nADDC"), W(kMax));
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 1\nSMULC"), W(kMin));
  EXPECT_EQ(eval("PUSH -3\nPUSH 4\nSMULC"), negate(Word{12}));
  EXPECT_EQ(eval("PUSH -8\nPUSH 3\nSADDC"), negate(Word{5}));
  EXPECT_EQ(eval("PUSH 2\nPUSH 255\nEXPC"), W(kMin));
  EXPECT_EQ(eval("PUSH 1\nPUSH " + kMax + "\nEXPC"), Word{1});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH -1\nSMODC"), Word{0});
}

TEST_F(Instructions, Comparisons) {
  EXPECT_EQ(eval("PUSH 1\nPUSH 2\nLT"), Word{1});
  EXPECT_EQ(eval("PUSH 1\nPUSH 2\nGT"), Word{0});
  EXPECT_EQ(eval("PUSH -1\nPUSH 2\nSLT"), Word{1});
  EXPECT_EQ(eval("PUSH -1\nPUSH 2\nLT"), Word{0});
  EXPECT_EQ(eval("PUSH -1\nPUSH -2\nSGT"), Word{1});
  EXPECT_EQ(eval("PUSH 9\nPUSH 9\nEQ"), Word{1});
  EXPECT_EQ(eval("PUSH 0\nISZERO"), Word{1});
  EXPECT_EQ(eval("PUSH 3\nISZERO"), Word{0});
}

TEST_F(Instructions, BitwiseAndShifts) {
  EXPECT_EQ(eval("PUSH 0xf0\nPUSH 0x3c\nAND"), Word{0x30});
  EXPECT_EQ(eval("PUSH 0xf0\nPUSH 0x3c\nOR"), Word{0xfc});
  EXPECT_EQ(eval("PUSH 0xf0\nPUSH 0x3c\nXOR"), Word{0xcc});
  EXPECT_EQ(eval("PUSH 0\nNOT"), W(kMax));
  EXPECT_EQ(eval("PUSH 1\nPUSH 255\nSHL"), W(kMin));
  EXPECT_EQ(eval("PUSH 1\nPUSH 256\nSHL"), Word{0});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 255\nSHR"), Word{1});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 256\nSHR"), Word{0});
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 254\nSAR"), negate(Word{2}));
  EXPECT_EQ(eval("PUSH " + kMin + "\nPUSH 300\nSAR"), W(kMax));
  EXPECT_EQ(eval("PUSH 0x7f\nPUSH 300\nSAR"), Word{0});
  EXPECT_EQ(eval("PUSH 1\nPUSH " + kMax + "\nSHL"), Word{0});
  EXPECT_EQ(eval("PUSH 0x1122\nPUSH 30\nBYTE"), Word{0x11});
  EXPECT_EQ(eval("PUSH 0x1122\nPUSH 31\nBYTE"), Word{0x22});
  EXPECT_EQ(eval("PUSH 0x1122\nPUSH 32\nBYTE"), Word{0});
  EXPECT_EQ(eval("PUSH 1\nCLZ"), Word{255});
  EXPECT_EQ(eval("PUSH 0\nCLZ"), Word{256});
  EXPECT_EQ(eval("PUSH 8\nCTZ"), Word{3});
  EXPECT_EQ(eval("PUSH 0xff\nPOPCNT"), Word{8});
  EXPECT_EQ(eval("PUSH 0x11\nBSWAP"), W("0x1100000000000000000000000000000000000000000000000000000000000000"));
}

TEST_F(Instructions, StackAndLocals) {
  EXPECT_EQ(eval("PUSH 1\nPUSH 2\nPUSH 3\nDUP 2\nLSET 0\nPOP\nPOP\nPOP\nLGET 0"), Word{1});
  EXPECT_EQ(eval("PUSH 1\nPUSH 2\nPUSH 3\nSWAP 2\nPOP\nPOP"), Word{3});
  EXPECT_EQ(eval("PUSH 1\nPUSH 2\nSWAP 1\nSUB"), Word{1});
  EXPECT_EQ(eval("PUSH 5\nLTEE 0\nLGET 0\nADD"), Word{10});
  EXPECT_EQ(eval("PUSH 10\nPUSH 20\nPUSH 1\nSELECT"), Word{10});
  EXPECT_EQ(eval("PUSH 10\nPUSH 20\nPUSH 0\nSELECT"), Word{20});
  EXPECT_EQ(eval("PUSH 0x123456789abcdef0\nPUSH 1\nADD"), W("0x123456789abcdef1"));
}

TEST_F(Instructions, Memory) {
  EXPECT_EQ(eval("PUSH 0\nPUSH 0xabcd\nMSTORE\nPUSH 30\nMLOAD"), shl(W("0xabcd"), Word{240}));
  EXPECT_EQ(eval("PUSH 31\nPUSH 0x1ff\nMSTORE8\nPUSH 0\nMLOAD"), Word{0xff});
  EXPECT_EQ(eval("PUSH 100\nMLOAD\nPOP\nMSIZE"), Word{160});
  EXPECT_EQ(eval("PUSH 0\nPUSH 7\nMSTORE\nPUSH 32\nPUSH 0\nPUSH 32\nMCOPY\nPUSH 32\nMLOAD"), Word{7});
  EXPECT_EQ(eval("PUSH 0\nPUSH 0xab\nPUSH 2\nMFILL\nPUSH 0\nMLOAD\nPUSH 240\nSHR"), Word{0xabab});
  EXPECT_EQ(eval("PUSH 0\nPUSH 0\nPUSH 0\nMCOPY\nMSIZE"), Word{0});  // zero length touches nothing
}

TEST_F(Instructions, CallDataAndHashes) {
  // main() call data is 4 bytes; CALLDATALOAD pads with zeros.
  EXPECT_EQ(eval("CALLDATASIZE"), Word{4});
  EXPECT_EQ(eval("PUSH 0\nCALLDATALOAD"), W(selector_word("main()")));
  EXPECT_EQ(eval("PUSH " + kMax + "\nCALLDATALOAD"), Word{0});
  EXPECT_EQ(eval("PUSH 0\nPUSH 0\nKECCAK256"), W("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
  EXPECT_EQ(eval("PUSH 0\nPUSH 0\nSHA256"), W("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST_F(Instructions, Ecrecover) {
  Hash256 key{};
  key[31] = 1;
  Hash256 digest = keccak256(std::vector<uint8_t>{1, 2, 3});
  auto sig = sign(key, digest).value();
  const std::string body = "PUSH " + to_hex(word_from_be(digest.data())) + "\nPUSH " + std::to_string(sig.v) +
                           "\nPUSH " + to_hex(word_from_be(sig.r.data())) + "\nPUSH " +
                           to_hex(word_from_be(sig.s.data())) + "\nECRECOVER";
  EXPECT_EQ(eval(body), W("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
  EXPECT_EQ(eval("PUSH 1\nPUSH 29\nPUSH 1\nPUSH 1\nECRECOVER"), Word{0});
}

TEST_F(Instructions, Context) {
  TxContext ctx;
  ctx.chain_id = Word{31337};
  ctx.number = 12;
  ctx.timestamp = 1700000000;
  ctx.gas_limit = 30000000;
  ctx.coinbase = *parse_address("0x00000000000000000000000000000000000000cb");
  ctx.gas_price = Word{7};
  ctx.base_fee = Word{3};
  ctx.difficulty = Word{0x20000};
  host.set_context(ctx);
  EXPECT_EQ(eval("CHAINID"), Word{31337});
  EXPECT_EQ(eval("NUMBER"), Word{12});
  EXPECT_EQ(eval("TIMESTAMP"), Word{1700000000});
  EXPECT_EQ(eval("GASLIMIT"), Word{30000000});
  EXPECT_EQ(eval("COINBASE"), Word{0xcb});
  EXPECT_EQ(eval("GASPRICE"), Word{7});
  EXPECT_EQ(eval("BASEFEE"), Word{3});
  EXPECT_EQ(eval("DIFFICULTY"), Word{0x20000});
  EXPECT_EQ(eval("CALLER"), to_word(sender));
  EXPECT_EQ(eval("ORIGIN"), to_word(sender));
  EXPECT_EQ(eval("CALLVALUE"), Word{0});
  EXPECT_EQ(eval("PUSH 0x1234\nBALANCE"), Word{0});
  EXPECT_EQ(eval("SELFBALANCE"), Word{0});
}

/// BLOCKHASH answers for number − 256 ≤ n < number only, and asks the host nothing else.
TEST_F(Instructions, BlockHashWindow) {
  TxContext ctx;
  ctx.number = 1000;
  host.set_context(ctx);
  std::vector<uint64_t> asked;
  host.set_block_hashes([&asked](uint64_t n) {
    asked.push_back(n);
    return add(Word{0, 0, 0, 0xb1}, Word{n});
  });
  const Word tag{0, 0, 0, 0xb1};
  EXPECT_EQ(eval("PUSH 744\nBLOCKHASH"), add(tag, Word{744}));  // number - 256: the oldest
  EXPECT_EQ(eval("PUSH 743\nBLOCKHASH"), Word{});                // number - 257
  EXPECT_EQ(eval("PUSH 999\nBLOCKHASH"), add(tag, Word{999}));  // number - 1: the parent
  EXPECT_EQ(eval("PUSH 1000\nBLOCKHASH"), Word{});               // the current block
  EXPECT_EQ(eval("PUSH 1001\nBLOCKHASH"), Word{});               // the future
  EXPECT_EQ(eval("PUSH 0x10000000000000003e7\nBLOCKHASH"), Word{});  // 2^64 + 999
  EXPECT_EQ(eval("PUSH " + kMax + "\nBLOCKHASH"), Word{});
  EXPECT_EQ(asked, (std::vector<uint64_t>{744, 999}));

  ctx.number = 5;  // fewer than 256 blocks before it: block 0 is in the window
  host.set_context(ctx);
  EXPECT_EQ(eval("PUSH 0\nBLOCKHASH"), add(tag, Word{0}));
  ctx.number = 0;  // genesis has no blocks before it
  host.set_context(ctx);
  EXPECT_EQ(eval("PUSH 0\nBLOCKHASH"), Word{});
}

TEST_F(Instructions, BlockHashIsZeroWithoutALookup) {
  TxContext ctx;
  ctx.number = 10;
  host.set_context(ctx);
  EXPECT_EQ(eval("PUSH 9\nBLOCKHASH"), Word{});
}

/// DIFFICULTY costs 2 and BLOCKHASH kBlockHashCost (20), charged with the block.
TEST_F(Instructions, ContextInstructionGas) {
  const std::string ret = "\nPOP\nSTOP";
  const ExecResult plain = exec("PUSH 1\nPOP\nSTOP");
  const ExecResult difficulty = exec("DIFFICULTY" + ret);
  const ExecResult blockhash = exec("PUSH 1\nBLOCKHASH" + ret);
  ASSERT_EQ(plain.status, Status::Success);
  ASSERT_EQ(difficulty.status, Status::Success);
  ASSERT_EQ(blockhash.status, Status::Success);
  EXPECT_EQ(plain.gas_left - difficulty.gas_left, 2 - 1);  // DIFFICULTY 2 instead of PUSH 1
  EXPECT_EQ(plain.gas_left - blockhash.gas_left, static_cast<int64_t>(kBlockHashCost));
  EXPECT_EQ(kBlockHashCost, 20u);
  EXPECT_EQ(op_info(Op::BLOCKHASH).gas, kBlockHashCost);
}

TEST_F(Instructions, JumpTableAndInternalCalls) {
  const std::string src = R"T(
.fn main locals=1 export="main(uint256)"
  PUSH 4
  CALLDATALOAD
  JUMPTABLE other, zero, one
zero:
  PUSH 100
  JUMP out
one:
  PUSH 101
  JUMP out
other:
  PUSH 10
  CALLF fact
out:
  LSET 0
  PUSH 0
  LGET 0
  MSTORE
  PUSH 0
  PUSH 32
  RETURN
.end
.fn fact params=1 results=1
  LGET 0
  ISZERO
  JUMPI base
  LGET 0
  LGET 0
  PUSH 1
  SUB
  CALLF fact
  MUL
  RETF
base:
  PUSH 1
  RETF
.end
)T";
  const Address a = deploy(src);
  auto run = [&](uint64_t n) { return word_from_be(call(a, calldata("main(uint256)", {Word{n}})).output.data()); };
  EXPECT_EQ(run(0), Word{100});
  EXPECT_EQ(run(1), Word{101});
  EXPECT_EQ(run(2), Word{3628800});
  EXPECT_EQ(run(99), Word{3628800});
}

TEST_F(Instructions, InternalCallDepthLimitTraps) {
  const std::string src = R"T(
.fn main export="main()"
  CALLF loop
  STOP
.end
.fn loop
  CALLF loop
  RETF
.end
)T";
  const Address a = deploy(src);
  ExecResult r = call(a, calldata("main()"), 1'000'000);
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.reason, "internal call depth limit of 1024 exceeded");
  EXPECT_EQ(r.gas_left, 0);
}

TEST_F(Instructions, TrapAndReturnDataBounds) {
  auto r = exec("TRAP");
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.gas_left, 0);
  r = exec("PUSH 0\nPUSH 0\nPUSH 1\nRETURNDATACOPY\nSTOP");
  EXPECT_EQ(r.status, Status::Trap);
  EXPECT_EQ(r.reason, "RETURNDATACOPY reads past the end of the return data");
  EXPECT_EQ(eval("RETURNDATASIZE"), Word{0});
}

TEST_F(Instructions, RevertAndReturnData) {
  auto r = exec("PUSH 0\nPUSH 0xdead\nMSTORE\nPUSH 30\nPUSH 2\nREVERT");
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.output, (std::vector<uint8_t>{0xde, 0xad}));
  r = exec("PANIC 0x32");
  EXPECT_EQ(r.output, panic(0x32));
  r = exec("STOP");
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_TRUE(r.output.empty());
}

TEST_F(Instructions, StorageAndLogs) {
  const Address a = deploy(R"T(
.fn main export="main()"
  PUSH 5
  PUSH 6
  SSTORE
  PUSH 0
  PUSH 0xaa
  MSTORE8
  PUSH 0
  PUSH 1
  PUSH 0x77
  PUSH 0x88
  LOG2
  STOP
.end
)T");
  ExecResult r = call(a, calldata("main()"));
  ASSERT_EQ(r.status, Status::Success);
  EXPECT_EQ(host.get_storage(a, Word{5}), Word{6});
  ASSERT_EQ(host.logs().size(), 1u);
  EXPECT_EQ(host.logs()[0].address, a);
  EXPECT_EQ(host.logs()[0].topics, (std::vector<Word>{Word{0x77}, Word{0x88}}));
  EXPECT_EQ(host.logs()[0].data, (std::vector<uint8_t>{0xaa}));
}

}  // namespace
}  // namespace tenet::vm::testing
