#pragma once
/// \file
/// Logs as eth_getLogs and filters answer them: each log with where it was emitted, and the
/// query (block range, addresses, topic positions with alternatives).

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "tenet/node/common/types.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::node {

/// A log and its place in the chain.
struct LogRecord {
  vm::LogEntry log;
  uint64_t block_number = 0;
  Hash256 block_hash{};
  Hash256 transaction_hash{};
  uint32_t transaction_index = 0;
  /// The log's index in its block.
  uint32_t log_index = 0;
};

/// A log query. Blocks are resolved numbers (the RPC resolves tags first); a range is clamped
/// to the head, so to_block = UINT64_MAX reads up to the head and a filter with it keeps
/// following the head. A topic position with no alternatives matches anything; otherwise any
/// of its alternatives.
struct LogFilter {
  uint64_t from_block = 0;
  uint64_t to_block = 0;
  /// Only logs of these addresses (empty: any).
  std::vector<Address> addresses;
  /// Up to 4 positions.
  std::vector<std::vector<Hash256>> topics;
  /// eth_getLogs / eth_getFilterLogs by a block hash instead of a range (EIP-234).
  std::optional<Hash256> block_hash;
};

/// The most logs one query returns; more is refused with -32005 "limit exceeded".
inline constexpr std::size_t kMaxLogsPerQuery = 10'000;

/// Whether `log` matches the addresses and topics of `filter` (not its block range).
bool log_matches(const LogFilter& filter, const vm::LogEntry& log);

}  // namespace tenet::node
