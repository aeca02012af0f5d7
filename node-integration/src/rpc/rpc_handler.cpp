/// \file
/// JSON-RPC request bodies answered from the method table (rpc_handler.hpp).

#include "tenet/node/rpc/rpc_handler.hpp"

#include <exception>

#include "envelope.hpp"
#include "method_table.hpp"

namespace tenet::node {
namespace {

/// "expected 2 parameters" / "expected 1 to 2 parameters", then what was given.
std::string handler_arity_text(const rpc::MethodSpec& m, std::size_t given) {
  std::string expected = std::to_string(m.min_params);
  if (m.max_params != m.min_params) expected += " to " + std::to_string(m.max_params);
  return "expected " + expected + (m.max_params == 1 ? " parameter" : " parameters") + ", got " +
         std::to_string(given);
}

}  // namespace

RpcHandler::RpcHandler(NodeService& service, const ArtifactIndex& artifacts,
                       bool allow_remote_signing)
    : service_(&service), artifacts_(&artifacts), allow_remote_signing_(allow_remote_signing) {}

std::string RpcHandler::handle(std::string_view body, const RequestContext& context) {
  const auto dispatch = [&](const std::string& method,
                            const nlohmann::json& params) -> rpc::MethodResult {
    const rpc::MethodSpec* m = rpc::find_method(method);
    if (m == nullptr) return rpc::refused(RefusalKind::MethodNotFound, method);
    if (m->privileged && context.remote_peer && !allow_remote_signing_)
      return rpc::refused(RefusalKind::RemoteNotAllowed);
    if (params.size() < m->min_params || params.size() > m->max_params)
      return rpc::refused(RefusalKind::InvalidParams, handler_arity_text(*m, params.size()));
    try {
      return m->handler(rpc::MethodCall{*service_, *artifacts_, params, context});
    } catch (const std::exception& e) {
      return rpc::internal_error(e.what());
    }
  };
  try {
    return rpc::answer_body(body, dispatch, kMaxBatchRequests);
  } catch (const std::exception&) {
    return R"({"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}})";
  }
}

}  // namespace tenet::node
