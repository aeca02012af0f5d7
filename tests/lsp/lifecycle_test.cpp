// The server's lifecycle (tenet/lsp/server.hpp): initialize and the capabilities it
// answers, the position encoding it negotiates, requests before initialize and after
// shutdown, exit statuses.
#include <gtest/gtest.h>

#include "lsp_client.hpp"

namespace tenet::lsp::testing {
namespace {

json error_answer(int id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

TEST(Lifecycle, InitializeAnswersTheCapabilities) {
  Client client;
  EXPECT_EQ(client.initialize(), json::parse(R"json({
    "capabilities": {
      "positionEncoding": "utf-16",
      "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
      "hoverProvider": true,
      "definitionProvider": true,
      "referencesProvider": true,
      "documentSymbolProvider": true,
      "completionProvider": {"triggerCharacters": [".", ":"]},
      "documentFormattingProvider": true,
      "inlayHintProvider": true
    },
    "serverInfo": {"name": "tenet", "version": "0.1.0"}
  })json"));
}

TEST(Lifecycle, Utf8IsChosenWhenTheClientOffersIt) {
  Client client;
  json answer = client.initialize(
      {{"capabilities", {{"general", {{"positionEncodings", {"utf-32", "utf-8", "utf-16"}}}}}}});
  EXPECT_EQ(answer["capabilities"]["positionEncoding"], "utf-8");
}

TEST(Lifecycle, RequestsBeforeInitializeAreRefusedAndNotificationsDropped) {
  Client client;
  EXPECT_EQ(client.call("textDocument/hover", at("file:///a.tn", 0, 0)),
            error_answer(1, -32002, "the server is not initialized (send 'initialize' first)"));
  EXPECT_TRUE(client.open("file:///a.tn", "contract C {}").empty());
  client.initialize();
  // The document opened before initialize was not taken.
  EXPECT_EQ(client.call("textDocument/hover", at("file:///a.tn", 0, 0))["error"]["code"], -32602);
}

TEST(Lifecycle, SecondInitializeIsAnInvalidRequest) {
  Client client;
  client.initialize();
  EXPECT_EQ(client.call("initialize", {{"capabilities", json::object()}}),
            error_answer(2, -32600, "the server is already initialized"));
}

TEST(Lifecycle, ShutdownThenExitIsStatusZero) {
  Client client;
  client.initialize();
  EXPECT_EQ(client.call("shutdown", nullptr),
            json::parse(R"json({"jsonrpc":"2.0","id":2,"result":null})json"));
  EXPECT_EQ(client.call("textDocument/hover", at("file:///a.tn", 0, 0)),
            error_answer(3, -32600, "the server is shutting down (only 'exit' is accepted)"));
  EXPECT_FALSE(client.server().exited());
  EXPECT_TRUE(client.notify("exit", nullptr).empty());
  EXPECT_TRUE(client.server().exited());
  EXPECT_EQ(client.server().exit_status(), 0);
}

TEST(Lifecycle, ExitWithoutShutdownIsStatusOne) {
  Client client;
  client.initialize();
  client.notify("exit", nullptr);
  EXPECT_TRUE(client.server().exited());
  EXPECT_EQ(client.server().exit_status(), 1);
}

TEST(Lifecycle, UnknownMethodsAndCancellation) {
  Client client;
  client.initialize();
  EXPECT_EQ(client.call("textDocument/rename", json::object()),
            error_answer(2, -32601, "unknown method 'textDocument/rename'"));
  // Every request is answered before the next message is read: a cancellation finds
  // nothing to cancel. Unknown notifications are ignored.
  EXPECT_TRUE(client.notify("$/cancelRequest", {{"id", 2}}).empty());
  EXPECT_TRUE(client.notify("$/setTrace", {{"value", "off"}}).empty());
  EXPECT_TRUE(
      client.notify("workspace/didChangeWatchedFiles", {{"changes", json::array()}}).empty());
  // Responses to the server's own requests need nothing.
  EXPECT_TRUE(client.send({{"jsonrpc", "2.0"}, {"id", "tenet/1"}, {"result", nullptr}}).empty());
}

}  // namespace
}  // namespace tenet::lsp::testing
