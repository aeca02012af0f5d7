// The JSON-RPC envelope (src/rpc/envelope.hpp) over a recording dispatcher: parse errors,
// single requests, batches (empty, oversized, mixed), notifications, ids, params shapes.

#include "../../../node-integration/src/rpc/envelope.hpp"

#include <gtest/gtest.h>

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// Answers "echo" with its params, "fail" with a refusal; records every call.
struct EnvelopeTestDispatcher {
  std::vector<std::string> calls;
  Dispatcher dispatcher() {
    return [this](const std::string& method, const json& params) -> MethodResult {
      calls.push_back(method);
      if (method == "fail") return error_of(Refusal{RefusalKind::NonceTooLow, "have 1, want 2"});
      if (method == "data") return MethodError{3, "execution reverted", json("0x01")};
      return json{{"method", method}, {"params", params}};
    };
  }
};

std::string envelope_test_answer(std::string_view body, std::size_t max_batch = 1000) {
  EnvelopeTestDispatcher d;
  return answer_body(body, d.dispatcher(), max_batch);
}

TEST(RpcEnvelope, ParseError) {
  EXPECT_EQ(envelope_test_answer("{"),
            R"({"error":{"code":-32700,"message":"parse error"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(""),
            R"({"error":{"code":-32700,"message":"parse error"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer("[1,"),
            R"({"error":{"code":-32700,"message":"parse error"},"id":null,"jsonrpc":"2.0"})");
}

TEST(RpcEnvelope, SingleRequests) {
  EXPECT_EQ(envelope_test_answer(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":[1]})"),
            R"({"id":7,"jsonrpc":"2.0","result":{"method":"echo","params":[1]}})");
  // Missing "jsonrpc" accepted; absent or null params are an empty array; string ids kept.
  EXPECT_EQ(envelope_test_answer(R"({"id":"a","method":"echo"})"),
            R"({"id":"a","jsonrpc":"2.0","result":{"method":"echo","params":[]}})");
  EXPECT_EQ(envelope_test_answer(R"({"id":null,"method":"echo","params":null})"),
            R"({"id":null,"jsonrpc":"2.0","result":{"method":"echo","params":[]}})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"method":"fail"})"),
            R"({"error":{"code":-32000,"message":"nonce too low: have 1, want 2"},"id":1,)"
            R"("jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"method":"data"})"),
            R"({"error":{"code":3,"data":"0x01","message":"execution reverted"},"id":1,)"
            R"("jsonrpc":"2.0"})");
}

TEST(RpcEnvelope, InvalidRequests) {
  EXPECT_EQ(envelope_test_answer("1"),
            R"({"error":{"code":-32600,"message":"invalid request: a request must be a JSON )"
            R"(object"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"method":5})"),
            R"({"error":{"code":-32600,"message":"invalid request: method must be a string"},)"
            R"("id":1,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1})"),
            R"({"error":{"code":-32600,"message":"invalid request: method must be a string"},)"
            R"("id":1,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"jsonrpc":"1.0","method":"echo"})"),
            R"({"error":{"code":-32600,"message":"invalid request: jsonrpc must be \"2.0\""},)"
            R"("id":1,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":[1],"method":"echo"})"),
            R"({"error":{"code":-32600,"message":"invalid request: id must be a string, a )"
            R"(number or null"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"method":"echo","params":{"a":1}})"),
            R"({"error":{"code":-32602,"message":"invalid params: by-name parameters are not )"
            R"(supported"},"id":1,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"({"id":1,"method":"echo","params":"x"})"),
            R"({"error":{"code":-32602,"message":"invalid params: params must be an array"},)"
            R"("id":1,"jsonrpc":"2.0"})");
}

TEST(RpcEnvelope, Batches) {
  EXPECT_EQ(envelope_test_answer("[]"),
            R"({"error":{"code":-32600,"message":"invalid request: empty batch"},"id":null,)"
            R"("jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"([{"method":"echo"},{"method":"echo"},{"method":"echo"}])", 2),
            R"({"error":{"code":-32600,"message":"invalid request: a batch holds at most 2 )"
            R"(requests"},"id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(envelope_test_answer(R"([{"id":1,"method":"echo"},2,{"method":"echo"},)"
                                 R"({"id":3,"method":"fail"}])"),
            R"([{"id":1,"jsonrpc":"2.0","result":{"method":"echo","params":[]}},)"
            R"({"error":{"code":-32600,"message":"invalid request: a request must be a JSON )"
            R"(object"},"id":null,"jsonrpc":"2.0"},)"
            R"({"error":{"code":-32000,"message":"nonce too low: have 1, want 2"},"id":3,)"
            R"("jsonrpc":"2.0"}])");
}

TEST(RpcEnvelope, NotificationsAreRunNotAnswered) {
  EnvelopeTestDispatcher d;
  EXPECT_EQ(answer_body(R"({"method":"echo"})", d.dispatcher(), 1000), "");
  EXPECT_EQ(answer_body(R"([{"method":"echo"},{"method":"fail"}])", d.dispatcher(), 1000), "");
  EXPECT_EQ(d.calls, (std::vector<std::string>{"echo", "echo", "fail"}));
}

TEST(RpcEnvelope, BrokenUtf8InMessagesIsReplaced) {
  EnvelopeTestDispatcher d;
  const Dispatcher quoting = [](const std::string&, const json&) -> MethodResult {
    return error_of(Refusal{RefusalKind::InvalidParams, std::string("digit '\xc3'")});
  };
  const std::string answer = answer_body(R"({"id":1,"method":"x"})", quoting, 1000);
  EXPECT_EQ(answer,
            "{\"error\":{\"code\":-32602,\"message\":\"invalid params: digit '\xef\xbf\xbd'\"},"
            "\"id\":1,\"jsonrpc\":\"2.0\"}");
}

}  // namespace
}  // namespace tenet::node::rpc
