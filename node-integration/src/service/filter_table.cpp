/// \file
/// Installed filters: ids, cursors and idle expiry (filter_table.hpp).

#include "tenet/node/service/filter_table.hpp"

#include <algorithm>
#include <string>

namespace tenet::node {

void FilterTable::drop_expired(Clock::time_point now) {
  std::erase_if(filters_, [&](const auto& entry) {
    return now - entry.second.last_poll > kFilterIdleTimeout;
  });
}

Result<uint64_t, Refusal> FilterTable::install(InstalledFilter filter, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  drop_expired(now);
  if (filters_.size() >= kMaxFilters) {
    return Refusal{RefusalKind::LimitExceeded,
                   "at most " + std::to_string(kMaxFilters) + " filters"};
  }
  filter.last_poll = now;
  uint64_t id = next_id_++;
  filters_.emplace(id, std::move(filter));
  return id;
}

std::optional<InstalledFilter> FilterTable::poll(uint64_t id, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = filters_.find(id);
  if (it == filters_.end()) return std::nullopt;
  if (now - it->second.last_poll > kFilterIdleTimeout) {
    filters_.erase(it);
    return std::nullopt;
  }
  it->second.last_poll = now;
  return it->second;
}

void FilterTable::advance(uint64_t id, uint64_t next_block) {
  std::lock_guard lock(mutex_);
  auto it = filters_.find(id);
  if (it != filters_.end()) it->second.next_block = std::max(it->second.next_block, next_block);
}

void FilterTable::rewind(uint64_t next_block) {
  std::lock_guard lock(mutex_);
  for (auto& [id, filter] : filters_) filter.next_block = std::min(filter.next_block, next_block);
}

bool FilterTable::uninstall(uint64_t id) {
  std::lock_guard lock(mutex_);
  return filters_.erase(id) > 0;
}

std::size_t FilterTable::size() const {
  std::lock_guard lock(mutex_);
  return filters_.size();
}

}  // namespace tenet::node
