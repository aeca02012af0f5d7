/// \file
/// A WebSocket connection's subscriptions over service filters (subscriptions.hpp).

#include "tenet/node/rpc/subscriptions.hpp"

#include <limits>
#include <variant>

#include "json_codec.hpp"
#include "methods.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {
namespace {

using nlohmann::json;

std::string subscriptions_notification(const std::string& id, json result) {
  return json{{"jsonrpc", "2.0"},
              {"method", "eth_subscription"},
              {"params", {{"subscription", id}, {"result", std::move(result)}}}}
      .dump();
}

}  // namespace

Subscriptions::Subscriptions(NodeService& service) : service_(&service) {}

Subscriptions::~Subscriptions() {
  for (const auto& [id, entry] : entries_) service_->uninstall_filter(entry.filter);
}

Result<std::string, Refusal> Subscriptions::add(Result<uint64_t, Refusal> filter, bool heads) {
  if (!filter) return filter.error();
  const std::string id = vm::hex_encode_quantity(next_++);
  entries_.emplace(id, Entry{*filter, heads});
  return id;
}

Result<std::string, Refusal> Subscriptions::subscribe_new_heads() {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxSubscriptionsPerConnection)
    return Refusal{RefusalKind::LimitExceeded, "at most 256 subscriptions per connection"};
  return add(service_->new_block_filter(), true);
}

Result<std::string, Refusal> Subscriptions::subscribe_logs(const LogFilter& filter) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxSubscriptionsPerConnection)
    return Refusal{RefusalKind::LimitExceeded, "at most 256 subscriptions per connection"};
  LogFilter from_now = filter;
  from_now.block_hash.reset();
  from_now.from_block = service_->head()->header.number + 1;
  from_now.to_block = std::numeric_limits<uint64_t>::max();
  return add(service_->new_log_filter(from_now), false);
}

bool Subscriptions::unsubscribe(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(std::string(id));
  if (it == entries_.end()) return false;
  service_->uninstall_filter(it->second.filter);
  entries_.erase(it);
  return true;
}

std::vector<std::string> Subscriptions::poll() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [id, entry] : entries_) {
    auto changes = service_->filter_changes(entry.filter);
    if (!changes) continue;
    if (const auto* logs = std::get_if<std::vector<LogRecord>>(&*changes)) {
      for (const LogRecord& r : *logs)
        out.push_back(subscriptions_notification(id, rpc::log_json(r)));
      continue;
    }
    for (const Hash256& hash : std::get<std::vector<Hash256>>(*changes)) {
      const auto block = service_->chain().block(hash);
      if (!block) continue;
      json header = rpc::block_json(*block, hash, rpc::block_size(*block), false);
      header.erase("transactions");
      header.erase("uncles");
      out.push_back(subscriptions_notification(id, std::move(header)));
    }
  }
  return out;
}

std::size_t Subscriptions::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tenet::node
