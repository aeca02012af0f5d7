/// \file
/// JournaledHost: the journal and rollback at nested checkpoints, storage-change
/// classification, warm/cold access, transfers, logs, nested calls and creations.

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"
#include "tenet/vm/word.hpp"
#include "vm_test_support.hpp"

namespace tenet::vm {
namespace {

/// An address whose last byte is `n`.
using testing::addr;

constexpr uint8_t kStop = 0x00;
constexpr uint8_t kRevert = 0x03;
constexpr uint8_t kPush0 = 0x10;
constexpr uint8_t kPush1 = 0x11;
constexpr uint8_t kSstore = 0x71;

/// SSTORE(1, 7) then STOP.
const std::vector<uint8_t> kStoreAndStop{kPush1, 1, kPush1, 7, kSstore, kStop};
/// SSTORE(1, 7) then REVERT with empty data.
const std::vector<uint8_t> kStoreAndRevert{kPush1, 1, kPush1, 7, kSstore, kPush0, kPush0, kRevert};

/// A container of one function with `body`, used as the constructor or exported
/// under `selector`.
std::vector<uint8_t> one_function(const std::vector<uint8_t>& body, uint8_t flags,
                                  bool as_constructor, std::array<uint8_t, 4> selector = {}) {
  Container c;
  FunctionInfo fn;
  fn.code_size = static_cast<uint32_t>(body.size());
  fn.max_stack = 2;
  fn.flags = flags;
  c.functions.push_back(fn);
  c.code = body;
  if (as_constructor) {
    c.constructor = 0;
  } else {
    c.exports.push_back(ExportEntry{selector, 0});
  }
  return serialize_container(c);
}

/// A container whose constructor is a single STOP.
std::vector<uint8_t> stop_constructor(uint8_t flags = 0) {
  return one_function({kStop}, flags, true);
}

class JournalTest : public ::testing::Test {
 protected:
  Vm vm_;
  JournaledHost host_{vm_};
};

// ---- Block hashes ------------------------------------------------------------------------

/// A Host that implements only what it must: block_hash keeps the interface's default.
class MinimalHost : public Host {
 public:
  Word get_storage(const Address&, const Word&) override { return {}; }
  StorageChange set_storage(const Address&, const Word&, const Word&) override {
    return StorageChange::Unchanged;
  }
  Word get_balance(const Address&) override { return {}; }
  size_t get_code_size(const Address&) override { return 0; }
  Access access_account(const Address&) override { return Access::Warm; }
  Access access_storage(const Address&, const Word&) override { return Access::Warm; }
  bool transfer(const Address&, const Address&, const Word&) override { return false; }
  void emit_log(const Address&, std::span<const uint8_t>, std::span<const Word>) override {}
  TxContext tx_context() override { return {}; }
  ExecResult call(const Message&) override { return {}; }
};

TEST(HostDefaults, BlockHashIsZero) {
  MinimalHost host;
  EXPECT_EQ(host.block_hash(0), Word{});
  EXPECT_EQ(host.block_hash(12345), Word{});
}

TEST_F(JournalTest, BlockHashesComeFromTheLookupAndAreZeroWithoutOne) {
  EXPECT_EQ(host_.block_hash(7), Word{});
  host_.set_block_hashes([](uint64_t n) { return Word{n * 100}; });
  EXPECT_EQ(host_.block_hash(7), Word{700});
  const Checkpoint cp = host_.checkpoint();
  host_.set_balance(addr(1), Word{5});
  host_.rollback(cp);  // not state: a rollback keeps the lookup
  EXPECT_EQ(host_.block_hash(8), Word{800});
  host_.set_block_hashes({});
  EXPECT_EQ(host_.block_hash(7), Word{});
}

// ---- Reads of missing accounts -----------------------------------------------------------

TEST_F(JournalTest, ReadsOfMissingAccountDoNotCreateIt) {
  EXPECT_EQ(host_.get_storage(addr(1), Word{5}), Word{});
  EXPECT_EQ(host_.get_balance(addr(1)), Word{});
  EXPECT_EQ(host_.get_code_size(addr(1)), 0u);
  EXPECT_EQ(host_.find_account(addr(1)), nullptr);
  EXPECT_TRUE(host_.accounts().empty());
  EXPECT_EQ(host_.checkpoint(), 0u);
}

TEST_F(JournalTest, WritingZeroToMissingAccountIsUnchangedAndCreatesNothing) {
  EXPECT_EQ(host_.set_storage(addr(1), Word{5}, Word{}), StorageChange::Unchanged);
  EXPECT_TRUE(host_.accounts().empty());
  EXPECT_EQ(host_.checkpoint(), 0u);
}

// ---- Journal and rollback ----------------------------------------------------------------

TEST_F(JournalTest, AccountCreationIsRolledBack) {
  const Checkpoint cp = host_.checkpoint();
  host_.set_balance(addr(1), Word{10});
  ASSERT_NE(host_.find_account(addr(1)), nullptr);
  EXPECT_EQ(host_.find_account(addr(1))->balance, Word{10});
  host_.rollback(cp);
  EXPECT_EQ(host_.find_account(addr(1)), nullptr);
  EXPECT_EQ(host_.checkpoint(), cp);
}

TEST_F(JournalTest, NestedCheckpointsUndoExactlyTheirOwnChanges) {
  const Checkpoint cp0 = host_.checkpoint();
  host_.set_balance(addr(1), Word{10});
  const Checkpoint cp1 = host_.checkpoint();
  host_.set_storage(addr(1), Word{1}, Word{100});
  host_.set_nonce(addr(1), 3);
  host_.set_balance(addr(1), Word{20});
  const Checkpoint cp2 = host_.checkpoint();
  host_.set_code(addr(1), {1, 2, 3});
  host_.set_storage(addr(1), Word{1}, Word{200});
  const Word topic{9};
  host_.emit_log(addr(1), std::vector<uint8_t>{0xaa}, std::span<const Word>(&topic, 1));
  host_.set_balance(addr(2), Word{5});

  host_.rollback(cp2);
  EXPECT_EQ(host_.checkpoint(), cp2);
  const Account* a = host_.find_account(addr(1));
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->code.empty());
  EXPECT_EQ(a->code_hash, Hash256{});
  EXPECT_EQ(host_.get_storage(addr(1), Word{1}), Word{100});
  EXPECT_EQ(a->nonce, 3u);
  EXPECT_EQ(a->balance, Word{20});
  EXPECT_TRUE(host_.logs().empty());
  EXPECT_EQ(host_.find_account(addr(2)), nullptr);

  host_.rollback(cp1);
  a = host_.find_account(addr(1));
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->storage.empty());
  EXPECT_EQ(a->nonce, 0u);
  EXPECT_EQ(a->balance, Word{10});

  host_.rollback(cp0);
  EXPECT_TRUE(host_.accounts().empty());
  EXPECT_EQ(host_.checkpoint(), 0u);
}

TEST_F(JournalTest, RollbackToCurrentPositionChangesNothing) {
  host_.set_balance(addr(1), Word{10});
  const Checkpoint cp = host_.checkpoint();
  host_.rollback(cp);
  EXPECT_EQ(host_.checkpoint(), cp);
  EXPECT_EQ(host_.get_balance(addr(1)), Word{10});
}

TEST_F(JournalTest, StorageKeepsOnlyNonZeroSlotsAndRollbackRestoresExactly) {
  host_.set_storage(addr(1), Word{1}, Word{7});
  host_.set_storage(addr(1), Word{2}, Word{8});
  const Checkpoint cp = host_.checkpoint();
  host_.set_storage(addr(1), Word{1}, Word{});
  EXPECT_EQ(host_.find_account(addr(1))->storage.size(), 1u);
  EXPECT_EQ(host_.find_account(addr(1))->storage.count(Word{1}), 0u);
  host_.set_storage(addr(1), Word{3}, Word{9});
  host_.rollback(cp);
  const auto& storage = host_.find_account(addr(1))->storage;
  ASSERT_EQ(storage.size(), 2u);
  EXPECT_EQ(storage.at(Word{1}), Word{7});
  EXPECT_EQ(storage.at(Word{2}), Word{8});
  EXPECT_EQ(storage.count(Word{3}), 0u);
}

TEST_F(JournalTest, SetCodeStoresKeccakAndRollbackRestoresOldCode) {
  const std::vector<uint8_t> first{1, 2, 3};
  const std::vector<uint8_t> second{4, 5};
  host_.set_code(addr(1), first);
  EXPECT_EQ(host_.get_code_size(addr(1)), 3u);
  EXPECT_EQ(host_.find_account(addr(1))->code_hash, keccak256(first));
  const Checkpoint cp = host_.checkpoint();
  host_.set_code(addr(1), second);
  EXPECT_EQ(host_.find_account(addr(1))->code_hash, keccak256(second));
  host_.rollback(cp);
  EXPECT_EQ(host_.find_account(addr(1))->code, first);
  EXPECT_EQ(host_.find_account(addr(1))->code_hash, keccak256(first));
}

// ---- Storage-change classification -------------------------------------------------------

TEST_F(JournalTest, StorageChangeClassifiesAllFourCases) {
  host_.set_storage(addr(1), Word{2}, Word{5});  // pre-existing value
  host_.begin_transaction(addr(9));
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{3}), StorageChange::Added);
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{3}), StorageChange::Unchanged);
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{4}), StorageChange::Dirty);
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{}), StorageChange::Dirty);
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{6}), StorageChange::Modified);
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{5}), StorageChange::Dirty);
  // Back at the original value: current == original again, so a further write is
  // judged against it afresh.
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{}), StorageChange::Modified);
}

TEST_F(JournalTest, StorageChangeAfterRollbackJudgesAgainstRestoredValue) {
  host_.set_storage(addr(1), Word{2}, Word{5});
  host_.begin_transaction(addr(9));
  const Checkpoint cp = host_.checkpoint();
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{3}), StorageChange::Added);
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{6}), StorageChange::Modified);
  host_.rollback(cp);
  EXPECT_EQ(host_.get_storage(addr(1), Word{1}), Word{});
  EXPECT_EQ(host_.get_storage(addr(1), Word{2}), Word{5});
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{4}), StorageChange::Added);
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{7}), StorageChange::Modified);
  EXPECT_EQ(host_.set_storage(addr(1), Word{2}, Word{8}), StorageChange::Dirty);
}

TEST_F(JournalTest, BeginTransactionResetsOriginalValues) {
  host_.begin_transaction(addr(9));
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{3}), StorageChange::Added);
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{4}), StorageChange::Dirty);
  host_.begin_transaction(addr(9));
  EXPECT_EQ(host_.set_storage(addr(1), Word{1}, Word{5}), StorageChange::Modified);
}

// ---- Warm and cold -----------------------------------------------------------------------

TEST_F(JournalTest, AccessIsColdOnceThenWarm) {
  EXPECT_EQ(host_.access_account(addr(1)), Access::Cold);
  EXPECT_EQ(host_.access_account(addr(1)), Access::Warm);
  EXPECT_EQ(host_.access_storage(addr(1), Word{1}), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(1), Word{1}), Access::Warm);
  EXPECT_EQ(host_.access_storage(addr(1), Word{2}), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(2), Word{1}), Access::Cold);
  EXPECT_TRUE(host_.accounts().empty());
}

TEST_F(JournalTest, RollbackMakesWarmedEntriesColdAgain) {
  EXPECT_EQ(host_.access_account(addr(1)), Access::Cold);
  const Checkpoint cp = host_.checkpoint();
  EXPECT_EQ(host_.access_account(addr(2)), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(1), Word{1}), Access::Cold);
  host_.rollback(cp);
  EXPECT_EQ(host_.access_account(addr(1)), Access::Warm);
  EXPECT_EQ(host_.access_account(addr(2)), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(1), Word{1}), Access::Cold);
}

TEST_F(JournalTest, BeginTransactionClearsWarmSetsAndWarmsOriginAndTarget) {
  EXPECT_EQ(host_.access_account(addr(3)), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(3), Word{1}), Access::Cold);
  const Address to = addr(2);
  host_.begin_transaction(addr(1), &to);
  EXPECT_EQ(host_.tx_context().origin, addr(1));
  EXPECT_EQ(host_.access_account(addr(1)), Access::Warm);
  EXPECT_EQ(host_.access_account(addr(2)), Access::Warm);
  EXPECT_EQ(host_.access_account(addr(3)), Access::Cold);
  EXPECT_EQ(host_.access_storage(addr(3), Word{1}), Access::Cold);
  host_.begin_transaction(addr(4));
  EXPECT_EQ(host_.tx_context().origin, addr(4));
  EXPECT_EQ(host_.access_account(addr(2)), Access::Cold);
}

// ---- Transfers ---------------------------------------------------------------------------

TEST_F(JournalTest, TransferMovesValue) {
  host_.set_balance(addr(1), Word{100});
  EXPECT_TRUE(host_.transfer(addr(1), addr(2), Word{30}));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{70});
  EXPECT_EQ(host_.get_balance(addr(2)), Word{30});
  EXPECT_TRUE(host_.transfer(addr(1), addr(2), Word{70}));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{});
  EXPECT_EQ(host_.get_balance(addr(2)), Word{100});
}

TEST_F(JournalTest, TransferWithInsufficientBalanceChangesNothing) {
  host_.set_balance(addr(1), Word{10});
  const Checkpoint cp = host_.checkpoint();
  EXPECT_FALSE(host_.transfer(addr(1), addr(2), Word{11}));
  EXPECT_FALSE(host_.transfer(addr(3), addr(2), Word{1}));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{10});
  EXPECT_EQ(host_.find_account(addr(2)), nullptr);
  EXPECT_EQ(host_.find_account(addr(3)), nullptr);
  EXPECT_EQ(host_.checkpoint(), cp);
}

TEST_F(JournalTest, ZeroTransferSucceedsWithoutCreatingAccounts) {
  EXPECT_TRUE(host_.transfer(addr(1), addr(2), Word{}));
  EXPECT_TRUE(host_.accounts().empty());
  EXPECT_EQ(host_.checkpoint(), 0u);
}

TEST_F(JournalTest, SelfTransferKeepsBalance) {
  host_.set_balance(addr(1), Word{10});
  EXPECT_TRUE(host_.transfer(addr(1), addr(1), Word{10}));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{10});
  EXPECT_FALSE(host_.transfer(addr(1), addr(1), Word{11}));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{10});
}

TEST_F(JournalTest, TransferIsRolledBack) {
  host_.set_balance(addr(1), Word{100});
  const Checkpoint cp = host_.checkpoint();
  EXPECT_TRUE(host_.transfer(addr(1), addr(2), Word{40}));
  host_.rollback(cp);
  EXPECT_EQ(host_.get_balance(addr(1)), Word{100});
  EXPECT_EQ(host_.find_account(addr(2)), nullptr);
}

TEST_F(JournalTest, TransferOfFullWordBalance) {
  const Word max{~0ull, ~0ull, ~0ull, ~0ull};
  host_.set_balance(addr(1), max);
  EXPECT_TRUE(host_.transfer(addr(1), addr(2), max));
  EXPECT_EQ(host_.get_balance(addr(1)), Word{});
  EXPECT_EQ(host_.get_balance(addr(2)), max);
}

// ---- Logs --------------------------------------------------------------------------------

TEST_F(JournalTest, LogsAreRolledBackButDebugLogsAreNot) {
  host_.keep_debug_logs(true);
  const std::vector<Word> topics{Word{1}, Word{2}};
  host_.emit_log(addr(1), std::vector<uint8_t>{0x01}, topics);
  const Checkpoint cp = host_.checkpoint();
  host_.emit_log(addr(2), std::vector<uint8_t>{0x02, 0x03}, {});
  host_.debug_log(addr(2), std::vector<uint8_t>{0xdd});
  ASSERT_EQ(host_.logs().size(), 2u);
  EXPECT_EQ(host_.logs()[1], (LogEntry{addr(2), {}, {0x02, 0x03}}));
  host_.rollback(cp);
  ASSERT_EQ(host_.logs().size(), 1u);
  EXPECT_EQ(host_.logs()[0], (LogEntry{addr(1), topics, {0x01}}));
  ASSERT_EQ(host_.debug_logs().size(), 1u);
  EXPECT_EQ(host_.debug_logs()[0], std::vector<uint8_t>{0xdd});
  EXPECT_TRUE(host_.accounts().empty());
}

// ---- call(): accounts without code -------------------------------------------------------

TEST_F(JournalTest, CallToAccountWithoutCodeSucceedsAndMovesValue) {
  host_.set_balance(addr(1), Word{100});
  Message msg;
  msg.gas = 5000;
  msg.sender = addr(1);
  msg.recipient = addr(2);
  msg.value = Word{25};
  const ExecResult r = host_.call(msg);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(r.gas_left, 5000);
  EXPECT_TRUE(r.output.empty());
  EXPECT_EQ(host_.get_balance(addr(1)), Word{75});
  EXPECT_EQ(host_.get_balance(addr(2)), Word{25});
  EXPECT_EQ(host_.access_account(addr(2)), Access::Warm);
}

TEST_F(JournalTest, CallWithoutValueToMissingAccountCreatesNothing) {
  Message msg;
  msg.gas = 100;
  msg.sender = addr(1);
  msg.recipient = addr(2);
  const ExecResult r = host_.call(msg);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(r.gas_left, 100);
  EXPECT_TRUE(host_.accounts().empty());
}

TEST_F(JournalTest, CallWithInsufficientBalanceRevertsAndChangesNothing) {
  host_.set_balance(addr(1), Word{10});
  const Checkpoint cp = host_.checkpoint();
  Message msg;
  msg.gas = 700;
  msg.sender = addr(1);
  msg.recipient = addr(2);
  msg.value = Word{11};
  const ExecResult r = host_.call(msg);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.gas_left, 700);
  EXPECT_EQ(r.reason, "insufficient balance for value transfer");
  EXPECT_EQ(host_.checkpoint(), cp);
  EXPECT_EQ(host_.get_balance(addr(1)), Word{10});
  EXPECT_EQ(host_.find_account(addr(2)), nullptr);
  EXPECT_EQ(host_.access_account(addr(2)), Access::Cold);
}

TEST_F(JournalTest, CallDepthLimit) {
  Message msg;
  msg.gas = 300;
  msg.sender = addr(1);
  msg.recipient = addr(2);
  msg.depth = kMaxCallDepth;
  EXPECT_EQ(host_.call(msg).status, Status::Success);
  msg.depth = kMaxCallDepth + 1;
  const ExecResult r = host_.call(msg);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.gas_left, 300);
  EXPECT_EQ(r.reason, "call depth limit of 1024 exceeded");
}

TEST_F(JournalTest, TransactIncrementsNonceAndWarmsTarget) {
  host_.set_nonce(addr(1), 4);
  const ExecResult r = host_.transact(addr(1), addr(2), {}, 1000);
  EXPECT_EQ(r.status, Status::Success);
  EXPECT_EQ(r.gas_left, 1000);
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 5u);
  EXPECT_EQ(host_.tx_context().origin, addr(1));
  EXPECT_EQ(host_.access_account(addr(2)), Access::Warm);
}

// ---- call(): code execution --------------------------------------------------------------

TEST_F(JournalTest, CallRunsExportedFunctionAndKeepsItsChanges) {
  const std::array<uint8_t, 4> sel{0x12, 0x34, 0x56, 0x78};
  host_.set_code(addr(2), one_function(kStoreAndStop, 0, false, sel));
  const ExecResult r = host_.transact(addr(1), addr(2), sel, 100000);
  EXPECT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_GT(r.gas_left, 0);
  EXPECT_LT(r.gas_left, 100000);
  EXPECT_EQ(host_.get_storage(addr(2), Word{1}), Word{7});
}

TEST_F(JournalTest, RevertedCallLosesStorageAndValue) {
  const std::array<uint8_t, 4> sel{0x12, 0x34, 0x56, 0x78};
  host_.set_code(addr(2), one_function(kStoreAndRevert, kFlagPayable, false, sel));
  host_.set_balance(addr(1), Word{50});
  const ExecResult r = host_.transact(addr(1), addr(2), sel, 100000, Word{20});
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(host_.get_storage(addr(2), Word{1}), Word{});
  EXPECT_EQ(host_.get_balance(addr(1)), Word{50});
  EXPECT_EQ(host_.get_balance(addr(2)), Word{});
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 1u);  // the transaction's nonce stays
}

TEST_F(JournalTest, RefusedValueToNonPayableFunctionReturnsValue) {
  const std::array<uint8_t, 4> sel{0x12, 0x34, 0x56, 0x78};
  host_.set_code(addr(2), one_function(kStoreAndStop, 0, false, sel));
  host_.set_balance(addr(1), Word{50});
  const ExecResult r = host_.transact(addr(1), addr(2), sel, 100000, Word{20});
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(host_.get_balance(addr(1)), Word{50});
  EXPECT_EQ(host_.get_balance(addr(2)), Word{});
  EXPECT_EQ(host_.get_storage(addr(2), Word{1}), Word{});
}

// ---- Creation ----------------------------------------------------------------------------

TEST_F(JournalTest, DeployUsesCreateAddressAndIncrementsNonce) {
  const std::vector<uint8_t> code = stop_constructor();
  const ExecResult first = host_.deploy(addr(1), code, 100000);
  ASSERT_EQ(first.status, Status::Success) << first.reason;
  EXPECT_EQ(first.created, create_address(addr(1), 0));
  // The constructor's frame (2 stack words) is all it pays.
  EXPECT_EQ(first.gas_left, 100000 - testing::entry_frame_gas(2));
  const Account* c = host_.find_account(first.created);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->code, code);
  EXPECT_EQ(c->code_hash, keccak256(code));
  EXPECT_EQ(c->nonce, 1u);
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 1u);
  EXPECT_EQ(host_.access_account(first.created), Access::Warm);

  const ExecResult second = host_.deploy(addr(1), code, 100000);
  ASSERT_EQ(second.status, Status::Success) << second.reason;
  EXPECT_EQ(second.created, create_address(addr(1), 1));
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 2u);
}

TEST_F(JournalTest, DeployStoresOnlyTheContainerNotTheArguments) {
  const std::vector<uint8_t> code = stop_constructor();
  std::vector<uint8_t> data = code;
  data.insert(data.end(), {0xde, 0xad, 0xbe, 0xef});
  const ExecResult r = host_.deploy(addr(1), data, 100000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host_.find_account(r.created)->code, code);
}

TEST_F(JournalTest, DeployWithValueToPayableConstructor) {
  host_.set_balance(addr(1), Word{100});
  const ExecResult r = host_.deploy(addr(1), stop_constructor(kFlagPayable), 100000, Word{40});
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host_.get_balance(addr(1)), Word{60});
  EXPECT_EQ(host_.get_balance(r.created), Word{40});
}

TEST_F(JournalTest, DeployOfMalformedContainerIsInvalid) {
  const std::vector<uint8_t> junk{0x01, 0x02, 0x03};
  const ExecResult r = host_.deploy(addr(1), junk, 100000);
  EXPECT_EQ(r.status, Status::Invalid);
  EXPECT_EQ(r.gas_left, 0);
  EXPECT_FALSE(r.reason.empty());
  EXPECT_TRUE(host_.accounts().empty());
}

TEST_F(JournalTest, FailedConstructorKeepsOnlyTheNonceIncrement) {
  const ExecResult r = host_.deploy(addr(1), one_function(kStoreAndRevert, 0, true), 100000);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.created, Address{});
  const Address target = create_address(addr(1), 0);
  EXPECT_EQ(host_.find_account(target), nullptr);
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 1u);
  const ExecResult next = host_.deploy(addr(1), stop_constructor(), 100000);
  EXPECT_EQ(next.created, create_address(addr(1), 1));
}

TEST_F(JournalTest, SuccessfulConstructorKeepsItsStorage) {
  const ExecResult r = host_.deploy(addr(1), one_function(kStoreAndStop, 0, true), 100000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(host_.get_storage(r.created, Word{1}), Word{7});
}

TEST_F(JournalTest, CreateWithInsufficientBalanceReverts) {
  host_.set_balance(addr(1), Word{5});
  const ExecResult r = host_.deploy(addr(1), stop_constructor(kFlagPayable), 1234, Word{6});
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.gas_left, 1234);
  EXPECT_EQ(r.reason, "insufficient balance for value transfer");
  EXPECT_EQ(host_.find_account(create_address(addr(1), 0)), nullptr);
  EXPECT_EQ(host_.get_balance(addr(1)), Word{5});
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 1u);
}

TEST_F(JournalTest, CreateCollisionConsumesAllGas) {
  const Address target = create_address(addr(1), 0);
  host_.set_nonce(target, 1);
  const ExecResult r = host_.deploy(addr(1), stop_constructor(), 1234);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.gas_left, 0);
  EXPECT_EQ(r.reason, "contract address collision");
  EXPECT_TRUE(host_.find_account(target)->code.empty());
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 1u);

  host_.set_code(create_address(addr(1), 1), {0x00});
  const ExecResult again = host_.deploy(addr(1), stop_constructor(), 1234);
  EXPECT_EQ(again.reason, "contract address collision");
  EXPECT_EQ(host_.find_account(addr(1))->nonce, 2u);
}

TEST_F(JournalTest, CreateAtAddressWithOnlyBalanceSucceeds) {
  const Address target = create_address(addr(1), 0);
  host_.set_balance(target, Word{9});
  const ExecResult r = host_.deploy(addr(1), stop_constructor(), 100000);
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  EXPECT_EQ(r.created, target);
  EXPECT_EQ(host_.get_balance(target), Word{9});
}

TEST_F(JournalTest, CreateMessageAtDepthLimitIsRefused) {
  const std::vector<uint8_t> code = stop_constructor();
  Message msg;
  msg.kind = CallKind::Create;
  msg.depth = kMaxCallDepth + 1;
  msg.gas = 50;
  msg.sender = addr(1);
  msg.init_code = code;
  const ExecResult r = host_.call(msg);
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(r.gas_left, 50);
  EXPECT_TRUE(host_.accounts().empty());
}

}  // namespace
}  // namespace tenet::vm

// ---- The journal seen from executed code -------------------------------------------------

namespace tenet::vm::testing {
namespace {

using JournalExecution = VmTest;

TEST_F(JournalExecution, RevertedFrameRestoresClearedAndCreatedSlotsExactly) {
  const Address a = deploy(R"T(
.fn init export="init()"
  PUSH 1
  PUSH 11
  SSTORE
  STOP
.end
.fn churn export="churn()"
  PUSH 1
  PUSH 0
  SSTORE
  PUSH 2
  PUSH 22
  SSTORE
  PUSH 0
  PUSH 0
  REVERT
.end
)T");
  ASSERT_EQ(call(a, calldata("init()")).status, Status::Success);
  const auto before = host.find_account(a)->storage;
  ExecResult r = call(a, calldata("churn()"));
  EXPECT_EQ(r.status, Status::Revert);
  EXPECT_EQ(host.find_account(a)->storage, before);
  EXPECT_EQ(host.find_account(a)->storage.size(), 1u);
}

TEST_F(JournalExecution, SlotWarmedByARevertedFrameIsColdAgain) {
  // b.touch() reads slot 5 and reverts; b.read() then measures its own SLOAD of slot 5
  // (two GAS readings in one block differ by the dynamic cost only): cold again, 2100.
  const Address b = deploy(R"T(
.fn touch export="touch()"
  PUSH 5
  SLOAD
  POP
  PUSH 0
  PUSH 0
  REVERT
.end
.fn read export="read()"
  GAS
  PUSH 5
  SLOAD
  POP
  GAS
  SUB
)T" + kReturnTop + R"T(
.end
)T");
  auto call_b = [](std::string_view sig) { return call_first_arg(sig) + "  POP\n"; };
  const Address a = deploy(
      ".fn main export=\"main(address)\"\n" + call_b("touch()") + call_b("read()") +
      "  PUSH 0\n  PUSH 0\n  PUSH 32\n  RETURNDATACOPY\n  PUSH 0\n  PUSH 32\n  RETURN\n.end\n");
  ExecResult r = call(a, calldata("main(address)", {to_word(b)}));
  ASSERT_EQ(r.status, Status::Success) << r.reason;
  ASSERT_EQ(r.output.size(), 32u);
  EXPECT_EQ(word_from_be(r.output.data()), Word{2100});
}

}  // namespace
}  // namespace tenet::vm::testing
