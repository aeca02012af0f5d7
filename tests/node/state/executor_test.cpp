// execute_transaction, simulate_call, estimate_gas: refusals that leave the host unchanged,
// exact gas (21,000 for a transfer; + cold_code_cost of the recipient's code for a call),
// fees (effective price, refund, coinbase tip, burnt base fee), creations with constructor
// arguments, failed transactions keeping nonce and fee, access lists, the warm coinbase.

#include "tenet/node/state/executor.hpp"

#include <gtest/gtest.h>

#include "state_support.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node::test {
namespace {

/// Assembly that returns the word on top of the stack as 32 bytes.
const std::string kReturnWord = "  PUSH 0\n  SWAP 1\n  MSTORE\n  PUSH 0\n  PUSH 32\n  RETURN\n";

/// A counter: the constructor stores its argument (the first word after the container) in
/// slot 1; bump() adds one, logs the new value as a topic and returns it; fail() writes slot
/// 2, logs and reverts with 0xbeef; trap() traps; read() returns slot 5; stop() stops;
/// coinbase() reads the coinbase's balance.
const std::string kCounter = R"T(
.constructor init
.fn init
  PUSH 1
  PUSH 0
  CALLDATALOAD
  SSTORE
  STOP
.end
.fn bump export="bump()"
  PUSH 1
  PUSH 1
  SLOAD
  PUSH 1
  ADD
  SSTORE
  PUSH 0
  PUSH 0
  PUSH 1
  SLOAD
  LOG1
  PUSH 1
  SLOAD
)T" + kReturnWord + R"T(
.end
.fn fail export="fail()"
  PUSH 2
  PUSH 9
  SSTORE
  PUSH 0
  PUSH 0
  PUSH 1
  LOG1
  PUSH 0
  PUSH 0xbeef
  MSTORE
  PUSH 30
  PUSH 2
  REVERT
.end
.fn trap export="trap()"
  TRAP
.end
.fn read export="read()"
  PUSH 5
  SLOAD
)T" + kReturnWord + R"T(
.end
.fn stop export="stop()"
  STOP
.end
.fn coinbase export="coinbase()"
  COINBASE
  BALANCE
  POP
  STOP
.end
)T";

/// A constructor that reverts.
const std::string kRevertingConstructor = R"T(
.constructor init
.fn init
  PUSH 0
  PUSH 0
  REVERT
.end
.fn stop export="stop()"
  STOP
.end
)T";

/// The container of `source` (fails the test on an assembler error).
Bytes assembled(const std::string& source, bool allow_cheats = false) {
  auto c = vm::assemble(source, "test.tasm", {}, vm::ValidationOptions{allow_cheats});
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

/// Call data: the selector of `signature`.
Bytes selector(std::string_view signature) {
  const auto s = vm::selector_of(signature);
  return Bytes(s.begin(), s.end());
}

/// The 32 big-endian bytes of a word.
Bytes word_bytes(const Word& w) {
  const auto be = vm::word_to_be(w);
  return Bytes(be.begin(), be.end());
}

/// 1 gwei × n.
Word gwei(uint64_t n) {
  return Word{n * 1'000'000'000ULL};
}

class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest() {
    block_.number = 1;
    block_.timestamp = 1'000;
    block_.gas_limit = 30'000'000;
    block_.coinbase = state_addr(0xcb);
    block_.base_fee = gwei(1);
    block_.chain_id = Word{31337};
    HostOver h(vm_, world_);
    h.host.set_balance(sender_, ether(10));
    world_.commit(h.host);
  }

  /// A type-2 transaction from the sender: max fee 3 gwei, tip 1 gwei (price 2 gwei at a
  /// base fee of 1 gwei).
  Transaction tx(std::optional<Address> to, Bytes data, uint64_t gas, uint64_t nonce,
                 Word value = Word{}) const {
    Transaction t;
    t.type = TxType::DynamicFee;
    t.chain_id = 31337;
    t.nonce = nonce;
    t.gas_limit = gas;
    t.max_fee = gwei(3);
    t.max_priority_fee = gwei(1);
    t.to = to;
    t.data = std::move(data);
    t.value = value;
    return t;
  }

  /// Deploys the counter with constructor argument `initial` (nonce 0) and commits.
  Address deploy_counter(uint64_t initial = 100) {
    Bytes data = assembled(kCounter);
    counter_size_ = data.size();
    const auto arg = vm::word_to_be(Word{initial});
    data.insert(data.end(), arg.begin(), arg.end());
    HostOver h(vm_, world_);
    auto out = execute_transaction(h.host, block_, tx(std::nullopt, data, 1'000'000, 0), sender_,
                                   block_.gas_limit);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message());
    EXPECT_EQ(out->status, vm::Status::Success) << out->reason;
    world_.commit(h.host);
    return *out->contract_address;
  }

  /// Runs one transaction on a fresh host over the world and commits it.
  Result<TxOutcome, Refusal> run(const Transaction& t) {
    HostOver h(vm_, world_);
    auto out = execute_transaction(h.host, block_, t, sender_, block_.gas_limit);
    if (out.ok()) world_.commit(h.host);
    return out;
  }

  /// The VM gas `input` costs when the counter (`code`, deployed with `initial`) is called in
  /// memory: what the node's host must charge too, plus the intrinsic gas.
  uint64_t vm_gas_in_memory(const Bytes& code, const Bytes& input, uint64_t initial) {
    vm::Vm machine;
    vm::TxContext context;
    context.coinbase = block_.coinbase;
    vm::JournaledHost memory(machine, context);
    memory.set_balance(sender_, ether(10));
    Bytes data = code;
    const auto arg = vm::word_to_be(Word{initial});
    data.insert(data.end(), arg.begin(), arg.end());
    const vm::ExecResult deployed = memory.deploy(sender_, data, 1'000'000);
    EXPECT_EQ(deployed.status, vm::Status::Success);
    // transact starts the transaction: only the sender and the recipient are warm (the
    // coinbase is not, unlike in execute_transaction).
    const vm::ExecResult r = memory.transact(sender_, deployed.created, input, 1'000'000);
    return static_cast<uint64_t>(1'000'000 - r.gas_left);
  }

  /// The intrinsic gas of a call of the counter with `input`.
  uint64_t call_intrinsic(const Address& counter, const Bytes& input) const {
    return transaction_intrinsic_gas(tx(counter, input, 0, 0), counter_size_);
  }

  Word balance(const Address& a) const {
    auto account = world_.view().account(a);
    return account.ok() && account->has_value() ? (*account)->balance : Word{};
  }
  uint64_t nonce(const Address& a) const {
    auto account = world_.view().account(a);
    return account.ok() && account->has_value() ? (*account)->nonce : 0;
  }

  vm::Vm vm_;
  MemoryWorld world_;
  BlockEnv block_;
  const Address sender_ = state_addr(0x51, 0x51);
  std::size_t counter_size_ = 0;
};

TEST(IntrinsicGas, ACallAddsTheColdCodeCostOfTheRecipient) {
  Transaction call;
  call.to = state_addr(1);
  EXPECT_EQ(transaction_intrinsic_gas(call, 0), 21'000u);
  EXPECT_EQ(transaction_intrinsic_gas(call, 1), 21'192u);
  EXPECT_EQ(transaction_intrinsic_gas(call, 1'171), 28'104u);  // bench Token: 37 words
  EXPECT_EQ(transaction_intrinsic_gas(call, 24'576), 21'000u + 768u * 192u);
  call.data = {0x00, 0x01};
  EXPECT_EQ(transaction_intrinsic_gas(call, 32), 21'000u + 4u + 16u + 192u);
  Transaction create;
  create.data = Bytes(33, 0x01);
  EXPECT_EQ(transaction_intrinsic_gas(create, 24'576), 21'000u + 32'000u + 33u * 16u + 2u * 2u);
}

TEST_F(ExecutorTest, ATransferUses21000GasAndPaysTheFees) {
  const Address to = state_addr(0x70);
  auto out = run(tx(to, {}, 21'000, 0, ether(1)));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::Success);
  EXPECT_EQ(out->gas_used, 21'000u);
  EXPECT_EQ(out->effective_gas_price, gwei(2));
  EXPECT_FALSE(out->contract_address.has_value());
  // 10 ether − 1 ether − 21,000 × 2 gwei; the coinbase gets the 1 gwei tip per gas; the base
  // fee (21,000 gwei) is burnt.
  EXPECT_EQ(vm::to_decimal(balance(sender_)), "8999958000000000000");
  EXPECT_EQ(balance(to), ether(1));
  EXPECT_EQ(vm::to_decimal(balance(block_.coinbase)), "21000000000000");
  EXPECT_EQ(nonce(sender_), 1u);
}

TEST_F(ExecutorTest, TheGasLeftIsRefunded) {
  auto out = run(tx(state_addr(0x70), {}, 100'000, 0));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->gas_used, 21'000u);
  EXPECT_EQ(vm::to_decimal(balance(sender_)), "9999958000000000000");
}

TEST_F(ExecutorTest, ALegacyPriceIsPaidAsIs) {
  Transaction t = tx(state_addr(0x70), {}, 21'000, 0);
  t.type = TxType::Legacy;
  t.max_fee = t.max_priority_fee = Word{};
  t.gas_price = gwei(5);
  auto out = run(t);
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->effective_gas_price, gwei(5));
  EXPECT_EQ(vm::to_decimal(balance(sender_)), "9999895000000000000");
  EXPECT_EQ(vm::to_decimal(balance(block_.coinbase)), "84000000000000");  // 4 gwei × 21,000
}

TEST_F(ExecutorTest, RefusalsLeaveTheHostUnchanged) {
  const Address counter = deploy_counter();
  struct Case {
    Transaction t;
    uint64_t block_gas_left;
    std::string message;
  };
  Transaction low_fee = tx(counter, {}, 50'000, 1);
  low_fee.max_fee = Word{999'999'999};
  low_fee.max_priority_fee = Word{};
  const uint64_t want = 21'000 + vm::cold_code_cost(counter_size_);
  const std::vector<Case> cases = {
      {tx(counter, {}, 50'000, 0), 30'000'000,
       "nonce too low: address " + vm::to_hex(sender_) + ", tx nonce 0, state nonce 1"},
      {tx(counter, {}, 50'000, 2), 30'000'000,
       "nonce too high: address " + vm::to_hex(sender_) + ", tx nonce 2, state nonce 1"},
      {tx(counter, {}, 50'000, 1), 49'999,
       "exceeds block gas limit: gas limit 50000, block gas left 49999"},
      {low_fee, 30'000'000,
       "max fee per gas less than block base fee: max fee per gas 999999999, base fee "
       "1000000000"},
      {tx(counter, {}, 21'000, 1), 30'000'000,
       "intrinsic gas too low: have 21000, want " + std::to_string(want)},
      {tx(counter, {}, 20'000, 1), 30'000'000, "intrinsic gas too low: have 20000, want 21000"},
      {tx(counter, {}, 50'000, 1, ether(10)), 30'000'000,
       "insufficient funds for gas * price + value: address " + vm::to_hex(sender_) + " have " +
           vm::to_decimal(balance(sender_)) + " want 10000150000000000000"},
      {tx(std::nullopt, {0x01, 0x02}, 100'000, 1), 30'000'000, ""},
      {tx(std::nullopt,
          assembled(
              ".fn main export=\"main()\"\n  PUSH0\n  PUSH0\n  CHEAT 3\n  POP\n  STOP\n.end\n",
              true),
          100'000, 1),
       30'000'000, ""},
  };
  for (const Case& c : cases) {
    HostOver h(vm_, world_);
    auto out = execute_transaction(h.host, block_, c.t, sender_, c.block_gas_left);
    ASSERT_FALSE(out.ok()) << c.message;
    if (!c.message.empty()) {
      EXPECT_EQ(out.error().message(), c.message);
    }
    if (!c.t.to) {
      EXPECT_EQ(out.error().kind, RefusalKind::InvalidContainer);
      EXPECT_EQ(out.error().message().rfind("invalid container: ", 0), 0u) << out.error().message();
    }
    EXPECT_EQ(h.host.checkpoint(), 0u) << c.message;
    EXPECT_TRUE(h.host.changes().accounts.empty()) << c.message;
    EXPECT_TRUE(h.host.logs().empty());
  }
  // The cheat code is named.
  HostOver h(vm_, world_);
  auto cheat = execute_transaction(h.host, block_, cases.back().t, sender_, 30'000'000);
  ASSERT_FALSE(cheat.ok());
  EXPECT_NE(cheat.error().message().find("test-only-instruction"), std::string::npos)
      << cheat.error().message();
}

TEST_F(ExecutorTest, ACallPaysItsRecipientsCodeLoad) {
  const Address counter = deploy_counter();
  const Bytes input = selector("stop()");
  const uint64_t intrinsic = call_intrinsic(counter, input);
  const uint64_t vm_gas = vm_gas_in_memory(assembled(kCounter), input, 100);
  auto out = run(tx(counter, input, 100'000, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::Success) << out->reason;
  EXPECT_EQ(out->gas_used, intrinsic + vm_gas);
  EXPECT_EQ(vm_gas, 0u);  // STOP in a function with no locals: nothing to charge
  // 21,000 + 4 non-zero selector bytes (0x07da68f5) + 192 per word of code.
  EXPECT_EQ(input, (Bytes{0x07, 0xda, 0x68, 0xf5}));
  EXPECT_EQ(out->gas_used, 21'000u + 4u * 16u + 192u * ((counter_size_ + 31) / 32));
  // With exactly the intrinsic gas (no gas for the frame) it still succeeds.
  auto exact = run(tx(counter, input, intrinsic, 2));
  ASSERT_TRUE(exact.ok()) << exact.error().message();
  EXPECT_EQ(exact->status, vm::Status::Success);
}

TEST_F(ExecutorTest, ASuccessfulCallChangesStateAndLogs) {
  const Address counter = deploy_counter(41);
  EXPECT_EQ(*world_.view().storage(counter, Word{1}), Word{41});
  const Bytes input = selector("bump()");
  const uint64_t vm_gas = vm_gas_in_memory(assembled(kCounter), input, 41);
  auto out = run(tx(counter, input, 200'000, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  ASSERT_EQ(out->status, vm::Status::Success) << out->reason;
  EXPECT_EQ(out->gas_used, call_intrinsic(counter, input) + vm_gas);
  EXPECT_EQ(out->output, word_bytes(Word{42}));
  ASSERT_EQ(out->logs.size(), 1u);
  EXPECT_EQ(out->logs[0].address, counter);
  EXPECT_EQ(out->logs[0].topics, std::vector<Word>{Word{42}});
  EXPECT_EQ(*world_.view().storage(counter, Word{1}), Word{42});
  EXPECT_EQ(nonce(sender_), 2u);
}

TEST_F(ExecutorTest, ARevertKeepsTheNonceAndTheFeeAndUndoesTheRest) {
  const Address counter = deploy_counter();
  const Word before = balance(sender_);
  const Hash256 storage_root = (*world_.view().account(counter))->storage_root;
  auto out = run(tx(counter, selector("fail()"), 200'000, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::Revert);
  EXPECT_EQ(out->output, (Bytes{0xbe, 0xef}));
  EXPECT_TRUE(out->logs.empty());
  EXPECT_LT(out->gas_used, 200'000u);
  EXPECT_GT(out->gas_used, call_intrinsic(counter, selector("fail()")) + 20'000u);
  EXPECT_EQ(nonce(sender_), 2u);
  EXPECT_EQ(balance(sender_), vm::sub(before, vm::mul(Word{out->gas_used}, gwei(2))));
  EXPECT_EQ((*world_.view().account(counter))->storage_root, storage_root);
}

TEST_F(ExecutorTest, ATrapChargesTheWholeGasLimit) {
  const Address counter = deploy_counter();
  const Word before = balance(sender_);
  const Word coinbase_before = balance(block_.coinbase);
  auto out = run(tx(counter, selector("trap()"), 77'777, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::Trap);
  EXPECT_EQ(out->gas_used, 77'777u);
  EXPECT_EQ(nonce(sender_), 2u);
  EXPECT_EQ(balance(sender_), vm::sub(before, vm::mul(Word{77'777}, gwei(2))));
  EXPECT_EQ(balance(block_.coinbase), vm::add(coinbase_before, vm::mul(Word{77'777}, gwei(1))));
}

TEST_F(ExecutorTest, OutOfGasChargesTheWholeGasLimit) {
  const Address counter = deploy_counter();
  const uint64_t intrinsic = call_intrinsic(counter, selector("bump()"));
  auto out = run(tx(counter, selector("bump()"), intrinsic + 5'000, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::OutOfGas);
  EXPECT_EQ(out->gas_used, intrinsic + 5'000);
  EXPECT_EQ(*world_.view().storage(counter, Word{1}), Word{100});
}

TEST_F(ExecutorTest, ACreationTakesConstructorArgumentsAndNamesItsAddress) {
  const Address counter = deploy_counter(7);
  EXPECT_EQ(counter, vm::create_address(sender_, 0));
  EXPECT_EQ(nonce(sender_), 1u);
  EXPECT_EQ(nonce(counter), 1u);
  EXPECT_EQ(*world_.view().storage(counter, Word{1}), Word{7});
  EXPECT_EQ(*world_.view().code(counter), assembled(kCounter));
  EXPECT_EQ(world_.codes.size(), 1u);
}

TEST_F(ExecutorTest, ACreationsGasIsIntrinsicPlusTheConstructor) {
  Bytes data = assembled(kCounter);
  const auto arg = vm::word_to_be(Word{5});
  data.insert(data.end(), arg.begin(), arg.end());
  vm::Vm machine;
  vm::JournaledHost memory(machine);
  memory.set_balance(sender_, ether(10));
  const vm::ExecResult in_memory = memory.deploy(sender_, data, 1'000'000);
  ASSERT_EQ(in_memory.status, vm::Status::Success);
  const uint64_t constructor_gas = 1'000'000 - static_cast<uint64_t>(in_memory.gas_left);
  auto out = run(tx(std::nullopt, data, 1'000'000, 0));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->gas_used, intrinsic_gas(tx(std::nullopt, data, 0, 0)) + constructor_gas);
  EXPECT_GT(constructor_gas, 22'100u);  // a cold SSTORE of a new slot at least
}

TEST_F(ExecutorTest, AFailedCreationKeepsNonceAndFeeAndStoresNoCode) {
  const Bytes data = assembled(kRevertingConstructor);
  auto out = run(tx(std::nullopt, data, 200'000, 0));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->status, vm::Status::Revert);
  ASSERT_TRUE(out->contract_address.has_value());
  EXPECT_EQ(*out->contract_address, vm::create_address(sender_, 0));
  EXPECT_FALSE(world_.view().account(*out->contract_address)->has_value());
  EXPECT_EQ(nonce(sender_), 1u);
  EXPECT_EQ(balance(sender_), vm::sub(ether(10), vm::mul(Word{out->gas_used}, gwei(2))));
  EXPECT_EQ(world_.codes.size(), 0u);
}

TEST_F(ExecutorTest, TheAccessListWarmsSlotsAndAccounts) {
  const Address counter = deploy_counter();
  auto plain = run(tx(counter, selector("read()"), 100'000, 1));
  ASSERT_TRUE(plain.ok());
  Transaction listed = tx(counter, selector("read()"), 100'000, 2);
  listed.access_list = {{counter, {Word{5}}}};
  auto warm = run(listed);
  ASSERT_TRUE(warm.ok()) << warm.error().message();
  ASSERT_EQ(plain->status, vm::Status::Success);
  ASSERT_EQ(warm->status, vm::Status::Success);
  // The list costs 2,400 + 1,900 and saves the cold SLOAD's 2,000 over a warm one.
  EXPECT_EQ(warm->gas_used, plain->gas_used + 2'400 + 1'900 - 2'000);
}

TEST_F(ExecutorTest, TheCoinbaseStartsWarm) {
  const Address counter = deploy_counter();
  const Bytes input = selector("coinbase()");
  const uint64_t cold_vm_gas = vm_gas_in_memory(assembled(kCounter), input, 100);
  auto out = run(tx(counter, input, 100'000, 1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  ASSERT_EQ(out->status, vm::Status::Success) << out->reason;
  // BALANCE of the coinbase: warm (100) instead of cold (2,600; it has no code).
  EXPECT_EQ(out->gas_used, call_intrinsic(counter, input) + cold_vm_gas - 2'500);
}

TEST_F(ExecutorTest, TransactionsInOneHostSeeEachOther) {
  const Address counter = deploy_counter();
  HostOver h(vm_, world_);
  auto first = execute_transaction(h.host, block_, tx(counter, selector("bump()"), 200'000, 1),
                                   sender_, block_.gas_limit);
  ASSERT_TRUE(first.ok());
  auto second = execute_transaction(h.host, block_, tx(counter, selector("bump()"), 200'000, 2),
                                    sender_, block_.gas_limit - first->gas_used);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(second->output, word_bytes(Word{102}));
  ASSERT_EQ(second->logs.size(), 1u);  // only its own
  EXPECT_EQ(second->logs[0].topics, std::vector<Word>{Word{102}});
  // Refused: its gas does not fit in what the block has left.
  auto third = execute_transaction(h.host, block_, tx(counter, selector("bump()"), 200'000, 3),
                                   sender_, 199'999);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().kind, RefusalKind::ExceedsBlockGasLimit);
  world_.commit(h.host);
  EXPECT_EQ(*world_.view().storage(counter, Word{1}), Word{102});
  EXPECT_EQ(nonce(sender_), 3u);
}

TEST_F(ExecutorTest, SimulateCallChargesNothingAndChecksNoNonce) {
  const Address counter = deploy_counter();
  CallRequest request;
  request.to = counter;
  request.data = selector("bump()");
  request.gas_price = gwei(50);
  HostOver h(vm_, world_);
  const TxOutcome out = simulate_call(h.host, block_, request);
  EXPECT_EQ(out.status, vm::Status::Success) << out.reason;
  EXPECT_EQ(out.output, word_bytes(Word{101}));
  EXPECT_EQ(out.logs.size(), 1u);
  EXPECT_EQ(h.host.get_balance(Address{}), Word{});
  EXPECT_EQ(out.effective_gas_price, gwei(50));
  // The same gas as the transaction.
  auto sent = run(tx(counter, selector("bump()"), 200'000, 1));
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(out.gas_used, sent->gas_used);
  // Too little gas for the intrinsic part.
  request.gas = 21'000;
  HostOver h2(vm_, world_);
  const TxOutcome starved = simulate_call(h2.host, block_, request);
  EXPECT_EQ(starved.status, vm::Status::OutOfGas);
  EXPECT_EQ(starved.gas_used, 21'000u);
  EXPECT_EQ(starved.reason, "intrinsic gas too low: have 21000, want " +
                                std::to_string(call_intrinsic(counter, request.data)));
}

TEST_F(ExecutorTest, SimulateCallRunsACreation) {
  CallRequest request;
  request.from = sender_;
  request.data = assembled(kCounter);
  const auto arg = vm::word_to_be(Word{3});
  request.data.insert(request.data.end(), arg.begin(), arg.end());
  HostOver h(vm_, world_);
  const TxOutcome out = simulate_call(h.host, block_, request);
  EXPECT_EQ(out.status, vm::Status::Success) << out.reason;
  EXPECT_EQ(out.contract_address, vm::create_address(sender_, 0));
  request.data = {0x01};
  HostOver h2(vm_, world_);
  const TxOutcome bad = simulate_call(h2.host, block_, request);
  EXPECT_EQ(bad.status, vm::Status::Invalid);
  EXPECT_EQ(bad.reason.rfind("invalid container: ", 0), 0u) << bad.reason;
}

TEST_F(ExecutorTest, EstimateGasOfATransferIs21000) {
  CallRequest request;
  request.from = sender_;
  request.to = state_addr(0x70);
  request.value = ether(1);
  auto gas = estimate_gas(world_.view(), nullptr, block_, request, vm_);
  ASSERT_TRUE(gas.ok());
  EXPECT_EQ(*gas, 21'000u);
}

TEST_F(ExecutorTest, EstimateGasIsTheLeastLimitThatSucceeds) {
  const Address counter = deploy_counter();
  CallRequest request;
  request.from = sender_;
  request.to = counter;
  request.data = selector("bump()");
  auto gas = estimate_gas(world_.view(), nullptr, block_, request, vm_);
  ASSERT_TRUE(gas.ok());
  auto at = run(tx(counter, selector("bump()"), *gas, 1));
  ASSERT_TRUE(at.ok()) << at.error().message();
  EXPECT_EQ(at->status, vm::Status::Success);
  EXPECT_EQ(at->gas_used, *gas);
}

/// A caller that CALLs the counter's bump() with all its gas and succeeds only if the call did.
const std::string kForwarder = R"T(
.fn go export="go(address)"
  PUSH 0
  PUSH )T" + std::string("0x") +
                               "%SEL%" + R"T(
  MSTORE
  GAS
  PUSH 4
  CALLDATALOAD
  PUSH 0
  PUSH 0
  PUSH 4
  CALL
  JUMPI ok
  PUSH 0
  PUSH 0
  REVERT
ok:
  STOP
.end
)T";

TEST_F(ExecutorTest, EstimateGasCoversThe63of64Rule) {
  const Address counter = deploy_counter();
  // The selector of bump() in the top four bytes of a word.
  const auto sel = vm::selector_of("bump()");
  std::string sel_hex = vm::hex_encode(sel).substr(2) + std::string(56, '0');
  std::string source = kForwarder;
  source.replace(source.find("%SEL%"), 5, sel_hex);
  HostOver h(vm_, world_);
  auto deployed = execute_transaction(
      h.host, block_, tx(std::nullopt, assembled(source), 1'000'000, 1), sender_, block_.gas_limit);
  ASSERT_TRUE(deployed.ok()) << deployed.error().message();
  ASSERT_EQ(deployed->status, vm::Status::Success) << deployed->reason;
  world_.commit(h.host);
  const Address forwarder = *deployed->contract_address;

  CallRequest request;
  request.from = sender_;
  request.to = forwarder;
  request.data = selector("go(address)");
  const auto arg = vm::word_to_be(vm::to_word(counter));
  request.data.insert(request.data.end(), arg.begin(), arg.end());
  HostOver probe_host(vm_, world_);
  const TxOutcome at_cap = simulate_call(probe_host.host, block_, request);
  ASSERT_EQ(at_cap.status, vm::Status::Success) << at_cap.reason;
  auto gas = estimate_gas(world_.view(), nullptr, block_, request, vm_);
  ASSERT_TRUE(gas.ok());
  EXPECT_GT(*gas, at_cap.gas_used);  // the callee's 1/64 must be left over
  for (uint64_t limit : {*gas - 1, *gas}) {
    MemoryWorld copy = world_;
    HostOver run_host(vm_, copy);
    Transaction t = tx(forwarder, request.data, limit, 2);
    auto out = execute_transaction(run_host.host, block_, t, sender_, block_.gas_limit);
    ASSERT_TRUE(out.ok()) << out.error().message();
    EXPECT_EQ(out->status, limit == *gas ? vm::Status::Success : vm::Status::Revert) << limit;
  }
}

TEST_F(ExecutorTest, EstimateGasReturnsTheFailure) {
  const Address counter = deploy_counter();
  CallRequest request;
  request.from = sender_;
  request.to = counter;
  request.data = selector("fail()");
  auto gas = estimate_gas(world_.view(), nullptr, block_, request, vm_);
  ASSERT_FALSE(gas.ok());
  EXPECT_EQ(gas.error().status, vm::Status::Revert);
  EXPECT_EQ(gas.error().output, (Bytes{0xbe, 0xef}));
}

TEST_F(ExecutorTest, EstimateGasSeesTheOverlay) {
  CallRequest request;
  request.from = state_addr(0x99);
  request.to = state_addr(0x70);
  request.value = ether(1);
  auto refused = estimate_gas(world_.view(), nullptr, block_, request, vm_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status, vm::Status::Revert);
  EXPECT_EQ(refused.error().reason, "insufficient balance for value transfer");
  const std::vector<StateOverride> overlay = {
      {StateOverride::Kind::Balance, state_addr(0x99), Word{}, ether(2), {}}};
  auto gas = estimate_gas(world_.view(), &overlay, block_, request, vm_);
  ASSERT_TRUE(gas.ok());
  EXPECT_EQ(*gas, 21'000u);
}

}  // namespace
}  // namespace tenet::node::test
