/// \file
/// The node's StateBackend (trie_backend.hpp): reads through a StateView, with the pending
/// overrides laid over it.

#include "tenet/node/state/trie_backend.hpp"

#include <utility>

namespace tenet::node {

TrieBackend::TrieBackend(const StateView& view, const std::vector<StateOverride>* overlay)
    : view_(view), overlay_(overlay) {}

std::optional<vm::AccountRecord> TrieBackend::load_account(const Address& address) {
  std::optional<vm::AccountRecord> record;
  auto stored = view_.account(address);
  if (!stored) {
    fail(stored.error());
  } else if (*stored) {
    record = vm::AccountRecord{(*stored)->balance, (*stored)->nonce, (*stored)->code_hash};
  }
  if (!overlay_) return record;
  for (const StateOverride& o : *overlay_) {
    if (o.address != address) continue;
    // Any override makes the account exist (a slot set on a new account must be readable).
    if (!record) record = vm::AccountRecord{Word{}, 0, kEmptyCodeHash};
    switch (o.kind) {
      case StateOverride::Kind::Balance:
        record->balance = o.value;
        break;
      case StateOverride::Kind::Nonce:
        record->nonce = o.value.low64();
        break;
      case StateOverride::Kind::Code:
        record->code_hash = vm::keccak256(o.code);
        break;
      case StateOverride::Kind::Storage:
        break;
    }
  }
  return record;
}

Word TrieBackend::load_storage(const Address& address, const Word& key) {
  if (overlay_) {
    for (auto it = overlay_->rbegin(); it != overlay_->rend(); ++it) {
      if (it->kind == StateOverride::Kind::Storage && it->address == address && it->key == key)
        return it->value;
    }
  }
  auto value = view_.storage(address, key);
  if (!value) {
    fail(value.error());
    return Word{};
  }
  return *value;
}

std::vector<uint8_t> TrieBackend::load_code(const Hash256& code_hash) {
  if (overlay_) {
    for (const StateOverride& o : *overlay_) {
      if (o.kind == StateOverride::Kind::Code && !o.code.empty() &&
          vm::keccak256(o.code) == code_hash)
        return o.code;
    }
  }
  auto code = view_.code_by_hash(code_hash);
  if (!code) {
    fail(code.error());
    return {};
  }
  return std::move(*code);
}

void TrieBackend::fail(const vm::Error& error) {
  if (failed_) return;
  failed_ = true;
  error_ = error;
}

}  // namespace tenet::node
