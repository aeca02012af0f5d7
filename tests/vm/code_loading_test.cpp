// Loading code: the container size limit, the cold-access code charge of BALANCE,
// EXTCODESIZE, CALL, STATICCALL and TRANSFER, the code cache's byte bound, the programs a
// transaction holds, the per-transaction code limit, and reloads that skip validation.
#include <initializer_list>
#include <string>
#include <vector>

#include "tenet/vm/gas.hpp"
#include "vm_test_support.hpp"

namespace tenet::vm::testing {
namespace {

/// A container of exactly `size` bytes whose only function (STOP) is a payable `receive`;
/// `salt` makes containers of the same size distinct.
std::vector<uint8_t> padded_container(size_t size, uint16_t salt = 0) {
  Container c;
  c.receive = 0;
  FunctionInfo f;
  f.code_size = 1;
  f.flags = kFlagPayable;
  c.functions = {f};
  c.code = {0x00};  // STOP
  const size_t base = serialize_container(c).size();
  c.metadata.assign(size - base, 0);
  c.metadata[0] = static_cast<uint8_t>(salt >> 8);
  c.metadata[1] = static_cast<uint8_t>(salt);
  return serialize_container(c);
}

/// The static gas of a straight-line block of instructions.
int64_t static_gas(std::initializer_list<Op> ops) {
  int64_t gas = 0;
  for (Op op : ops) gas += op_info(op).gas;
  return gas;
}

/// 32-byte words of the largest container.
constexpr uint64_t kMaxCodeWords = ContainerLimits::kMaxContainerSize / 32;

class CodeLoading : public VmTest {
 protected:
  /// Deploys raw container bytes.
  Address deploy_bytes(const std::vector<uint8_t>& bytes) {
    ExecResult r = host.deploy(sender, bytes, 10'000'000);
    EXPECT_EQ(r.status, Status::Success) << r.reason;
    return r.created;
  }

  /// Gas used by `main(address)` with body `body` (which starts with the address on top).
  int64_t gas_of(const std::string& body, const Address& target) {
    const Address a = deploy(".fn main export=\"main(address)\"\n  PUSH 4\n  CALLDATALOAD\n" +
                             body + "  STOP\n.end\n");
    ExecResult r = call(a, calldata("main(address)", {to_word(target)}), 1'000'000);
    EXPECT_EQ(r.status, Status::Success) << r.reason;
    return 1'000'000 - r.gas_left;
  }
};

// ---- The size limit --------------------------------------------------------------------

TEST_F(CodeLoading, ContainerAtTheSizeLimitDeploys) {
  const Address a = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  EXPECT_EQ(host.get_code_size(a), 24576u);
}

TEST_F(CodeLoading, ContainerOverTheSizeLimitIsRejectedAtDeployment) {
  ExecResult r =
      host.deploy(sender, padded_container(ContainerLimits::kMaxContainerSize + 1), 10'000'000);
  EXPECT_EQ(r.status, Status::Invalid);
  EXPECT_EQ(r.reason, "container: size 24577 exceeds the limit of 24576 bytes");
  EXPECT_EQ(r.gas_left, 0);
}

// ---- The cold-access code charge ---------------------------------------------------------

TEST_F(CodeLoading, ColdBalanceAndExtcodesizePayForTheCodeTheyWarm) {
  const Address big = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  const int64_t block = static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::BALANCE, Op::POP, Op::STOP});
  const int64_t code = static_cast<int64_t>(kColdCodePerWordCost * kMaxCodeWords);
  // main's frame: max stack 1 (entry_frame_gas).
  EXPECT_EQ(gas_of("  BALANCE\n  POP\n", big), entry_frame_gas(1) + block + 2600 + code);
  EXPECT_EQ(gas_of("  EXTCODESIZE\n  POP\n", big), entry_frame_gas(1) + block + 2600 + code);
  EXPECT_EQ(cold_code_cost(24576), kColdCodePerWordCost * 768);
}

TEST_F(CodeLoading, AnAccountWithoutCodePaysNoCodeCharge) {
  const Address empty = *parse_address("0x00000000000000000000000000000000000000aa");
  const int64_t block = static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::BALANCE, Op::POP, Op::STOP});
  EXPECT_EQ(gas_of("  BALANCE\n  POP\n", empty), entry_frame_gas(1) + block + 2600);
}

TEST_F(CodeLoading, WarmAccessPaysNoCodeCharge) {
  const Address big = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  const int64_t block = static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::DUP, Op::BALANCE, Op::POP,
                                    Op::EXTCODESIZE, Op::POP, Op::STOP});
  const int64_t code = static_cast<int64_t>(kColdCodePerWordCost * kMaxCodeWords);
  EXPECT_EQ(gas_of("  DUP 0\n  BALANCE\n  POP\n  EXTCODESIZE\n  POP\n", big),
            entry_frame_gas(2) + block + 2600 + code + 100);
}

TEST_F(CodeLoading, ColdTransferPaysForTheRecipientsCode) {
  const Address big = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  const int64_t block =
      static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::PUSH0, Op::TRANSFER, Op::POP, Op::STOP});
  const int64_t code = static_cast<int64_t>(kColdCodePerWordCost * kMaxCodeWords);
  EXPECT_EQ(gas_of("  PUSH 0\n  TRANSFER\n  POP\n", big), entry_frame_gas(2) + block + 2500 + code);
}

TEST_F(CodeLoading, ColdCallAndStaticcallPayForTheCalleesCode) {
  // Forwarding 0 gas: the callee runs out of gas at once and consumes nothing.
  const Address big = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  const int64_t code = static_cast<int64_t>(kColdCodePerWordCost * kMaxCodeWords);
  const int64_t call_block =
      static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::PUSH0, Op::SWAP, Op::PUSH0, Op::PUSH0, Op::PUSH0,
                  Op::CALL, Op::POP, Op::STOP});
  EXPECT_EQ(gas_of("  PUSH 0\n  SWAP 1\n  PUSH 0\n  PUSH 0\n  PUSH 0\n  CALL\n  POP\n", big),
            entry_frame_gas(5) + call_block + 2500 + code);
  const int64_t static_block =
      static_gas({Op::PUSH1, Op::CALLDATALOAD, Op::PUSH0, Op::SWAP, Op::PUSH0, Op::PUSH0,
                  Op::STATICCALL, Op::POP, Op::STOP});
  EXPECT_EQ(gas_of("  PUSH 0\n  SWAP 1\n  PUSH 0\n  PUSH 0\n  STATICCALL\n  POP\n", big),
            entry_frame_gas(4) + static_block + 2500 + code);
}

TEST_F(CodeLoading, TheTransactionsRecipientPaysNoCodeCharge) {
  // The recipient starts warm; its code is paid by the transaction's intrinsic gas.
  const Address big = deploy_bytes(padded_container(ContainerLimits::kMaxContainerSize));
  ExecResult r = call(big, {}, 1'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(r.gas_left, 1'000'000);  // its only block is STOP: 0 gas
}

// ---- The code cache and the transaction's programs ------------------------------------------

/// Calls every address in its call data (after the count) with STATICCALL, all gas
/// forwarded, and returns how many calls succeeded.
const std::string kCallEach = R"T(
.fn run locals=2 export="run(uint256)"
  PUSH 4
  CALLDATALOAD
  LSET 0
loop:
  GAS
  LGET 0
  PUSH 32
  MUL
  PUSH 4
  ADD
  CALLDATALOAD
  PUSH 0
  PUSH 0
  STATICCALL
  LGET 1
  ADD
  LSET 1
  LGET 0
  PUSH 1
  SUB
  LTEE 0
  JUMPI loop
  LGET 1
)T" + kReturnTop + R"T(
.end
)T";

/// `run(n, addresses...)` call data for kCallEach.
std::vector<uint8_t> call_each_input(const std::vector<Address>& targets) {
  std::vector<Word> args{Word{targets.size()}};
  for (const Address& a : targets) args.push_back(to_word(a));
  return calldata("run(uint256)", args);
}

TEST(CodeCache, StaysWithinItsByteBoundAcrossManyPrograms) {
  Vm vm(VmOptions{false, 256 << 10});
  JournaledHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  std::vector<Address> deployed;
  for (uint16_t i = 0; i < 40; ++i) {
    ExecResult r = host.deploy(sender, padded_container(20'000, i), 10'000'000);
    ASSERT_EQ(r.status, Status::Success) << r.reason;
    deployed.push_back(r.created);
    EXPECT_LE(vm.code_cache_bytes_used(), size_t{256} << 10);
  }
  EXPECT_GT(vm.code_cache_bytes_used(), size_t{200} << 10);
  EXPECT_EQ(vm.load_counts().loaded, 40u);
  EXPECT_EQ(vm.load_counts().validated, 40u);
  // The first program was evicted: calling it reloads it without validating it again.
  ExecResult r = host.transact(sender, deployed.front(), {}, 100'000);
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(vm.load_counts().loaded, 41u);
  EXPECT_EQ(vm.load_counts().validated, 40u);
  EXPECT_LE(vm.code_cache_bytes_used(), size_t{256} << 10);
}

TEST(CodeCache, ATransactionLoadsEachProgramOnce) {
  // No cache at all: the programs of the running transaction are still held, so calling
  // the same contract twice loads it once; the next transaction loads it again.
  Vm vm(VmOptions{false, 0});
  JournaledHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  auto caller_code = assemble(kCallEach, "call_each.tasm");
  ASSERT_TRUE(caller_code) << caller_code.error().message;
  const Address caller = host.deploy(sender, serialize_container(*caller_code), 10'000'000).created;
  const Address callee = host.deploy(sender, padded_container(1000), 10'000'000).created;
  EXPECT_EQ(vm.code_cache_bytes_used(), 0u);
  const auto before = vm.load_counts();
  ExecResult r = host.transact(sender, caller, call_each_input({callee, callee}), 1'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{2});
  EXPECT_EQ(vm.load_counts().loaded, before.loaded + 2);  // the caller and the callee
  EXPECT_EQ(vm.load_counts().validated, before.validated);
  EXPECT_EQ(vm.transaction_code_bytes(), host.get_code_size(caller) + 1000);
  host.transact(sender, caller, call_each_input({callee}), 1'000'000);
  EXPECT_EQ(vm.load_counts().loaded, before.loaded + 4);
}

/// Records the outcome of every nested frame.
class RecordingHost : public JournaledHost {
 public:
  using JournaledHost::JournaledHost;
  ExecResult call(const Message& msg) override {
    ExecResult r = JournaledHost::call(msg);
    if (msg.depth > 0) nested.push_back(r);
    return r;
  }
  std::vector<ExecResult> nested;
};

TEST(TransactionCode, TheFrameThatWouldPassOneMiBTraps) {
  Vm vm;
  RecordingHost host(vm);
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  auto caller_code = assemble(kCallEach, "call_each.tasm");
  ASSERT_TRUE(caller_code) << caller_code.error().message;
  const Address caller = host.deploy(sender, serialize_container(*caller_code), 10'000'000).created;
  // 43 distinct containers of 24 KiB: the caller and 42 of them fit in 1 MiB, the 43rd not.
  std::vector<Address> targets;
  for (uint16_t i = 0; i < 43; ++i) {
    ExecResult d =
        host.deploy(sender, padded_container(ContainerLimits::kMaxContainerSize, i), 10'000'000);
    ASSERT_EQ(d.status, Status::Success) << d.reason;
    targets.push_back(d.created);
  }
  host.nested.clear();
  ExecResult r = host.transact(sender, caller, call_each_input(targets), 30'000'000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(word_from_be(r.output.data()), Word{42});
  ASSERT_EQ(host.nested.size(), 43u);
  for (size_t i = 0; i + 1 < 43; ++i) EXPECT_EQ(host.nested[i].status, Status::Success);
  EXPECT_EQ(host.nested.back().status, Status::Trap);
  EXPECT_EQ(host.nested.back().reason, "transaction code limit of 1 MiB exceeded");
  EXPECT_EQ(host.nested.back().gas_left, 0);
  EXPECT_EQ(vm.transaction_code_bytes(), host.get_code_size(caller) + 42 * 24576);
  EXPECT_LE(vm.transaction_code_bytes(), kMaxTransactionCode);
  // A new transaction starts from zero: calling the last one alone works.
  host.nested.clear();
  r = host.transact(sender, caller, call_each_input({targets.back()}), 30'000'000);
  EXPECT_EQ(word_from_be(r.output.data()), Word{1});
}

// ---- Test mode ------------------------------------------------------------------------------

TEST(TestModeCode, ContainersUpToOneMiBDeployAndRunOnlyInTestMode) {
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  const std::vector<uint8_t> large = padded_container(ContainerLimits::kMaxTestContainerSize);
  Vm test_vm(VmOptions{true});
  JournaledHost test_host(test_vm);
  ExecResult d = test_host.deploy(sender, large, 300'000'000);
  ASSERT_EQ(d.status, Status::Success) << d.reason;
  EXPECT_EQ(test_host.get_code_size(d.created), size_t{1} << 20);
  // Its receive runs: a transaction may run more than 1 MiB of code in test mode.
  EXPECT_EQ(test_host.transact(sender, d.created, {}, 100'000).status, Status::Success);
  EXPECT_EQ(
      test_host
          .deploy(sender, padded_container(ContainerLimits::kMaxTestContainerSize + 1), 300'000'000)
          .reason,
      "container: size 1048577 exceeds the limit of 1048576 bytes");

  Vm chain_vm;
  JournaledHost chain_host(chain_vm);
  ExecResult refused = chain_host.deploy(sender, large, 300'000'000);
  EXPECT_EQ(refused.status, Status::Invalid);
  EXPECT_EQ(refused.reason, "container: size 1048576 exceeds the limit of 24576 bytes");
}

}  // namespace
}  // namespace tenet::vm::testing
