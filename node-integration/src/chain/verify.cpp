// tenet node --verify (verify.hpp): replay the stored chain into a memory store and compare.

#include "tenet/node/chain/verify.hpp"

#include "tenet/node/chain/block_env.hpp"
#include "tenet/node/chain/block_builder.hpp"
#include "tenet/node/chain/chain.hpp"
#include "tenet/node/chain/pow.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::node {

namespace {

/// "block N (0x…): "
std::string verify_block_prefix(uint64_t number, const Hash256& hash) {
  return "block " + std::to_string(number) + " (" + vm::hex_encode(hash) + "): ";
}

/// One header field by its JSON-RPC name, as text.
struct HeaderFieldText {
  const char* name;
  std::string stored;
  std::string replay;
};

std::vector<HeaderFieldText> header_field_texts(const Header& s, const Header& r) {
  const auto hex = [](ByteView b) { return vm::hex_encode(b); };
  const auto num = [](uint64_t v) { return std::to_string(v); };
  return {
      {"parentHash", hex(s.parent_hash), hex(r.parent_hash)},
      {"sha3Uncles", hex(s.ommers_hash), hex(r.ommers_hash)},
      {"miner", vm::to_hex(s.beneficiary), vm::to_hex(r.beneficiary)},
      {"stateRoot", hex(s.state_root), hex(r.state_root)},
      {"transactionsRoot", hex(s.transactions_root), hex(r.transactions_root)},
      {"receiptsRoot", hex(s.receipts_root), hex(r.receipts_root)},
      {"logsBloom", hex(s.logs_bloom), hex(r.logs_bloom)},
      {"difficulty", vm::to_hex(s.difficulty), vm::to_hex(r.difficulty)},
      {"number", num(s.number), num(r.number)},
      {"gasLimit", num(s.gas_limit), num(r.gas_limit)},
      {"gasUsed", num(s.gas_used), num(r.gas_used)},
      {"timestamp", num(s.timestamp), num(r.timestamp)},
      {"extraData", hex(s.extra_data), hex(r.extra_data)},
      {"mixHash", hex(s.mix_hash), hex(r.mix_hash)},
      {"nonce", hex(s.nonce), hex(r.nonce)},
      {"baseFeePerGas", vm::to_hex(s.base_fee), vm::to_hex(r.base_fee)},
  };
}

/// Compares the stored block `number` (canonical hash `hash`) with its replay: the stored
/// header must hash to `hash` and meet its difficulty, and every field must match.
Result<bool> compare_block(uint64_t number, const Hash256& hash, const Header& stored,
                           const Header& replay) {
  const std::string prefix = verify_block_prefix(number, hash);
  for (const HeaderFieldText& f : header_field_texts(stored, replay)) {
    if (f.stored != f.replay) {
      return vm::Error{prefix + f.name + " differs: stored " + f.stored + ", replay " + f.replay};
    }
  }
  const Hash256 stored_hash = header_hash(stored);
  if (stored_hash != hash) {
    return vm::Error{prefix + "hash differs: the stored header hashes to " +
                     vm::hex_encode(stored_hash)};
  }
  if (!meets_difficulty(hash, stored.difficulty)) {
    return vm::Error{prefix + "proof of work fails at difficulty " +
                     vm::to_decimal(stored.difficulty)};
  }
  return true;
}

/// The stored block `number`: its canonical hash, header and body.
Result<std::pair<Hash256, Block>> stored_block(const Chain& stored, uint64_t number) {
  auto hash = stored.hash_by_number(number);
  if (!hash) return vm::Error{"block " + std::to_string(number) + " is missing"};
  auto header_bytes = stored.store().get(Table::Header, *hash);
  if (!header_bytes) return vm::Error{verify_block_prefix(number, *hash) + "header missing"};
  auto header = decode_header(*header_bytes);
  if (!header) return vm::Error{verify_block_prefix(number, *hash) + header.error().message};
  auto body_bytes = stored.store().get(Table::Body, *hash);
  if (!body_bytes) return vm::Error{verify_block_prefix(number, *hash) + "body missing"};
  auto body = decode_body(*header, *body_bytes);
  if (!body) return vm::Error{verify_block_prefix(number, *hash) + body.error().message};
  return std::pair<Hash256, Block>{*hash, std::move(*body)};
}

/// Rebuilds `block` (stored under `hash` with `stored_receipts`) on the replay chain's head,
/// compares header and receipts, and appends it to the replay.
Result<bool> replay_block(Chain& replay, const Hash256& hash, const Block& block, vm::Vm& vm,
                          const std::optional<std::vector<StoredReceipt>>& stored_receipts) {
  const std::string prefix = verify_block_prefix(block.header.number, hash);
  const auto parent = replay.head();
  BlockEnv env =
      new_block_env(replay.store(), parent->header, parent->hash, Word{replay.genesis().chain_id});
  env.timestamp = block.header.timestamp;
  env.gas_limit = block.header.gas_limit;
  env.coinbase = block.header.beneficiary;
  BlockBuilder builder(replay.store(), parent->header, env, vm);
  if (auto applied = builder.apply_overrides(block.overrides); !applied) {
    return vm::Error{prefix + "overrides refused on replay: " + applied.error().message()};
  }
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    auto added = builder.add(block.transactions[i], block.senders[i], block.impersonated[i]);
    if (!added) {
      return vm::Error{prefix + "transaction " + std::to_string(i) +
                       " refused on replay: " + added.error().message()};
    }
  }
  Store::Batch batch;
  auto rebuilt = builder.finish(batch);
  if (!rebuilt) return vm::Error{prefix + rebuilt.error().message};
  auto equal = compare_block(block.header.number, hash, block.header, rebuilt->header);
  if (!equal) return equal.error();
  if (!stored_receipts) return vm::Error{prefix + "receipts missing"};
  if (*stored_receipts != builder.receipts()) {
    return vm::Error{prefix + "receipts differ from the replay"};
  }
  auto appended = replay.append(*rebuilt, builder.receipts(), std::move(batch));
  if (!appended) return vm::Error{prefix + appended.error().message};
  return true;
}

}  // namespace

Result<uint64_t> verify_chain(const std::filesystem::path& data_dir,
                              const std::function<void(uint64_t)>& progress) {
  auto store = Store::open({.dir = data_dir, .read_only = true});
  if (!store) return store.error();
  if (!(*store)->get(Table::Meta, ByteView(reinterpret_cast<const uint8_t*>("format"), 6))) {
    return vm::Error{"no chain in " + data_dir.string()};
  }
  auto stored = Chain::open(**store, GenesisSpec{}, {});
  if (!stored) return stored.error();
  auto memory = Store::open({.dir = "/verify", .in_memory = true});
  if (!memory) return memory.error();
  auto replay = Chain::open(**memory, (*stored)->genesis(), {});
  if (!replay) return replay.error();
  // Genesis: regenerated from the stored record.
  auto genesis = stored_block(**stored, 0);
  if (!genesis) return genesis.error();
  auto same = compare_block(0, genesis->first, genesis->second.header, (*replay)->head()->header);
  if (!same) return same.error();
  if (progress) progress(0);
  vm::Vm vm;
  const uint64_t head = (*stored)->head()->header.number;
  for (uint64_t n = 1; n <= head; ++n) {
    auto block = stored_block(**stored, n);
    if (!block) return block.error();
    auto replayed =
        replay_block(**replay, block->first, block->second, vm, (*stored)->receipts(block->first));
    if (!replayed) return replayed.error();
    if (progress) progress(n);
  }
  return head + 1;
}

}  // namespace tenet::node
