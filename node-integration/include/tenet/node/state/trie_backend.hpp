#pragma once
/// \file
/// The node's vm::StateBackend: a JournaledHost over the state at one root (a StateView),
/// optionally with pending overrides laid over it (what "latest" shows before the next block
/// applies them). A read that meets a missing node answers "absent" and sets failed(): the
/// caller discards the run and stops (the store is corrupt).

#include <vector>

#include "tenet/node/state/state_override.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/vm/state_backend.hpp"

namespace tenet::node {

/// vm::StateBackend over a StateView and an optional overlay of overrides (later overrides of
/// the same field win).
class TrieBackend : public vm::StateBackend {
 public:
  /// Reads a copy of `view` (its node and code readers must outlive the backend); `overlay`
  /// may be null, else it must outlive the backend.
  TrieBackend(const StateView& view, const std::vector<StateOverride>* overlay = nullptr);
  std::optional<vm::AccountRecord> load_account(const Address& address) override;
  Word load_storage(const Address& address, const Word& key) override;
  std::vector<uint8_t> load_code(const Hash256& code_hash) override;
  /// Whether a read met a missing or malformed node (its error is `error()`).
  bool failed() const { return failed_; }
  /// The first read error.
  const vm::Error& error() const { return error_; }

 private:
  /// Records the first read error.
  void fail(const vm::Error& error);

  StateView view_;
  const std::vector<StateOverride>* overlay_;
  bool failed_ = false;
  vm::Error error_;
};

}  // namespace tenet::node
