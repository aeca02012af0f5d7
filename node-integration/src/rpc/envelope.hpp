#pragma once
/// \file
/// The JSON-RPC 2.0 envelope: a request body read into calls (single or batch), each call
/// dispatched, the answers written back (docs/rpc.md, "Requests"). Knows nothing of the
/// methods: the dispatcher is given.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"

namespace tenet::node::rpc {

/// A JSON-RPC error answer: the code, the message and the optional data.
struct MethodError {
  int code = 0;
  std::string message;
  std::optional<nlohmann::json> data;
};

/// The error answer of a refusal (its code and message, no data).
MethodError error_of(const Refusal& refusal);

/// What a method answers: its result, or an error.
using MethodResult = Result<nlohmann::json, MethodError>;

/// Runs one call: the method name and its params (always an array, possibly empty).
using Dispatcher =
    std::function<MethodResult(const std::string& method, const nlohmann::json& params)>;

/// The answer body to `body`: parse error → one -32700 answer (id null); an object → its
/// answer; an array (batch) → an array of the answers of its requests that are not
/// notifications, or one -32600 answer for an empty batch or one over `max_batch` requests.
/// A request must be an object with a string "method" ("jsonrpc", when given, "2.0"; an id
/// that is a string, number or null); params absent, null or an array (an object: -32602,
/// by-name parameters are not supported). Notifications (no "id") are run and not answered;
/// the result is empty when nothing is answered.
std::string answer_body(std::string_view body, const Dispatcher& dispatch, std::size_t max_batch);

}  // namespace tenet::node::rpc
