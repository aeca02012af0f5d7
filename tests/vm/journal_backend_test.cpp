/// \file
/// JournaledHost over a StateBackend: lazy loads (counted), loads are not journaled,
/// zeros shadow the backend, the change set, and the same calls giving the same status,
/// output, logs and gas as over a host holding the whole state in memory.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/state_backend.hpp"
#include "tenet/vm/vm.hpp"
#include "vm_test_support.hpp"

namespace tenet::vm {
namespace {

using testing::calldata;
using testing::kReturnTop;

/// An address whose last byte is `n`.
using testing::addr;

/// An in-memory backend that counts every load.
class FakeBackend : public StateBackend {
 public:
  std::optional<AccountRecord> load_account(const Address& address) override {
    ++account_loads;
    auto it = accounts.find(address);
    if (it == accounts.end()) return std::nullopt;
    return it->second;
  }
  Word load_storage(const Address& address, const Word& key) override {
    ++storage_loads;
    auto it = storage.find({address, key.limb});
    return it == storage.end() ? Word{} : it->second;
  }
  std::vector<uint8_t> load_code(const Hash256& code_hash) override {
    ++code_loads;
    return code.at(code_hash);
  }

  /// Puts an account with `code` (empty = none: its hash is keccak256 of no bytes).
  void put(const Address& address, const Word& balance, uint64_t nonce,
           const std::vector<uint8_t>& bytes = {}) {
    const Hash256 hash = keccak256(bytes);
    accounts[address] = AccountRecord{balance, nonce, hash};
    if (!bytes.empty()) code[hash] = bytes;
  }
  /// Copies every account, its code and its storage from an in-memory host.
  void copy_from(const JournaledHost& host) {
    for (const auto& [address, account] : host.accounts()) {
      put(address, account.balance, account.nonce, account.code);
      for (const auto& [key, value] : account.storage) storage[{address, key.limb}] = value;
    }
  }

  std::map<Address, AccountRecord> accounts;
  std::map<std::pair<Address, std::array<uint64_t, 4>>, Word> storage;
  std::map<Hash256, std::vector<uint8_t>> code;
  int account_loads = 0;
  int storage_loads = 0;
  int code_loads = 0;
};

class JournalBackendTest : public ::testing::Test {
 protected:
  Vm vm_;
  FakeBackend backend_;
};

TEST_F(JournalBackendTest, AccountsAndSlotsLoadOnceOnFirstAccess) {
  backend_.put(addr(1), Word{500}, 3, {0x01, 0x02});
  backend_.storage[{addr(1), Word{7}.limb}] = Word{70};
  JournaledHost host(vm_, {}, &backend_);
  EXPECT_EQ(backend_.account_loads, 0);
  EXPECT_EQ(host.get_balance(addr(1)), Word{500});
  EXPECT_EQ(host.get_balance(addr(1)), Word{500});
  EXPECT_EQ(host.get_code_size(addr(1)), 2u);
  EXPECT_EQ(host.find_account(addr(1))->nonce, 3u);
  EXPECT_EQ(host.find_account(addr(1))->code_hash, keccak256(std::vector<uint8_t>{0x01, 0x02}));
  EXPECT_EQ(backend_.account_loads, 1);
  EXPECT_EQ(backend_.code_loads, 1);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{70});
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{70});
  EXPECT_EQ(host.get_storage(addr(1), Word{8}), Word{});
  EXPECT_EQ(host.get_storage(addr(1), Word{8}), Word{});
  EXPECT_EQ(backend_.storage_loads, 2);
  EXPECT_EQ(host.checkpoint(), 0u);  // loads are not changes
  EXPECT_TRUE(host.changes().accounts.empty());
}

TEST_F(JournalBackendTest, MissingAccountIsAskedOnceAndItsStorageNever) {
  JournaledHost host(vm_, {}, &backend_);
  EXPECT_EQ(host.find_account(addr(2)), nullptr);
  EXPECT_EQ(host.get_balance(addr(2)), Word{});
  EXPECT_EQ(host.get_storage(addr(2), Word{1}), Word{});
  EXPECT_EQ(backend_.account_loads, 1);
  EXPECT_EQ(backend_.storage_loads, 0);
  EXPECT_EQ(backend_.code_loads, 0);
  EXPECT_TRUE(host.accounts().empty());
}

TEST_F(JournalBackendTest, AccountWithoutCodeLoadsNoCode) {
  backend_.put(addr(1), Word{1}, 0);
  backend_.accounts[addr(2)] = AccountRecord{Word{2}, 0, Hash256{}};  // zero hash = no code
  JournaledHost host(vm_, {}, &backend_);
  EXPECT_EQ(host.get_code_size(addr(1)), 0u);
  EXPECT_EQ(host.get_code_size(addr(2)), 0u);
  EXPECT_EQ(host.find_account(addr(1))->code_hash, Hash256{});
  EXPECT_EQ(backend_.code_loads, 0);
}

TEST_F(JournalBackendTest, RollbackAfterLoadKeepsTheLoadedValues) {
  backend_.put(addr(1), Word{500}, 3);
  backend_.storage[{addr(1), Word{7}.limb}] = Word{70};
  JournaledHost host(vm_, {}, &backend_);
  const Checkpoint cp = host.checkpoint();
  host.set_balance(addr(1), Word{9});  // loads, then journals the change
  host.set_nonce(addr(1), 4);
  EXPECT_EQ(host.set_storage(addr(1), Word{7}, Word{71}), StorageChange::Modified);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{71});
  host.rollback(cp);
  EXPECT_EQ(host.get_balance(addr(1)), Word{500});
  EXPECT_EQ(host.find_account(addr(1))->nonce, 3u);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{70});
  EXPECT_EQ(backend_.account_loads, 1);
  EXPECT_EQ(backend_.storage_loads, 1);
}

TEST_F(JournalBackendTest, CreatedAccountIsRolledBackAndNotAskedAgain) {
  JournaledHost host(vm_, {}, &backend_);
  const Checkpoint cp = host.checkpoint();
  host.set_balance(addr(3), Word{5});
  EXPECT_EQ(host.set_storage(addr(3), Word{1}, Word{2}), StorageChange::Added);
  host.rollback(cp);
  EXPECT_EQ(host.find_account(addr(3)), nullptr);
  EXPECT_EQ(host.get_storage(addr(3), Word{1}), Word{});
  EXPECT_EQ(backend_.account_loads, 1);
  EXPECT_EQ(backend_.storage_loads, 0);
}

TEST_F(JournalBackendTest, WrittenZeroShadowsTheBackend) {
  backend_.put(addr(1), Word{1}, 1);
  backend_.storage[{addr(1), Word{7}.limb}] = Word{70};
  JournaledHost host(vm_, {}, &backend_);
  host.begin_transaction(addr(9));
  EXPECT_EQ(host.set_storage(addr(1), Word{7}, Word{}), StorageChange::Modified);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{});
  const auto& storage = host.find_account(addr(1))->storage;
  ASSERT_EQ(storage.count(Word{7}), 1u);  // the zero is kept
  EXPECT_EQ(storage.at(Word{7}), Word{});
  EXPECT_EQ(backend_.storage_loads, 1);
  // Written back within the same transaction: judged against the loaded original.
  EXPECT_EQ(host.set_storage(addr(1), Word{7}, Word{70}), StorageChange::Dirty);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{70});
}

TEST_F(JournalBackendTest, RollbackAfterAZeroWriteKeepsTheShadowingZero) {
  backend_.put(addr(1), Word{1}, 1);
  backend_.storage[{addr(1), Word{7}.limb}] = Word{70};
  JournaledHost host(vm_, {}, &backend_);
  host.set_storage(addr(1), Word{7}, Word{});
  const Checkpoint cp = host.checkpoint();
  host.set_storage(addr(1), Word{7}, Word{5});
  host.rollback(cp);
  EXPECT_EQ(host.get_storage(addr(1), Word{7}), Word{});  // still shadowed
  EXPECT_EQ(backend_.storage_loads, 1);
}

TEST_F(JournalBackendTest, ChangeSetListsWritesUntilCleared) {
  backend_.put(addr(1), Word{100}, 0);
  JournaledHost host(vm_, {}, &backend_);
  host.get_balance(addr(4));  // a read: not listed
  host.get_storage(addr(1), Word{3});
  EXPECT_TRUE(host.transfer(addr(1), addr(2), Word{10}));
  host.set_storage(addr(5), Word{3}, Word{4});
  host.set_nonce(addr(6), 2);
  using Slot = std::pair<Address, std::array<uint64_t, 4>>;
  EXPECT_EQ(host.changes().accounts, (std::set<Address>{addr(1), addr(2), addr(5), addr(6)}));
  EXPECT_EQ(host.changes().slots, (std::set<Slot>{{addr(5), Word{3}.limb}}));
  host.clear_changes();
  EXPECT_TRUE(host.changes().accounts.empty());
  EXPECT_TRUE(host.changes().slots.empty());
  EXPECT_EQ(host.get_balance(addr(2)), Word{10});  // clearing keeps the state
}

TEST_F(JournalBackendTest, RolledBackWriteMayStayListed) {
  JournaledHost host(vm_, {}, &backend_);
  const Checkpoint cp = host.checkpoint();
  host.set_storage(addr(5), Word{3}, Word{4});
  host.rollback(cp);
  EXPECT_EQ(host.changes().accounts, (std::set<Address>{addr(5)}));
  EXPECT_EQ(host.changes().slots.size(), 1u);
}

TEST_F(JournalBackendTest, WithoutBackendZerosAreStillErasedAndChangesListed) {
  JournaledHost host(vm_);
  host.set_storage(addr(1), Word{1}, Word{2});
  host.set_storage(addr(1), Word{1}, Word{});
  EXPECT_TRUE(host.find_account(addr(1))->storage.empty());
  EXPECT_EQ(host.changes().accounts, (std::set<Address>{addr(1)}));
}

/// A counter: the constructor sets slot 1 to 100; bump() increments slot 1, clears slot 2,
/// logs the new value as a topic and returns it.
const std::string kCounter = R"T(
.constructor init
.fn init
  PUSH 1
  PUSH 100
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
  PUSH 2
  PUSH 0
  SSTORE
  PUSH 0
  PUSH 0
  PUSH 1
  SLOAD
  LOG1
  PUSH 1
  SLOAD
)T" + kReturnTop + ".end\n";

/// Deploys a counter and bumps it (and another one) on `host`; returns the results.
std::vector<ExecResult> deploy_and_bump(JournaledHost& host, const Address& sender,
                                        const Address& counter, const std::vector<uint8_t>& code) {
  std::vector<ExecResult> results;
  results.push_back(host.deploy(sender, code, 1'000'000));
  results.push_back(host.transact(sender, counter, calldata("bump()"), 1'000'000));
  results.push_back(host.transact(sender, results[0].created, calldata("bump()"), 1'000'000));
  results.push_back(host.transact(sender, counter, calldata("bump()"), 1'000'000));
  return results;
}

TEST_F(JournalBackendTest, SameCallsGiveSameResultsAndGasAsInMemory) {
  auto container = assemble(kCounter, "counter.tasm");
  ASSERT_TRUE(container.ok()) << container.error().message;
  const std::vector<uint8_t> code = serialize_container(*container);
  const Address sender = addr(0x51);

  // The preloaded host: a funded sender, one counter deployed, slot 2 set.
  Vm memory_vm;
  JournaledHost memory(memory_vm);
  memory.set_balance(sender, Word{1'000'000'000});
  const ExecResult first = memory.deploy(sender, code, 1'000'000);
  ASSERT_EQ(first.status, Status::Success) << first.reason;
  memory.set_storage(first.created, Word{2}, Word{9});
  backend_.copy_from(memory);
  const size_t logs_before = memory.logs().size();

  JournaledHost backed(vm_, {}, &backend_);
  const std::vector<ExecResult> expected = deploy_and_bump(memory, sender, first.created, code);
  const std::vector<ExecResult> actual = deploy_and_bump(backed, sender, first.created, code);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(actual[i].status, Status::Success) << actual[i].reason;
    EXPECT_EQ(actual[i].status, expected[i].status);
    EXPECT_EQ(actual[i].gas_left, expected[i].gas_left);
    EXPECT_EQ(actual[i].output, expected[i].output);
    EXPECT_EQ(actual[i].created, expected[i].created);
  }
  EXPECT_EQ(testing::be(Word{102}), actual[3].output);
  const std::vector<LogEntry> memory_logs(memory.logs().begin() + logs_before, memory.logs().end());
  EXPECT_EQ(backed.logs(), memory_logs);
  EXPECT_EQ(backed.logs().size(), 3u);
  for (const Address& a : {sender, first.created, expected[0].created}) {
    EXPECT_EQ(backed.get_balance(a), memory.get_balance(a));
    EXPECT_EQ(backed.find_account(a)->nonce, memory.find_account(a)->nonce);
    for (uint64_t slot : {1, 2, 3})
      EXPECT_EQ(backed.get_storage(a, Word{slot}), memory.get_storage(a, Word{slot}));
  }
  EXPECT_EQ(backend_.code_loads, 1);     // the deployed counter's code, once
  EXPECT_EQ(backend_.account_loads, 3);  // sender, counter, the new contract's address
  EXPECT_EQ(backed.changes().accounts,
            (std::set<Address>{sender, first.created, expected[0].created}));
}

}  // namespace
}  // namespace tenet::vm
