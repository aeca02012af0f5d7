#pragma once
/// \file
/// The installed filters of eth_newFilter / eth_newBlockFilter: each remembers the first block
/// it has not reported yet and when it was last polled. At most 1,024 filters; a filter not
/// polled for 5 minutes is dropped. Thread-safe (RPC threads poll while blocks are mined).
/// The table keeps no logs: NodeService reads the chain from a filter's cursor on each poll.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/service/log_query.hpp"

namespace tenet::node {

/// The most filters installed at once.
inline constexpr std::size_t kMaxFilters = 1'024;
/// How long an unpolled filter lives.
inline constexpr std::chrono::seconds kFilterIdleTimeout{300};

/// One installed filter.
struct InstalledFilter {
  /// Blocks (eth_newBlockFilter) or logs (eth_newFilter).
  enum class Kind : uint8_t { Blocks, Logs };
  Kind kind = Kind::Blocks;
  /// The query (Logs only).
  LogFilter query;
  /// The first block whose hash or logs were not reported yet.
  uint64_t next_block = 0;
  /// When it was installed or last polled.
  std::chrono::steady_clock::time_point last_poll;
};

/// The filters, by id (1, 2, …; ids are never reused).
class FilterTable {
 public:
  using Clock = std::chrono::steady_clock;

  /// Installs `filter` (its last poll set to `now`) after dropping the expired ones; refused
  /// with LimitExceeded ("at most 1024 filters") when 1,024 are installed.
  Result<uint64_t, Refusal> install(InstalledFilter filter, Clock::time_point now);
  /// The filter `id` (its last poll set to `now`), or none when unknown or expired (an
  /// expired one is dropped).
  std::optional<InstalledFilter> poll(uint64_t id, Clock::time_point now);
  /// Moves the cursor of filter `id` to `next_block` (after a poll reported up to it).
  void advance(uint64_t id, uint64_t next_block);
  /// After the chain was rewound: no cursor stays past `next_block` (evm_revert; Q23).
  void rewind(uint64_t next_block);
  /// Removes filter `id`; whether it was installed.
  bool uninstall(uint64_t id);
  /// Filters installed (expired ones included until the next install or poll).
  std::size_t size() const;

 private:
  void drop_expired(Clock::time_point now);

  mutable std::mutex mutex_;
  std::map<uint64_t, InstalledFilter> filters_;
  uint64_t next_id_ = 1;
};

}  // namespace tenet::node
