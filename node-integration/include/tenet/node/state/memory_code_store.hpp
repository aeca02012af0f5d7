#pragma once
/// \file
/// Contract code in a map: both a `CodeReader` and a `CodeSink`, for tests, the conformance
/// suite's node host and anything that commits state without a database.

#include <cstddef>
#include <map>
#include <optional>

#include "tenet/node/state/state_view.hpp"

namespace tenet::node {

/// An in-memory code store: every code put stays readable by its hash.
class MemoryCodeStore : public CodeReader, public CodeSink {
 public:
  /// The code stored under `code_hash`, if any.
  std::optional<Bytes> code(const Hash256& code_hash) const override {
    auto it = codes_.find(code_hash);
    if (it == codes_.end()) return std::nullopt;
    return it->second;
  }
  /// Stores `code` under `code_hash` (counted in puts()).
  void put_code(const Hash256& code_hash, ByteView code) override {
    ++puts_;
    codes_[code_hash] = Bytes(code.begin(), code.end());
  }
  /// How many distinct codes are stored.
  std::size_t size() const { return codes_.size(); }
  /// How many times put_code was called.
  std::size_t puts() const { return puts_; }

 private:
  std::map<Hash256, Bytes> codes_;
  std::size_t puts_ = 0;
};

}  // namespace tenet::node
