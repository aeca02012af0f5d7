/// \file
/// The JSON-RPC 2.0 envelope: parsing, batches, notifications, answers (envelope.hpp).

#include "envelope.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The text of an answer (a message quoting part of a bad input may split a UTF-8 sequence:
/// such bytes are replaced, never thrown on).
std::string envelope_text(const json& answer) {
  return answer.dump(-1, ' ', false, json::error_handler_t::replace);
}

json envelope_error_answer(const json& id, const MethodError& error) {
  json e = {{"code", error.code}, {"message", error.message}};
  if (error.data) e["data"] = *error.data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(e)}};
}

json envelope_refusal_answer(const json& id, RefusalKind kind, std::string detail) {
  return envelope_error_answer(id, error_of(Refusal{kind, std::move(detail)}));
}

/// The answer to one request of a body or batch; none for a notification.
std::optional<json> envelope_answer_one(const json& request, const Dispatcher& dispatch) {
  if (!request.is_object())
    return envelope_refusal_answer(nullptr, RefusalKind::InvalidRequest,
                                   "a request must be a JSON object");
  const auto id_it = request.find("id");
  const bool notification = id_it == request.end();
  json id = notification ? json(nullptr) : *id_it;
  if (!id.is_null() && !id.is_string() && !id.is_number())
    return envelope_refusal_answer(nullptr, RefusalKind::InvalidRequest,
                                   "id must be a string, a number or null");
  const auto version = request.find("jsonrpc");
  if (version != request.end() && *version != "2.0")
    return envelope_refusal_answer(id, RefusalKind::InvalidRequest, "jsonrpc must be \"2.0\"");
  const auto method = request.find("method");
  if (method == request.end() || !method->is_string())
    return envelope_refusal_answer(id, RefusalKind::InvalidRequest, "method must be a string");
  json params = json::array();
  if (const auto p = request.find("params"); p != request.end() && !p->is_null()) {
    if (p->is_object())
      return envelope_refusal_answer(id, RefusalKind::InvalidParams,
                                     "by-name parameters are not supported");
    if (!p->is_array())
      return envelope_refusal_answer(id, RefusalKind::InvalidParams, "params must be an array");
    params = *p;
  }
  MethodResult result = dispatch(method->get<std::string>(), params);
  if (notification) return std::nullopt;
  if (!result) return envelope_error_answer(id, result.error());
  return json{{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"result", std::move(*result)}};
}

}  // namespace

MethodError error_of(const Refusal& refusal) {
  return MethodError{refusal.code(), refusal.message(), std::nullopt};
}

std::string answer_body(std::string_view body, const Dispatcher& dispatch, std::size_t max_batch) {
  json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded())
    return envelope_text(envelope_refusal_answer(nullptr, RefusalKind::ParseError, ""));
  if (!request.is_array()) {
    auto answer = envelope_answer_one(request, dispatch);
    return answer ? envelope_text(*answer) : std::string();
  }
  if (request.empty())
    return envelope_text(
        envelope_refusal_answer(nullptr, RefusalKind::InvalidRequest, "empty batch"));
  if (request.size() > max_batch)
    return envelope_text(envelope_refusal_answer(
        nullptr, RefusalKind::InvalidRequest,
        "a batch holds at most " + std::to_string(max_batch) + " requests"));
  json answers = json::array();
  for (const json& r : request)
    if (auto answer = envelope_answer_one(r, dispatch)) answers.push_back(std::move(*answer));
  return answers.empty() ? std::string() : envelope_text(answers);
}

}  // namespace tenet::node::rpc
