// The node fuzz harness (node_harness.hpp).
#include "node_harness.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/rpc/artifacts.hpp"
#include "tenet/node/rpc/rpc_handler.hpp"
#include "tenet/node/rpc/subscriptions.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/node/tx/validity.hpp"

namespace tenet::fuzz {
namespace {

using node::Bytes;
using node::ByteView;

/// The canonical encoding of `item`, rebuilt from its decoded parts.
Bytes reencode(const node::rlp::Item& item) {
  node::rlp::Writer writer;
  if (!item.list) {
    writer.bytes(item.payload);
    return writer.items();
  }
  node::rlp::ListReader reader(item);
  while (!reader.done()) {
    auto child = reader.item();
    if (!child) return {};  // cannot happen for a decoded list: reported as a mismatch
    writer.raw(reencode(*child));
  }
  return writer.list_bytes();
}

void fuzz_rlp(ByteView bytes, NodeOutcome& outcome) {
  const auto item = node::rlp::decode(bytes);
  if (!item) return;
  outcome.accepted = true;
  const Bytes again = reencode(*item);
  if (!std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()))
    outcome.defects.push_back("rlp: an accepted item does not re-encode to its input");
}

void fuzz_transaction(ByteView bytes, NodeOutcome& outcome) {
  const auto tx = node::decode_transaction(bytes);
  if (!tx) return;
  outcome.accepted = true;
  const Bytes again = node::encode_transaction(*tx);
  if (!std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()))
    outcome.defects.push_back("tx: an accepted transaction does not encode back to its input");
  const auto hash = node::transaction_hash(*tx);
  if (hash != vm::keccak256(bytes))
    outcome.defects.push_back("tx: hash is not keccak256 of the input");
  (void)node::signing_hash(*tx);
  (void)node::recover_sender(*tx);
  (void)node::check_transaction(*tx);
  (void)node::intrinsic_gas(*tx);
  (void)node::max_cost(*tx);
  (void)node::effective_gas_price(*tx, vm::Word{7});
}

/// Splits at the two-byte separator 0xff 0xfe.
std::vector<ByteView> split(ByteView bytes) {
  std::vector<ByteView> parts;
  size_t start = 0;
  for (size_t i = 0; i + 1 < bytes.size(); ++i) {
    if (bytes[i] != 0xff || bytes[i + 1] != 0xfe) continue;
    parts.push_back(bytes.subspan(start, i - start));
    start = i + 2;
    ++i;
  }
  parts.push_back(bytes.subspan(start));
  return parts;
}

void fuzz_proof(ByteView bytes, NodeOutcome& outcome) {
  const auto parts = split(bytes);
  if (parts.size() < 2) return;
  node::Hash256 root{};
  std::copy_n(parts[0].begin(), std::min<size_t>(parts[0].size(), root.size()), root.begin());
  std::vector<Bytes> proof;
  for (size_t i = 2; i < parts.size(); ++i) proof.emplace_back(parts[i].begin(), parts[i].end());
  const auto first = node::verify_proof(root, parts[1], proof);
  if (!first) return;
  outcome.accepted = true;
  const auto second = node::verify_proof(root, parts[1], proof);
  if (!second || *second != *first)
    outcome.defects.push_back("proof: the same proof proved two answers");
}

/// What is wrong with one eth_subscription notification, or empty.
std::string notification_problem(std::string_view text) {
  const auto notification = nlohmann::json::parse(text, nullptr, false);
  if (notification.is_discarded()) return "a notification that is not valid JSON";
  if (!notification.is_object() || notification.contains("id") ||
      notification.value("jsonrpc", nlohmann::json()) != "2.0" ||
      notification.value("method", nlohmann::json()) != "eth_subscription")
    return "a notification that is not a JSON-RPC 2.0 eth_subscription notification";
  const auto params = notification.find("params");
  if (params == notification.end() || !params->is_object() || !params->contains("result") ||
      !params->contains("subscription") || !params->at("subscription").is_string())
    return "a notification without params.subscription and params.result";
  return {};
}

/// The JSON-RPC target's node: an in-memory NodeService (automine, chain 31337, the default
/// dev accounts) behind an RpcHandler, with one connection's Subscriptions for the WebSocket
/// inputs (polled after every input, each notification checked). Started at the first input and
/// started afresh after every kRpcInputsPerNode inputs, so the chain and the filters stay small.
class RpcTarget {
 public:
  /// The process's one target.
  static RpcTarget& instance() {
    static RpcTarget target;
    return target;
  }

  /// The answer to `body`; `websocket` gives the request the subscriptions (eth_subscribe
  /// works), `remote` makes the peer remote (privileged methods refused). Empty, with a
  /// defect in `outcome`, when the node cannot start.
  std::string answer(std::string_view body, bool websocket, bool remote, NodeOutcome& outcome) {
    if (!service_ || served_ == kRpcInputsPerNode) renew(outcome);
    if (!service_) return {};
    ++served_;
    node::RequestContext context;
    context.remote_peer = remote;
    context.subscriptions = websocket ? subscriptions_.get() : nullptr;
    std::string answer = handler_->handle(body, context);
    // An input that turned automine off would leave the next inputs' sends pooled, and an
    // eth_sendRawTransactionSync of them waiting out its timeout: every input starts mining.
    service_->set_automine(true).wait();
    // What a WebSocket connection would send next: the subscriptions' notifications due.
    for (const std::string& notification : subscriptions_->poll()) {
      const std::string problem = notification_problem(notification);
      if (!problem.empty()) outcome.defects.push_back("rpc: " + problem);
    }
    return answer;
  }

  /// Stops the node.
  void close() {
    handler_.reset();
    subscriptions_.reset();
    service_.reset();
  }

 private:
  static constexpr unsigned kRpcInputsPerNode = 1'000;

  void renew(NodeOutcome& outcome) {
    close();
    served_ = 0;
    node::NodeConfig config;
    config.in_memory = true;
    config.port = 0;
    auto started = node::NodeService::start(config);
    if (!started) {
      outcome.defects.push_back("rpc: the in-memory node did not start: " +
                                started.error().message);
      return;
    }
    service_ = std::move(*started);
    subscriptions_ = std::make_unique<node::Subscriptions>(*service_);
    handler_ = std::make_unique<node::RpcHandler>(*service_, artifacts_, false);
    // RocksDB's scheduler, a static it creates at the first open, is destroyed at exit before
    // this (older) static: the node must close first. A function given to atexit after that
    // static was made runs before its destructor.
    static const bool closes_at_exit = std::atexit([] { instance().close(); }) == 0;
    (void)closes_at_exit;
  }

  node::ArtifactIndex artifacts_;
  std::unique_ptr<node::NodeService> service_;
  std::unique_ptr<node::Subscriptions> subscriptions_;
  std::unique_ptr<node::RpcHandler> handler_;
  unsigned served_ = 0;
};

/// Whether `body` is JSON all of whose requests are notifications (objects without "id"):
/// then, and only then, the handler may answer nothing.
bool only_notifications(std::string_view body) {
  const auto request = nlohmann::json::parse(body, nullptr, false);
  if (request.is_discarded()) return false;
  const auto notification = [](const nlohmann::json& r) {
    return r.is_object() && !r.contains("id");
  };
  if (request.is_object()) return notification(request);
  if (!request.is_array() || request.empty() || request.size() > node::kMaxBatchRequests)
    return false;
  return std::all_of(request.begin(), request.end(), notification);
}

/// What is wrong with one response object by JSON-RPC 2.0 §5, or empty.
std::string response_problem(const nlohmann::json& response) {
  if (!response.is_object()) return "a response that is not an object";
  const auto version = response.find("jsonrpc");
  if (version == response.end() || *version != "2.0")
    return "a response without \"jsonrpc\": \"2.0\"";
  const auto id = response.find("id");
  if (id == response.end()) return "a response without \"id\"";
  if (!id->is_string() && !id->is_number() && !id->is_null())
    return "a response whose id is not a string, a number or null";
  const bool result = response.contains("result");
  const auto error = response.find("error");
  if (result && error != response.end()) return "a response with both result and error";
  if (!result && error == response.end()) return "a response with neither result nor error";
  if (error == response.end()) return {};
  if (!error->is_object() || !error->contains("code") || !(*error)["code"].is_number_integer() ||
      !error->contains("message") || !(*error)["message"].is_string())
    return "an error without an integer code and a string message";
  return {};
}

void fuzz_rpc(uint8_t mode, ByteView bytes, NodeOutcome& outcome) {
  RpcTarget& target = RpcTarget::instance();
  const std::string_view body(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const std::string answer = target.answer(body, (mode & 4) != 0, (mode & 8) != 0, outcome);
  if (!outcome.defects.empty()) return;
  if (answer.empty()) {
    if (!only_notifications(body))
      outcome.defects.push_back("rpc: no answer to a request with an id");
    return;
  }
  const auto parsed = nlohmann::json::parse(answer, nullptr, false);
  if (parsed.is_discarded()) {
    outcome.defects.push_back("rpc: an answer that is not valid JSON");
    return;
  }
  if (parsed.is_array() && parsed.empty()) {
    outcome.defects.push_back("rpc: an empty array answered");
    return;
  }
  const auto check = [&](const nlohmann::json& response) {
    const std::string problem = response_problem(response);
    if (!problem.empty()) outcome.defects.push_back("rpc: " + problem);
    if (response.is_object() && response.contains("result")) outcome.accepted = true;
  };
  if (!parsed.is_array()) {
    check(parsed);
    return;
  }
  for (const auto& response : parsed) check(response);
}

}  // namespace

NodeOutcome run_node_input(std::span<const uint8_t> input) {
  NodeOutcome outcome;
  if (input.empty()) return outcome;
  const ByteView rest = input.subspan(1);
  switch (input[0] % 4) {
    case 0:
      fuzz_rlp(rest, outcome);
      break;
    case 1:
      fuzz_transaction(rest, outcome);
      break;
    case 2:
      fuzz_proof(rest, outcome);
      break;
    default:
      fuzz_rpc(input[0], rest, outcome);
      break;
  }
  return outcome;
}

}  // namespace tenet::fuzz
