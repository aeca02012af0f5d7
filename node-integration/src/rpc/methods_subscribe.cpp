/// \file
/// WebSocket subscriptions: eth_subscribe ("newHeads", "logs" with a filter) and
/// eth_unsubscribe, over the connection's Subscriptions (refused over HTTP).

#include "method_table.hpp"
#include "tenet/node/rpc/subscriptions.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The connection's subscriptions, or the refusal of a connection without any (HTTP).
Result<Subscriptions*, MethodError> subscribe_sink(const MethodCall& call, const char* method) {
  if (call.context.subscriptions == nullptr)
    return refused(RefusalKind::MethodNotFound,
                   std::string(method) + " needs a WebSocket connection");
  return call.context.subscriptions;
}

}  // namespace

namespace handlers {

MethodResult subscribe(const MethodCall& call) {
  auto sink = subscribe_sink(call, "eth_subscribe");
  if (!sink) return sink.error();
  const json& kind = call.param(0);
  if (kind == "newHeads") {
    if (!call.param(1).is_null())
      return refused(RefusalKind::InvalidParams, param_name(1) + ": newHeads takes no options");
    auto id = (*sink)->subscribe_new_heads();
    if (!id) return error_of(id.error());
    return json(*id);
  }
  if (kind == "logs") {
    LogFilter filter;
    if (!call.param(1).is_null()) {
      auto request = parse_filter(call.param(1), param_name(1));
      if (!request) return error_of(request.error());
      filter.addresses = std::move(request->addresses);
      filter.topics = std::move(request->topics);
    }
    auto id = (*sink)->subscribe_logs(filter);
    if (!id) return error_of(id.error());
    return json(*id);
  }
  return refused(RefusalKind::InvalidParams, param_name(0) + ": expected \"newHeads\" or \"logs\"");
}

MethodResult unsubscribe(const MethodCall& call) {
  auto sink = subscribe_sink(call, "eth_unsubscribe");
  if (!sink) return sink.error();
  if (!call.param(0).is_string())
    return refused(RefusalKind::InvalidParams, param_name(0) + ": expected a subscription id");
  return json((*sink)->unsubscribe(call.param(0).get<std::string>()));
}

}  // namespace handlers
}  // namespace tenet::node::rpc
