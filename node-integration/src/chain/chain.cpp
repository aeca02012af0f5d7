// The canonical chain over a Store (chain.hpp).

#include "tenet/node/chain/chain.hpp"

#include <mutex>

#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {

namespace {

constexpr std::string_view kStoreFormat = "tenet-node/1";

ByteView chain_text_key(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

const ByteView kFormatKey = chain_text_key("format");
const ByteView kGenesisKey = chain_text_key("genesis");
const ByteView kHeadKey = chain_text_key("head");
const ByteView kOverridesKey = chain_text_key("overrides");

std::string chain_text(const Bytes& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

/// RLP[block hash, block number, index]: a Table::TxIndex value.
Bytes encode_location(const TxLocation& location) {
  rlp::Writer w;
  w.bytes(location.block_hash).uint(location.block_number).uint(location.index);
  return w.list_bytes();
}

std::optional<TxLocation> decode_location(ByteView bytes) {
  auto item = rlp::decode(bytes);
  if (!item || !item->list) return std::nullopt;
  rlp::ListReader r(*item);
  TxLocation location;
  auto hash = r.bytes();
  auto number = r.uint64();
  auto index = r.uint64();
  if (!hash || hash->size() != 32 || !number || !index || *index > UINT32_MAX || !r.finish()) {
    return std::nullopt;
  }
  std::copy(hash->begin(), hash->end(), location.block_hash.begin());
  location.block_number = *number;
  location.index = static_cast<uint32_t>(*index);
  return location;
}

std::optional<Hash256> hash_of_bytes(const std::optional<Bytes>& bytes) {
  if (!bytes || bytes->size() != 32) return std::nullopt;
  Hash256 hash;
  std::copy(bytes->begin(), bytes->end(), hash.begin());
  return hash;
}

}  // namespace

struct Chain::Impl {
  Store* store = nullptr;
  GenesisSpec genesis;
  mutable std::mutex head_mutex;
  std::shared_ptr<const ChainHead> head;

  void publish(std::shared_ptr<const ChainHead> next) {
    std::lock_guard lock(head_mutex);
    head = std::move(next);
  }
  /// Writes genesis into the empty store.
  Result<bool> create(const GenesisSpec& spec);
  /// Loads an existing store's genesis, head and pending overrides.
  Result<bool> load(const GenesisSpec& spec, const std::set<std::string>& explicit_fields);
};

Result<bool> Chain::Impl::create(const GenesisSpec& spec) {
  genesis = spec;
  Store::Batch batch;
  const Block block = genesis_block(spec, batch);
  const Hash256 hash = header_hash(block.header);
  batch.put(Table::Header, hash, encode_header(block.header));
  batch.put(Table::Body, hash, encode_body(block));
  batch.put(Table::Receipts, hash, encode_stored_receipts({}));
  batch.put(Table::Canonical, block_number_key(0), hash);
  batch.put(Table::Meta, kFormatKey, chain_text_key(kStoreFormat));
  const std::string record = genesis_record(spec, hash);
  batch.put(Table::Meta, kGenesisKey, chain_text_key(record));
  batch.put(Table::Meta, kHeadKey, hash);
  auto written = store->write(std::move(batch));
  if (!written) return written.error();
  publish(std::make_shared<const ChainHead>(
      ChainHead{block.header, hash, std::make_shared<const std::vector<StateOverride>>()}));
  return true;
}

Result<bool> Chain::Impl::load(const GenesisSpec& spec,
                               const std::set<std::string>& explicit_fields) {
  const std::string format = chain_text(*store->get(Table::Meta, kFormatKey));
  if (format != kStoreFormat) {
    return vm::Error{"the data directory has an unknown format \"" + format +
                     "\" (this node reads " + std::string(kStoreFormat) + ")"};
  }
  auto record = store->get(Table::Meta, kGenesisKey);
  if (!record) return vm::Error{"the data directory has no genesis record"};
  auto stored = parse_genesis_record(chain_text(*record));
  if (!stored) return stored.error();
  auto same = check_genesis(*stored, spec, explicit_fields);
  if (!same) return same.error();
  genesis = *stored;
  auto head_hash = hash_of_bytes(store->get(Table::Meta, kHeadKey));
  if (!head_hash) return vm::Error{"the data directory has no head block"};
  auto header_rlp = store->get(Table::Header, *head_hash);
  if (!header_rlp) {
    return vm::Error{"the data directory lacks its head block " + vm::hex_encode(*head_hash)};
  }
  auto header = decode_header(*header_rlp);
  if (!header) return header.error();
  if (!store->node(header->state_root) && header->state_root != kEmptyTrieRoot) {
    return vm::Error{"the data directory lacks the state root " +
                     vm::hex_encode(header->state_root) + " of its head block"};
  }
  auto pending = std::make_shared<std::vector<StateOverride>>();
  if (auto bytes = store->get(Table::Pending, kOverridesKey)) {
    auto decoded = decode_overrides(*bytes);
    if (!decoded)
      return vm::Error{"the pending overrides are malformed: " + decoded.error().message};
    *pending = std::move(*decoded);
  }
  publish(std::make_shared<const ChainHead>(ChainHead{*header, *head_hash, std::move(pending)}));
  return true;
}

Chain::Chain(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Chain::~Chain() = default;

Result<std::unique_ptr<Chain>> Chain::open(Store& store, const GenesisSpec& spec,
                                           const std::set<std::string>& explicit_fields) {
  auto impl = std::make_unique<Impl>();
  impl->store = &store;
  const bool empty = !store.get(Table::Meta, kFormatKey);
  if (empty && store.get(Table::Meta, kHeadKey)) {
    return vm::Error{"the data directory has a head block but no format record"};
  }
  auto opened = empty ? impl->create(spec) : impl->load(spec, explicit_fields);
  if (!opened) return opened.error();
  return std::unique_ptr<Chain>(new Chain(std::move(impl)));
}

const GenesisSpec& Chain::genesis() const {
  return impl_->genesis;
}

std::shared_ptr<const ChainHead> Chain::head() const {
  std::lock_guard lock(impl_->head_mutex);
  return impl_->head;
}

Result<bool> Chain::append(const Block& block, const std::vector<StoredReceipt>& receipts,
                           Store::Batch&& batch) {
  const auto current = head();
  if (block.header.number != current->header.number + 1 ||
      block.header.parent_hash != current->hash) {
    return vm::Error{"block " + std::to_string(block.header.number) +
                     " does not follow the head block " + std::to_string(current->header.number)};
  }
  if (receipts.size() != block.transactions.size()) {
    return vm::Error{"block " + std::to_string(block.header.number) + " has " +
                     std::to_string(block.transactions.size()) + " transactions and " +
                     std::to_string(receipts.size()) + " receipts"};
  }
  const Hash256 hash = header_hash(block.header);
  batch.put(Table::Header, hash, encode_header(block.header));
  batch.put(Table::Body, hash, encode_body(block));
  batch.put(Table::Receipts, hash, encode_stored_receipts(receipts));
  batch.put(Table::Canonical, block_number_key(block.header.number), hash);
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    const TxLocation location{hash, block.header.number, static_cast<uint32_t>(i)};
    batch.put(Table::TxIndex, transaction_hash(block.transactions[i]), encode_location(location));
  }
  batch.put(Table::Meta, kHeadKey, hash);
  batch.erase(Table::Pending, kOverridesKey);
  auto written = impl_->store->write(std::move(batch));
  if (!written) return written.error();
  impl_->publish(std::make_shared<const ChainHead>(
      ChainHead{block.header, hash, std::make_shared<const std::vector<StateOverride>>()}));
  return true;
}

Result<bool> Chain::rewind_to(uint64_t number) {
  const auto current = head();
  if (number > current->header.number) {
    return vm::Error{"cannot rewind to block " + std::to_string(number) + ": the head is block " +
                     std::to_string(current->header.number)};
  }
  auto target = hash_by_number(number);
  auto target_header = target ? header_by_hash(*target) : std::nullopt;
  if (!target_header) return vm::Error{"block " + std::to_string(number) + " is missing"};
  Store::Batch batch;
  for (uint64_t n = number + 1; n <= current->header.number; ++n) {
    auto hash = hash_by_number(n);
    if (!hash) continue;
    if (auto dropped = block(*hash)) {
      for (const Transaction& tx : dropped->transactions) {
        batch.erase(Table::TxIndex, transaction_hash(tx));
      }
    }
    batch.erase(Table::Canonical, block_number_key(n));
  }
  batch.put(Table::Meta, kHeadKey, *target);
  auto written = impl_->store->write(std::move(batch));
  if (!written) return written.error();
  impl_->publish(
      std::make_shared<const ChainHead>(ChainHead{*target_header, *target, current->pending}));
  return true;
}

Result<bool> Chain::set_pending(std::vector<StateOverride> pending) {
  Store::Batch batch;
  if (pending.empty()) {
    batch.erase(Table::Pending, kOverridesKey);
  } else {
    batch.put(Table::Pending, kOverridesKey, encode_overrides(pending));
  }
  auto written = impl_->store->write(std::move(batch));
  if (!written) return written.error();
  const auto current = head();
  impl_->publish(std::make_shared<const ChainHead>(
      ChainHead{current->header, current->hash,
                std::make_shared<const std::vector<StateOverride>>(std::move(pending))}));
  return true;
}

std::optional<Header> Chain::header_by_number(uint64_t number) const {
  auto hash = hash_by_number(number);
  return hash ? header_by_hash(*hash) : std::nullopt;
}

std::optional<Header> Chain::header_by_hash(const Hash256& hash) const {
  auto bytes = impl_->store->get(Table::Header, hash);
  if (!bytes) return std::nullopt;
  auto header = decode_header(*bytes);
  if (!header) return std::nullopt;
  return *header;
}

std::optional<Hash256> Chain::hash_by_number(uint64_t number) const {
  return hash_of_bytes(impl_->store->get(Table::Canonical, block_number_key(number)));
}

std::optional<Block> Chain::block(const Hash256& hash) const {
  auto header = header_by_hash(hash);
  if (!header) return std::nullopt;
  auto bytes = impl_->store->get(Table::Body, hash);
  if (!bytes) return std::nullopt;
  auto body = decode_body(*header, *bytes);
  if (!body) return std::nullopt;
  return std::move(*body);
}

std::optional<std::vector<StoredReceipt>> Chain::receipts(const Hash256& block_hash) const {
  auto bytes = impl_->store->get(Table::Receipts, block_hash);
  if (!bytes) return std::nullopt;
  auto receipts = decode_stored_receipts(*bytes);
  if (!receipts) return std::nullopt;
  return std::move(*receipts);
}

std::optional<TxLocation> Chain::locate(const Hash256& tx_hash) const {
  auto bytes = impl_->store->get(Table::TxIndex, tx_hash);
  if (!bytes) return std::nullopt;
  return decode_location(*bytes);
}

StateView Chain::state_at(const Header& header) const {
  return StateView(*impl_->store, *impl_->store, header.state_root);
}

const Store& Chain::store() const {
  return *impl_->store;
}

}  // namespace tenet::node
