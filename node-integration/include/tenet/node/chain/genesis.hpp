#pragma once
/// \file
/// The genesis block: the dev accounts funded, sealed at the chain's difficulty like every
/// block, its parameters stored in the data directory so a restart with conflicting flags is
/// refused naming the difference (toolchain §4).

#include <set>
#include <string>
#include <vector>

#include "tenet/node/chain/block.hpp"
#include "tenet/node/store/store.hpp"

namespace tenet::node {

/// What genesis is made of (the flags of `tenet node` that fix it).
struct GenesisSpec {
  uint64_t chain_id = 31337;
  /// The funded accounts, in order (the first names the mnemonic in the stored record).
  std::vector<Address> accounts;
  Word balance;
  Word difficulty = Word{1};
  uint64_t gas_limit = 30'000'000;
  /// Seconds since the epoch (the creation time, stored).
  uint64_t timestamp = 0;
};

/// The genesis block of `spec` (number 0, base fee 1 gwei, sealed); its state trie nodes go
/// into `batch`.
Block genesis_block(const GenesisSpec& spec, Store::Batch& batch);
/// `spec` as stored in Table::Meta "genesis" (JSON) and its inverse.
std::string genesis_record(const GenesisSpec& spec, const Hash256& genesis_hash);
Result<GenesisSpec> parse_genesis_record(std::string_view json);
/// Compares a stored spec with the flags given: only the fields named in `explicit_fields`
/// ("chain-id", "accounts", "mnemonic", "balance", "difficulty", "gas-limit") are compared;
/// the error names the field, the stored value and the given one.
Result<bool> check_genesis(const GenesisSpec& stored, const GenesisSpec& given,
                           const std::set<std::string>& explicit_fields);

}  // namespace tenet::node
