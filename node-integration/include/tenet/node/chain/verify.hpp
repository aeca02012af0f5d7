#pragma once
/// \file
/// `tenet node --verify`: replays a data directory's chain from genesis with the same
/// BlockBuilder, checking each block's proof of work, roots, bloom, gas used and hash.

#include <cstdint>
#include <filesystem>
#include <functional>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// Opens `data_dir` read-only, rebuilds every canonical block from genesis into a memory store
/// and compares. Returns the number of blocks verified (genesis included); the error names the
/// first differing block and field: "block N (0x…): stateRoot differs: stored 0x…, replay 0x…".
/// `progress` (may be empty) is called after each block with its number.
Result<uint64_t> verify_chain(const std::filesystem::path& data_dir,
                              const std::function<void(uint64_t)>& progress);

}  // namespace tenet::node
