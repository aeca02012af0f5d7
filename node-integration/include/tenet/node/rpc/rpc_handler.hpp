#pragma once
/// \file
/// JSON-RPC 2.0: one request body in, one answer body out (single requests and batches),
/// every method of toolchain §4 from one method table, errors from the refusal table. No
/// network here: the server hands bodies in; tests and the fuzz harness call it directly.

#include <string>
#include <string_view>

#include "tenet/node/rpc/artifacts.hpp"
#include "tenet/node/service/node_service.hpp"

namespace tenet::node {

class Subscriptions;

/// Who is asking (the server fills it per connection).
struct RequestContext {
  /// The peer is not a loopback address: signing, impersonation and the anvil_/evm_ methods
  /// are refused unless the handler allows remote signing.
  bool remote_peer = false;
  /// The connection's subscriptions (WebSocket only; null over HTTP, where eth_subscribe is
  /// refused).
  Subscriptions* subscriptions = nullptr;
};

/// The most requests in one batch (more: one -32600 error).
inline constexpr std::size_t kMaxBatchRequests = 1'000;

/// Answers JSON-RPC request bodies for one node.
class RpcHandler {
 public:
  /// Serves `service`, naming custom errors from `artifacts` (both must outlive the handler).
  RpcHandler(NodeService& service, const ArtifactIndex& artifacts, bool allow_remote_signing);
  /// The answer to `body`: a response object, an array for a batch, or empty when every
  /// request was a notification. Never throws; bad input gets its JSON-RPC error.
  std::string handle(std::string_view body, const RequestContext& context);
  /// The node served.
  NodeService& service() const { return *service_; }

 private:
  NodeService* service_;
  const ArtifactIndex* artifacts_;
  bool allow_remote_signing_;
};

}  // namespace tenet::node
