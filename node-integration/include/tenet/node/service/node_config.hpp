#pragma once
/// \file
/// Everything `tenet node` is started with: one field per flag of toolchain.md §1, with its
/// default. The CLI fills it; NodeService and RpcServer read it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// When blocks are mined.
enum class MiningMode : uint8_t {
  Auto,      ///< every accepted transaction at once, in its own block (default)
  Interval,  ///< every block_time seconds (--block-time)
  Manual,    ///< only on evm_mine (--no-mining)
};

/// 10,000 ether in wei.
Word default_dev_balance();

/// The node's settings.
struct NodeConfig {
  std::string host = "127.0.0.1";
  /// 0: a port the system chooses (printed at start).
  uint16_t port = 8545;
  std::filesystem::path data_dir = ".tenet-node";
  bool in_memory = false;
  uint64_t chain_id = 31337;
  unsigned accounts = 10;
  std::string mnemonic = "test test test test test test test test test test test junk";
  /// Each dev account's balance in wei (default 10,000 ether).
  Word balance = default_dev_balance();
  MiningMode mining = MiningMode::Auto;
  /// Seconds between blocks in Interval mode.
  uint64_t block_time = 0;
  Word difficulty = Word{1};
  uint64_t gas_limit = 30'000'000;
  bool fsync = false;
  bool verify = false;
  /// Where artifacts are (empty: none); the node names custom errors from them.
  std::filesystem::path artifacts;
  std::string allow_origin = "*";
  bool allow_remote_signing = false;
  /// The genesis flags given explicitly on the command line ("chain-id", "accounts",
  /// "mnemonic", "balance", "difficulty", "gas-limit"): only those are compared with a data
  /// directory's stored genesis.
  std::set<std::string> explicit_flags;
};

}  // namespace tenet::node
