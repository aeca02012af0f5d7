// JSON-RPC envelopes (tenet/lsp/jsonrpc.hpp): the three kinds, and each way a body can be
// refused with its code and the id it is answered with.
#include "tenet/lsp/jsonrpc.hpp"

#include <gtest/gtest.h>

namespace tenet::lsp {
namespace {

using nlohmann::json;

TEST(JsonRpc, ClassifiesRequestsNotificationsAndResponses) {
  auto request = parse_message(R"json({"jsonrpc":"2.0","id":7,"method":"shutdown"})json");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->kind, Incoming::Kind::request);
  EXPECT_EQ(request->id, 7);
  EXPECT_EQ(request->method, "shutdown");
  EXPECT_TRUE(request->params.is_null());

  auto notification =
      parse_message(R"json({"jsonrpc":"2.0","method":"exit","params":{"a":1}})json");
  ASSERT_TRUE(notification.ok());
  EXPECT_EQ(notification->kind, Incoming::Kind::notification);
  EXPECT_EQ(notification->params, json({{"a", 1}}));

  auto response = parse_message(R"json({"jsonrpc":"2.0","id":"tenet/1","result":null})json");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->kind, Incoming::Kind::response);
  EXPECT_EQ(response->id, "tenet/1");
}

struct RefusedCase {
  const char* body;
  ErrorCode code;
  const char* message;
  json id;
};

class JsonRpcRefused : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(JsonRpcRefused, WithTheCodeAndTheIdThatCouldBeRead) {
  auto m = parse_message(GetParam().body);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, GetParam().code);
  EXPECT_EQ(m.error().message, GetParam().message);
  EXPECT_EQ(m.error().id, GetParam().id);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, JsonRpcRefused,
    ::testing::Values(
        RefusedCase{"{\"jsonrpc\":", ErrorCode::parse_error, "the message is not valid JSON",
                    nullptr},
        RefusedCase{"", ErrorCode::parse_error, "the message is not valid JSON", nullptr},
        RefusedCase{"[{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}]", ErrorCode::invalid_request,
                    "a message must be a JSON object", nullptr},
        RefusedCase{"42", ErrorCode::invalid_request, "a message must be a JSON object", nullptr},
        RefusedCase{R"json({"id":1,"method":"shutdown"})json", ErrorCode::invalid_request,
                    "'jsonrpc' must be \"2.0\"", 1},
        RefusedCase{R"json({"jsonrpc":"1.0","id":1,"method":"shutdown"})json",
                    ErrorCode::invalid_request, "'jsonrpc' must be \"2.0\"", 1},
        RefusedCase{R"json({"jsonrpc":"2.0","id":1.5,"method":"shutdown"})json",
                    ErrorCode::invalid_request, "'id' must be an integer or a string", nullptr},
        RefusedCase{R"json({"jsonrpc":"2.0","id":[1],"method":"shutdown"})json",
                    ErrorCode::invalid_request, "'id' must be an integer or a string", nullptr},
        RefusedCase{R"json({"jsonrpc":"2.0","id":"a","method":3})json", ErrorCode::invalid_request,
                    "'method' must be a string", "a"},
        RefusedCase{R"json({"jsonrpc":"2.0","id":2,"method":"x","params":"p"})json",
                    ErrorCode::invalid_request, "'params' must be an object or an array", 2},
        RefusedCase{R"json({"jsonrpc":"2.0"})json", ErrorCode::invalid_request,
                    "a message needs a 'method' or an 'id'", nullptr}));

TEST(JsonRpc, BuildsAnswers) {
  EXPECT_EQ(make_response(1, nullptr),
            json::parse(R"json({"jsonrpc":"2.0","id":1,"result":null})json"));
  EXPECT_EQ(make_error("x", ErrorCode::method_not_found, "unknown method 'y'"),
            json::parse(R"json({"jsonrpc":"2.0","id":"x","error":{"code":-32601,
                            "message":"unknown method 'y'"}})json"));
  EXPECT_EQ(
      make_request("tenet/1", "workspace/inlayHint/refresh", nullptr),
      json::parse(
          R"json({"jsonrpc":"2.0","id":"tenet/1","method":"workspace/inlayHint/refresh"})json"));
}

}  // namespace
}  // namespace tenet::lsp
