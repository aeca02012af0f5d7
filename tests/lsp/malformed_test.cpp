// Bad input never stops the server: malformed bodies, messages of the wrong shape, params
// of the wrong types, unknown documents — each answered with a JSON-RPC error (for a
// notification, a window/logMessage of type Error) — and the next message still works.
// serve() over streams: malformed frames, the end of the input, exit statuses.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp_client.hpp"
#include "tenet/lsp/framing.hpp"

namespace tenet::lsp::testing {
namespace {

json error_answer(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json logged(const std::string& message) {
  return {{"jsonrpc", "2.0"},
          {"method", "window/logMessage"},
          {"params", {{"type", 1}, {"message", message}}}};
}

/// The server still answers after whatever came before.
void expect_alive(Client& client) {
  auto out = client.request("shutdown", nullptr);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["result"], nullptr) << out[0].dump();
}

TEST(Malformed, BodiesAndEnvelopes) {
  Client client;
  client.initialize();
  EXPECT_EQ(client.raw("{\"jsonrpc\": \"2.0\", \"id\": 4, "),
            std::vector<json>{error_answer(nullptr, -32700, "the message is not valid JSON")});
  EXPECT_EQ(client.raw("\xff\xfe"),
            std::vector<json>{error_answer(nullptr, -32700, "the message is not valid JSON")});
  EXPECT_EQ(client.raw("[]"),
            std::vector<json>{error_answer(nullptr, -32600, "a message must be a JSON object")});
  EXPECT_EQ(client.raw(R"json({"jsonrpc":"2.0","id":9,"method":["hover"]})json"),
            std::vector<json>{error_answer(9, -32600, "'method' must be a string")});
  EXPECT_EQ(
      client.raw(R"json({"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"})json"),
      std::vector<json>{error_answer(nullptr, -32600, "'id' must be an integer or a string")});
  expect_alive(client);
}

struct ParamsCase {
  const char* method;
  json params;
  const char* message;
};

class MalformedRequestParams : public ::testing::TestWithParam<ParamsCase> {};

TEST_P(MalformedRequestParams, AreInvalidParams) {
  TempDir dir;
  Client client;
  client.initialize();
  client.open("file:///nowhere/a.tn", "contract C {}\n");
  const json answer = client.call(GetParam().method, GetParam().params);
  EXPECT_EQ(answer, error_answer(client.last_id(), -32602, GetParam().message));
  expect_alive(client);
}

INSTANTIATE_TEST_SUITE_P(
    Requests, MalformedRequestParams,
    ::testing::Values(
        ParamsCase{"textDocument/hover", json::object(), "'textDocument' must be an object"},
        ParamsCase{"textDocument/hover",
                   {{"textDocument", {{"uri", 5}}}},
                   "'textDocument.uri' must be a string"},
        ParamsCase{"textDocument/hover",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}}}},
                   "'position' must be an object"},
        ParamsCase{"textDocument/hover",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}}},
                    {"position", {{"line", -1}, {"character", 0}}}},
                   "'position.line' must be a non-negative integer"},
        ParamsCase{"textDocument/hover",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}}},
                    {"position", {{"line", 0}, {"character", "0"}}}},
                   "'position.character' must be a non-negative integer"},
        ParamsCase{"textDocument/hover", at("file:///nowhere/b.tn", 0, 0),
                   "unknown document 'file:///nowhere/b.tn' (not opened with "
                   "textDocument/didOpen)"},
        ParamsCase{"textDocument/inlayHint",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}}},
                    {"range", {{"start", {{"line", 0}, {"character", 0}}}}}},
                   "'range.end' must be an object"},
        ParamsCase{"textDocument/inlayHint",
                   {{"textDocument", {{"uri", "file:///x.tn"}}}},
                   "unknown document 'file:///x.tn' (not opened with textDocument/didOpen)"}));

class MalformedNotificationParams : public ::testing::TestWithParam<ParamsCase> {};

TEST_P(MalformedNotificationParams, AreLoggedAsErrors) {
  Client client;
  client.initialize();
  client.open("file:///nowhere/a.tn", "contract C {}\n");
  EXPECT_EQ(client.notify(GetParam().method, GetParam().params),
            std::vector<json>{logged(GetParam().message)});
  expect_alive(client);
}

INSTANTIATE_TEST_SUITE_P(
    Notifications, MalformedNotificationParams,
    ::testing::Values(
        ParamsCase{"textDocument/didOpen",
                   {{"textDocument", {{"uri", "file:///a.tn"}}}},
                   "textDocument/didOpen: 'textDocument.version' must be an integer"},
        ParamsCase{"textDocument/didOpen",
                   {{"textDocument", {{"uri", "file:///a.tn"}, {"version", 1}, {"text", 3}}}},
                   "textDocument/didOpen: 'textDocument.text' must be a string"},
        ParamsCase{"textDocument/didOpen",
                   {{"textDocument", {{"uri", "untitled:1"}, {"version", 1}, {"text", ""}}}},
                   "textDocument/didOpen: 'untitled:1' is not a file: URI"},
        ParamsCase{"textDocument/didChange",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}, {"version", 2}}}},
                   "textDocument/didChange: 'contentChanges' must be an array"},
        ParamsCase{"textDocument/didChange",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}, {"version", 2}}},
                    {"contentChanges", {{{"range", range(0, 0, 0, 0)}}}}},
                   "textDocument/didChange: 'contentChanges[0].text' must be a string"},
        ParamsCase{"textDocument/didChange",
                   {{"textDocument", {{"uri", "file:///nowhere/a.tn"}, {"version", 2}}},
                    {"contentChanges", {{{"range", {{"start", 0}}}, {"text", ""}}}}},
                   "textDocument/didChange: 'contentChanges[0].range.start' must be an object"},
        ParamsCase{"textDocument/didChange",
                   {{"textDocument", {{"uri", "file:///nowhere/b.tn"}, {"version", 2}}},
                    {"contentChanges", json::array()}},
                   "textDocument/didChange: unknown document 'file:///nowhere/b.tn'"},
        ParamsCase{"textDocument/didSave",
                   {{"textDocument", {{"uri", "file:///nowhere/b.tn"}}}},
                   "textDocument/didSave: unknown document 'file:///nowhere/b.tn'"},
        ParamsCase{"textDocument/didClose", json::array({1, 2}),
                   "textDocument/didClose: 'textDocument' must be an object"}));

TEST(Malformed, ChangesOutsideTheTextAreClamped) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  client.open(uri, "contract C {}\n");
  auto out = client.notify("textDocument/didChange",
                           {{"textDocument", {{"uri", uri}, {"version", 2}}},
                            {"contentChanges", {{{"range", range(40, 2, 3, 0)}, {"text", "x"}}}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["params"]["diagnostics"][0]["message"],
            "expected an item (import, const, struct, enum, event, error, interface, contract or "
            "fn), found 'x'");
}

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(Serve, AnswersEveryFrameAndExitsWithStatusZeroAfterShutdown) {
  std::istringstream in(
      framed(
          R"json({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})json") +
      "Content-Length: x\r\n\r\n" + framed("not json") +
      framed(R"json({"jsonrpc":"2.0","id":2,"method":"shutdown"})json") +
      framed(R"json({"jsonrpc":"2.0","method":"exit"})json") +
      framed(R"json({"jsonrpc":"2.0","id":3})json"));
  std::ostringstream out;
  EXPECT_EQ(serve(in, out, ServerOptions{stdlib_dir()}), 0);
  std::istringstream answers(out.str());
  std::vector<json> got;
  for (Frame f = read_frame(answers); f.status == FrameStatus::message; f = read_frame(answers))
    got.push_back(json::parse(f.body));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0]["id"], 1);
  EXPECT_EQ(got[1], error_answer(nullptr, -32700, "invalid Content-Length 'x'"));
  EXPECT_EQ(got[2], error_answer(nullptr, -32700, "the message is not valid JSON"));
  EXPECT_EQ(got[3], json::parse(R"json({"jsonrpc":"2.0","id":2,"result":null})json"));
  // The message after `exit` was not read.
  EXPECT_EQ(answers.str().find("\"id\":3"), std::string::npos);
}

TEST(Serve, EndOfInputWithoutShutdownIsStatusOne) {
  std::istringstream in(
      framed(R"json({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})json") +
      "Content-Length: 100\r\n\r\n{\"jsonrpc\"");
  std::ostringstream out;
  EXPECT_EQ(serve(in, out, ServerOptions{stdlib_dir()}), 1);
}

TEST(Serve, InvalidUtf8InAHeaderIsQuotedWithReplacementCharacters) {
  std::istringstream in("\xFF\xFE\r\n\r\n" +
                        framed(R"json({"jsonrpc":"2.0","id":1,"method":"shutdown"})json"));
  std::ostringstream out;
  EXPECT_EQ(serve(in, out, ServerOptions{stdlib_dir()}), 1);
  std::istringstream answers(out.str());
  EXPECT_EQ(json::parse(read_frame(answers).body),
            error_answer(nullptr, -32700, "malformed header line '\uFFFD\uFFFD'"));
  EXPECT_EQ(json::parse(read_frame(answers).body),
            error_answer(1, -32002, "the server is not initialized (send 'initialize' first)"));
}

}  // namespace
}  // namespace tenet::lsp::testing
