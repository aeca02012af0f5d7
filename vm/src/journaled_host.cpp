/// \file
/// JournaledHost: the in-memory world state, its journal, and nested calls and
/// creations over it.

#include "tenet/vm/journaled_host.hpp"

#include <optional>
#include <utility>

#include "tenet/vm/container.hpp"

namespace tenet::vm {
namespace {

/// Combines lambdas into one visitor for std::visit.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

/// The key of a storage slot in the warm set and the original-value record.
std::pair<Address, std::array<uint64_t, 4>> slot_id(const Address& account, const Word& key) {
  return {account, key.limb};
}

/// Whether a backend's code hash means "no code": keccak256 of no bytes, or all zero.
bool is_no_code(const Hash256& code_hash) {
  static const Hash256 kEmptyCodeHash = keccak256(std::span<const uint8_t>{});
  return code_hash == Hash256{} || code_hash == kEmptyCodeHash;
}

/// A VM-level refusal that returns all of the frame's gas.
ExecResult refusal(const Message& msg, std::string reason) {
  return ExecResult{Status::Revert, msg.gas, {}, {}, std::move(reason)};
}

}  // namespace

JournaledHost::JournaledHost(Vm& vm, TxContext context) : JournaledHost(vm, context, nullptr) {}

JournaledHost::JournaledHost(Vm& vm, TxContext context, StateBackend* backend)
    : vm_(vm), context_(context), backend_(backend) {}

// ---- State access ------------------------------------------------------------------------

const Account* JournaledHost::find_account(const Address& account) const {
  auto it = accounts_.find(account);
  if (it != accounts_.end()) return &it->second;
  if (!backend_ || !load_account(account)) return nullptr;
  return &accounts_.at(account);
}

bool JournaledHost::load_account(const Address& account) const {
  if (absent_.count(account)) return false;
  std::optional<AccountRecord> record = backend_->load_account(account);
  if (!record) {
    absent_.insert(account);
    return false;
  }
  Account loaded;
  loaded.balance = record->balance;
  loaded.nonce = record->nonce;
  if (!is_no_code(record->code_hash)) {
    loaded.code = backend_->load_code(record->code_hash);
    loaded.code_hash = record->code_hash;
  }
  accounts_.emplace(account, std::move(loaded));
  return true;
}

Account& JournaledHost::touch(const Address& account) {
  if (backend_) find_account(account);  // an account the backend holds is loaded, not created
  auto [it, inserted] = accounts_.try_emplace(account);
  if (inserted) journal_.emplace_back(CreateEntry{account});
  mark_changed(account);
  return it->second;
}

Word JournaledHost::get_storage(const Address& account, const Word& key) {
  const Account* a = find_account(account);
  if (!a) return Word{};
  auto it = a->storage.find(key);
  if (it != a->storage.end()) return it->second;
  if (!backend_ || absent_.count(account)) return Word{};
  const Word value = backend_->load_storage(account, key);
  accounts_.at(account).storage.emplace(key, value);  // a load: no journal entry
  return value;
}

StorageChange JournaledHost::set_storage(const Address& account, const Word& key,
                                         const Word& value) {
  const Word current = get_storage(account, key);
  if (value == current) return StorageChange::Unchanged;
  const auto [orig_it, first_write] = original_.try_emplace(slot_id(account, key), current);
  const Word& original = orig_it->second;
  StorageChange change = StorageChange::Modified;
  if (!first_write && current != original) {
    change = StorageChange::Dirty;
  } else if (current.is_zero()) {
    change = StorageChange::Added;
  }
  Account& a = touch(account);
  journal_.emplace_back(StorageEntry{account, key, current});
  changes_.slots.insert(slot_id(account, key));
  if (value.is_zero() && !backend_) {
    a.storage.erase(key);
  } else {
    a.storage.insert_or_assign(key, value);
  }
  return change;
}

Word JournaledHost::get_balance(const Address& account) {
  const Account* a = find_account(account);
  return a ? a->balance : Word{};
}

size_t JournaledHost::get_code_size(const Address& account) {
  const Account* a = find_account(account);
  return a ? a->code.size() : 0;
}

Access JournaledHost::access_account(const Address& account) {
  if (!warm_accounts_.insert(account).second) return Access::Warm;
  journal_.emplace_back(WarmAccountEntry{account});
  return Access::Cold;
}

Access JournaledHost::access_storage(const Address& account, const Word& key) {
  if (!warm_slots_.insert(slot_id(account, key)).second) return Access::Warm;
  journal_.emplace_back(WarmSlotEntry{account, key});
  return Access::Cold;
}

bool JournaledHost::transfer(const Address& from, const Address& to, const Word& value) {
  if (value.is_zero()) return true;
  const Word from_balance = get_balance(from);
  if (lt(from_balance, value)) return false;
  if (from == to) return true;
  set_balance(from, sub(from_balance, value));
  set_balance(to, add(get_balance(to), value));
  return true;
}

void JournaledHost::emit_log(const Address& account, std::span<const uint8_t> data,
                             std::span<const Word> topics) {
  logs_.push_back(LogEntry{account, {topics.begin(), topics.end()}, {data.begin(), data.end()}});
  journal_.emplace_back(LogEntryAdded{});
}

void JournaledHost::debug_log(const Address& account, std::span<const uint8_t> data) {
  (void)account;
  if (keep_debug_logs_) debug_logs_.emplace_back(data.begin(), data.end());
}

void JournaledHost::set_balance(const Address& account, const Word& balance) {
  Account& a = touch(account);
  journal_.emplace_back(BalanceEntry{account, a.balance});
  a.balance = balance;
}

void JournaledHost::set_code(const Address& account, std::vector<uint8_t> code) {
  Account& a = touch(account);
  const Hash256 hash = keccak256(code);
  journal_.emplace_back(CodeEntry{account, std::move(a.code), a.code_hash});
  a.code = std::move(code);
  a.code_hash = hash;
}

void JournaledHost::set_nonce(const Address& account, uint64_t nonce) {
  Account& a = touch(account);
  journal_.emplace_back(NonceEntry{account, a.nonce});
  a.nonce = nonce;
}

// ---- Journal -----------------------------------------------------------------------------

void JournaledHost::rollback(Checkpoint cp) {
  auto with_account = [this](const Address& address, auto&& undo) {
    auto it = accounts_.find(address);
    if (it != accounts_.end()) undo(it->second);
  };
  const Overloaded undo{
      [&](BalanceEntry& e) { with_account(e.account, [&](Account& a) { a.balance = e.old; }); },
      [&](NonceEntry& e) { with_account(e.account, [&](Account& a) { a.nonce = e.old; }); },
      [&](CodeEntry& e) {
        with_account(e.account, [&](Account& a) {
          a.code = std::move(e.old);
          a.code_hash = e.old_hash;
        });
      },
      [&](StorageEntry& e) {
        with_account(e.account, [&](Account& a) {
          if (e.old.is_zero() && !backend_) {
            a.storage.erase(e.key);
          } else {
            a.storage.insert_or_assign(e.key, e.old);
          }
        });
      },
      [&](CreateEntry& e) { accounts_.erase(e.account); },
      [&](WarmAccountEntry& e) { warm_accounts_.erase(e.account); },
      [&](WarmSlotEntry& e) { warm_slots_.erase(slot_id(e.account, e.key)); },
      [&](LogEntryAdded&) {
        if (!logs_.empty()) logs_.pop_back();
      },
  };
  while (journal_.size() > cp) {
    std::visit(undo, journal_.back());
    journal_.pop_back();
  }
}

// ---- Transactions ------------------------------------------------------------------------

void JournaledHost::begin_transaction(const Address& origin, const Address* to) {
  warm_accounts_.clear();
  warm_slots_.clear();
  original_.clear();
  context_.origin = origin;
  warm_accounts_.insert(origin);
  if (to) warm_accounts_.insert(*to);
}

ExecResult JournaledHost::deploy(const Address& sender, std::span<const uint8_t> data, int64_t gas,
                                 const Word& value) {
  begin_transaction(sender);
  auto parsed = parse_container(data, max_container_size(vm_.options().test_mode));
  if (!parsed) return ExecResult{Status::Invalid, 0, {}, {}, parsed.error().message};
  Message msg;
  msg.kind = CallKind::Create;
  msg.gas = gas;
  msg.sender = sender;
  msg.value = value;
  msg.init_code = data.first(parsed->size);
  msg.input = data.subspan(parsed->size);
  return call(msg);
}

ExecResult JournaledHost::transact(const Address& sender, const Address& to,
                                   std::span<const uint8_t> input, int64_t gas, const Word& value) {
  begin_transaction(sender, &to);
  const Account* account = find_account(sender);
  set_nonce(sender, (account ? account->nonce : 0) + 1);
  Message msg;
  msg.kind = CallKind::Call;
  msg.gas = gas;
  msg.sender = sender;
  msg.recipient = to;
  msg.value = value;
  msg.input = input;
  return call(msg);
}

// ---- Frames ------------------------------------------------------------------------------

ExecResult JournaledHost::call(const Message& msg) {
  if (msg.depth > kMaxCallDepth) return refusal(msg, "call depth limit of 1024 exceeded");
  return msg.kind == CallKind::Create ? run_create(msg) : run_call(msg);
}

ExecResult JournaledHost::run_call(const Message& msg) {
  const Checkpoint cp = checkpoint();
  access_account(msg.recipient);
  if (!transfer(msg.sender, msg.recipient, msg.value)) {
    rollback(cp);
    return refusal(msg, "insufficient balance for value transfer");
  }
  const Account* recipient = find_account(msg.recipient);
  if (!recipient || recipient->code.empty())
    return ExecResult{Status::Success, msg.gas, {}, {}, {}};
  // By reference: std::map nodes are stable, and the recipient's code cannot change while
  // its frame runs (only a creation sets code, on an account without any, and a rollback
  // inside the frame undoes only what the frame's callees did). The VM reads the bytes
  // only when its program is not loaded already.
  const Hash256 code_hash = recipient->code_hash;
  ExecResult result = vm_.execute(*this, msg, recipient->code, code_hash);
  if (result.status != Status::Success) rollback(cp);
  return result;
}

ExecResult JournaledHost::run_create(const Message& msg) {
  const Account* sender = find_account(msg.sender);
  const uint64_t nonce = sender ? sender->nonce : 0;
  const Address created = create_address(msg.sender, nonce);
  set_nonce(msg.sender, nonce + 1);  // survives a failed creation
  const Checkpoint cp = checkpoint();
  if (const Account* target = find_account(created);
      target && (!target->code.empty() || target->nonce != 0)) {
    return ExecResult{Status::Revert, 0, {}, {}, "contract address collision"};
  }
  touch(created);
  set_nonce(created, 1);
  access_account(created);
  if (!transfer(msg.sender, created, msg.value)) {
    rollback(cp);
    return refusal(msg, "insufficient balance for value transfer");
  }
  Message child = msg;
  child.recipient = created;
  ExecResult result = vm_.execute(*this, child, msg.init_code, keccak256(msg.init_code));
  if (result.status != Status::Success) {
    rollback(cp);
    return result;
  }
  set_code(created, {msg.init_code.begin(), msg.init_code.end()});
  result.created = created;
  return result;
}

}  // namespace tenet::vm
