// BlockEnv builders (block_env.hpp): the ancestor hashes behind BLOCKHASH.

#include "tenet/node/chain/block_env.hpp"

#include <memory>
#include <mutex>
#include <vector>

#include "tenet/node/chain/base_fee.hpp"
#include "tenet/vm/gas.hpp"

namespace tenet::node {

namespace {

/// The walk shared by the copies of one lookup: `hashes[i]` is the hash of block
/// `number − 1 − i`, extended on demand.
class AncestorWalk {
 public:
  AncestorWalk(const Store& store, const Hash256& parent_hash, uint64_t number)
      : store_(store), number_(number) {
    if (number > 0) hashes_.push_back(parent_hash);
  }

  /// The hash of block `n`, or zero outside the window or past a missing header.
  Word hash_of(uint64_t n) {
    if (n >= number_ || number_ - n > vm::kBlockHashWindow) return Word{};
    const uint64_t depth = number_ - 1 - n;
    std::lock_guard<std::mutex> lock(mutex_);
    while (hashes_.size() <= depth && !broken_) extend();
    return hashes_.size() > depth ? vm::word_from_be(hashes_[depth].data()) : Word{};
  }

 private:
  /// Appends the parent of the deepest block reached so far.
  void extend() {
    const std::optional<Bytes> rlp = store_.get(Table::Header, hashes_.back());
    const Result<Header> header = rlp ? decode_header(*rlp) : Result<Header>{vm::Error{"missing"}};
    if (!header) {
      broken_ = true;
      return;
    }
    hashes_.push_back(header->parent_hash);
  }

  const Store& store_;
  const uint64_t number_;
  std::mutex mutex_;
  std::vector<Hash256> hashes_;
  bool broken_ = false;
};

}  // namespace

vm::BlockHashLookup ancestor_hashes(const Store& store, const Hash256& parent_hash,
                                    uint64_t number) {
  auto walk = std::make_shared<AncestorWalk>(store, parent_hash, number);
  return [walk](uint64_t n) { return walk->hash_of(n); };
}

BlockEnv new_block_env(const Store& store, const Header& parent, const Hash256& parent_hash,
                       const Word& chain_id) {
  const uint64_t number = parent.number + 1;
  return BlockEnv{.number = number,
                  .timestamp = parent.timestamp,
                  .gas_limit = parent.gas_limit,
                  .coinbase = parent.beneficiary,
                  .base_fee = next_base_fee(parent),
                  .chain_id = chain_id,
                  .difficulty = parent.difficulty,
                  .block_hash = ancestor_hashes(store, parent_hash, number)};
}

BlockEnv existing_block_env(const Store& store, const Header& header, const Word& chain_id) {
  return BlockEnv{.number = header.number,
                  .timestamp = header.timestamp,
                  .gas_limit = header.gas_limit,
                  .coinbase = header.beneficiary,
                  .base_fee = header.base_fee,
                  .chain_id = chain_id,
                  .difficulty = header.difficulty,
                  .block_hash = ancestor_hashes(store, header.parent_hash, header.number)};
}

}  // namespace tenet::node
