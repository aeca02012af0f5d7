/// \file
/// Committing a JournaledHost's change set into the tries (commit.hpp).

#include "tenet/node/state/commit.hpp"

#include <map>
#include <set>
#include <vector>

#include "storage_value.hpp"
#include "tenet/node/trie/trie.hpp"

namespace tenet::node {
namespace {

/// Whether an account is empty in EIP-161's sense (no nonce, no balance, no code).
bool is_empty_account(const vm::Account& account) {
  return account.nonce == 0 && account.balance.is_zero() && account.code.empty();
}

/// Writes the changed slots of one account into its storage trie (at `storage_root`) and
/// returns the new root. A slot the host no longer holds was re-created empty after a
/// rollback of the account's creation: its value is zero.
Result<Hash256> commit_storage(const vm::Account& account, const std::vector<Word>& keys,
                               const NodeReader& reader, const Hash256& storage_root,
                               NodeSink& nodes) {
  SecureTrie trie(&reader, storage_root);
  for (const Word& key : keys) {
    auto it = account.storage.find(key);
    const Word value = it == account.storage.end() ? Word{} : it->second;
    const auto key_bytes = detail::slot_key(key);
    const ByteView key_view(key_bytes.data(), key_bytes.size());
    auto written = value.is_zero() ? trie.erase(key_view)
                                   : trie.put(key_view, detail::encode_storage_value(value));
    if (!written) return written.error();
  }
  return trie.commit(nodes);
}

/// The accounts to commit, each with its changed slots.
std::map<Address, std::vector<Word>> changed_accounts(const vm::ChangeSet& changes) {
  std::map<Address, std::vector<Word>> out;
  for (const Address& address : changes.accounts) out[address];
  for (const auto& [address, limbs] : changes.slots) {
    out[address].push_back(Word{limbs[0], limbs[1], limbs[2], limbs[3]});
  }
  return out;
}

}  // namespace

Result<Hash256> commit_changes(const vm::JournaledHost& host, const StateView& parent,
                               NodeSink& nodes, CodeSink& code) {
  SecureTrie state(&parent.nodes(), parent.root());
  for (const auto& [address, keys] : changed_accounts(host.changes())) {
    const vm::Account* account = host.find_account(address);
    if (!account) {
      if (auto erased = state.erase(detail::account_key(address)); !erased) return erased.error();
      continue;
    }
    auto before = parent.account(address);
    if (!before) return before.error();
    AccountState after;
    after.nonce = account->nonce;
    after.balance = account->balance;
    after.storage_root = *before ? (*before)->storage_root : kEmptyTrieRoot;
    after.code_hash = account->code.empty() ? kEmptyCodeHash : account->code_hash;
    if (!keys.empty()) {
      auto root = commit_storage(*account, keys, parent.nodes(), after.storage_root, nodes);
      if (!root) return root.error();
      after.storage_root = *root;
    }
    // EIP-161: an empty account is erased — unless it holds storage, which only an
    // anvil_setStorageAt override can give an account without code, nonce or balance (anvil
    // keeps it too).
    if (is_empty_account(*account) && after.storage_root == kEmptyTrieRoot) {
      if (auto erased = state.erase(detail::account_key(address)); !erased) return erased.error();
      continue;
    }
    if (!account->code.empty() && (!*before || (*before)->code_hash != after.code_hash))
      code.put_code(after.code_hash, account->code);
    auto written = state.put(detail::account_key(address), encode_account(after));
    if (!written) return written.error();
  }
  return state.commit(nodes);
}

}  // namespace tenet::node
