/// \file
/// The trace methods: tenet_traceTransaction (a mined transaction replayed in its block) and
/// tenet_traceCall (an eth_call request), answered with call_trace.hpp's frame tree.

#include "call_trace.hpp"
#include "method_table.hpp"

namespace tenet::node::rpc {
namespace handlers {

MethodResult trace_transaction(const MethodCall& call) {
  auto hash = parse_hash(call.param(0), param_name(0));
  if (!hash) return error_of(hash.error());
  const auto mined = find_mined(call.service, *hash);
  if (!mined) return nlohmann::json(nullptr);
  auto trace = trace_mined(call.service, *mined, call.artifacts);
  if (!trace) return trace.error();
  return trace_json(*trace, call.artifacts);
}

MethodResult trace_call(const MethodCall& call) {
  auto header = block_param(call, 1);
  if (!header) return header.error();
  auto request = state_call_request(call, *header);
  if (!request) return request.error();
  if (auto funds = check_call_funds(call, *header, *request); !funds) return funds.error();
  auto trace = rpc::trace_call(call.service, *request, *header, call.artifacts);
  if (!trace) return trace.error();
  return trace_json(*trace, call.artifacts);
}

}  // namespace handlers
}  // namespace tenet::node::rpc
