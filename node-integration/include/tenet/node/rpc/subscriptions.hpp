#pragma once
/// \file
/// The subscriptions of one WebSocket connection (eth_subscribe "newHeads" and "logs",
/// eth_unsubscribe). Each is a service filter the connection polls; a poll yields the
/// eth_subscription notifications due, as JSON texts to send in order. No network here: the
/// server owns one per WebSocket session and polls it on a timer.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/node/service/node_service.hpp"

namespace tenet::node {

/// The most subscriptions one connection holds.
inline constexpr std::size_t kMaxSubscriptionsPerConnection = 256;

/// One connection's subscriptions. Thread-safe.
class Subscriptions {
 public:
  /// Subscriptions over `service` (must outlive this).
  explicit Subscriptions(NodeService& service);
  /// Uninstalls the filters of the subscriptions left.
  ~Subscriptions();
  Subscriptions(const Subscriptions&) = delete;
  Subscriptions& operator=(const Subscriptions&) = delete;

  /// eth_subscribe("newHeads"): the subscription id ("0x…"). Refused over 256 per
  /// connection ("limit exceeded") or by the service's filter cap.
  Result<std::string, Refusal> subscribe_new_heads();
  /// eth_subscribe("logs", filter): logs of blocks mined from now on matching `filter`
  /// (its block range is ignored: it follows the chain).
  Result<std::string, Refusal> subscribe_logs(const LogFilter& filter);
  /// eth_unsubscribe: whether `id` was one of this connection's.
  bool unsubscribe(std::string_view id);
  /// The notifications due since the last poll: {"jsonrpc":"2.0","method":"eth_subscription",
  /// "params":{"subscription":id,"result":header or log}}, a header per new block, a log per
  /// matching log.
  std::vector<std::string> poll();
  /// How many subscriptions are open.
  std::size_t size() const;

 private:
  struct Entry {
    uint64_t filter = 0;
    bool heads = false;
  };
  Result<std::string, Refusal> add(Result<uint64_t, Refusal> filter, bool heads);

  NodeService* service_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  uint64_t next_ = 1;
};

}  // namespace tenet::node
