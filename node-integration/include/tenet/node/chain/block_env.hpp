#pragma once
/// \file
/// The one place a BlockEnv is built: for a new block on a parent (mining, --verify's replay)
/// and for an existing block (eth_call, eth_estimateGas, traces). Mining and import must fill
/// every field the same way, or a replayed block differs from the mined one.

#include <cstdint>

#include "tenet/node/chain/header.hpp"
#include "tenet/node/state/executor.hpp"
#include "tenet/node/store/store.hpp"

namespace tenet::node {

/// BLOCKHASH's lookup for block `number` whose parent is stored under `parent_hash`: the hash
/// of each of the 256 blocks before it, found by walking the stored headers back from the
/// parent (the block's own ancestors, canonical or not, so eth_call on an old block sees what
/// that block saw). The walk happens once, as far as the deepest block asked for, and is kept
/// (a lookup is then constant time; the lookup is safe to use from several threads). Zero
/// for a block outside the window or whose header is missing. `store` must outlive it.
vm::BlockHashLookup ancestor_hashes(const Store& store, const Hash256& parent_hash,
                                    uint64_t number);

/// The environment of the block after `parent` (stored under `parent_hash`): number + 1,
/// the parent's timestamp, gas limit, beneficiary and difficulty (a node seals every block at
/// genesis' difficulty), next_base_fee(parent), `chain_id` and the parent's ancestry. The
/// caller sets what differs for the block (its timestamp; on replay its beneficiary and gas
/// limit).
BlockEnv new_block_env(const Store& store, const Header& parent, const Hash256& parent_hash,
                       const Word& chain_id);

/// The environment of the existing block `header` (what its transactions saw): its own
/// fields, `chain_id` and its ancestry.
BlockEnv existing_block_env(const Store& store, const Header& header, const Word& chain_id);

}  // namespace tenet::node
