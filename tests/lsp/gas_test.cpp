// Gas bounds where the code is written: hover on an entry point shows its bound (or why
// there is none, at which line) and its selector; inlay hints show them when enabled. The
// bounds are the artifact's gasEstimates (`tenet compile --emit gas` prints the same).
#include <gtest/gtest.h>

#include "lsp_client.hpp"
#include "tenet/lsp/gas_bounds.hpp"

namespace tenet::lsp::testing {
namespace {

constexpr const char* kCounter =
    "contract Counter {\n"
    "    count: u256;\n"
    "\n"
    "    pub fn bump(by: u256) -> u256 {\n"
    "        self.count = self.count + by;\n"
    "        return self.count;\n"
    "    }\n"
    "\n"
    "    pub fn spin(n: u256) -> u256 {\n"
    "        let mut total: u256 = 0;\n"
    "        for i in 0..n {\n"
    "            total = total + i;\n"
    "        }\n"
    "        return total;\n"
    "    }\n"
    "\n"
    "    fn helper() {}\n"
    "}\n";

json hover_answer(const std::string& value, const json& r) {
  return {{"contents", {{"kind", "markdown"}, {"value", value}}}, {"range", r}};
}

TEST(GasBounds, HoverOnAFunctionShowsItsBoundAndSelector) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("Counter.tn");
  client.open(uri, kCounter);
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 3, 13)),
            hover_answer("```tenet\npub fn bump(by: u256) -> u256\n```\n\ngas: ≤ 26,471 gas  \n"
                         "selector: `0xb20eb4c4`",
                         range(3, 11, 3, 15)));
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 8, 15)),  // just after the name
            hover_answer(
                "```tenet\npub fn spin(n: u256) -> u256\n```\n\ngas: unbounded: loop at line 11  \n"
                "selector: `0xa5b6ea8f`",
                range(8, 11, 8, 15)));
  // A private function is no entry point: no bound, no selector.
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 16, 8)),
            hover_answer("```tenet\nfn helper()\n```", range(16, 7, 16, 13)));
}

TEST(GasBounds, ComputedOnSaveNotOnEveryChange) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("Counter.tn");
  client.open(uri, "contract Counter {\n    pub fn bump() {}\n}\n");
  const json first = client.result("textDocument/hover", at(uri, 1, 12));
  // A loop is typed in: the hover keeps the bound of the last save until the next save.
  client.notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", uri}, {"version", 2}}},
       {"contentChanges", {{{"range", range(1, 19, 1, 19)}, {"text", " while true {} "}}}}});
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 1, 12)), first);
  client.notify("textDocument/didSave", {{"textDocument", {{"uri", uri}}}});
  EXPECT_EQ(
      client.result("textDocument/hover", at(uri, 1, 12))["contents"]["value"],
      "```tenet\npub fn bump()\n```\n\ngas: unbounded: loop at line 2  \nselector: `0x68110b2f`");
}

TEST(GasBounds, AFileWithErrorsHasNoBoundsYet) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("C.tn");
  client.open(uri, "contract C {\n    pub fn f() -> u256 { return missing; }\n}\n");
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 1, 11))["contents"]["value"],
            "```tenet\npub fn f() -> u256\n```\n\ngas: estimated when the file is saved without "
            "errors  \n"
            "selector: `0x26121ff0`");
}

TEST(GasBounds, InlayHintsAreOffByDefault) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("Counter.tn");
  client.open(uri, kCounter);
  EXPECT_EQ(client.result("textDocument/inlayHint",
                          {{"textDocument", {{"uri", uri}}}, {"range", range(0, 0, 20, 0)}}),
            json::array());
}

TEST(GasBounds, InlayHintsByInitializationOptionOrSetting) {
  TempDir dir;
  Client client;
  client.initialize({{"initializationOptions", {{"inlayHints", {{"gasBounds", true}}}}}});
  const std::string uri = dir.uri("Counter.tn");
  client.open(uri, kCounter);
  const json params = {{"textDocument", {{"uri", uri}}}, {"range", range(0, 0, 20, 0)}};
  EXPECT_EQ(client.result("textDocument/inlayHint", params), json::parse(R"json([
    {"position": {"line": 3, "character": 15}, "label": "≤ 26,471 gas", "paddingLeft": true},
    {"position": {"line": 8, "character": 15}, "label": "unbounded: loop at line 11",
     "paddingLeft": true}
  ])json"));
  // Only the range asked for.
  EXPECT_EQ(client
                .result("textDocument/inlayHint",
                        {{"textDocument", {{"uri", uri}}}, {"range", range(5, 0, 9, 0)}})
                .size(),
            1u);
  client.notify("workspace/didChangeConfiguration",
                {{"settings", {{"tenet", {{"inlayHints", {{"gasBounds", false}}}}}}}});
  EXPECT_EQ(client.result("textDocument/inlayHint", params), json::array());
}

TEST(GasBounds, TheClientIsAskedToRefreshHintsAfterASave) {
  TempDir dir;
  Client client;
  client.initialize(
      {{"initializationOptions", {{"inlayHints", {{"gasBounds", true}}}}},
       {"capabilities", {{"workspace", {{"inlayHint", {{"refreshSupport", true}}}}}}}});
  const std::string uri = dir.uri("Counter.tn");
  auto out = client.open(uri, "contract Counter {}\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1], json::parse(R"json({"jsonrpc":"2.0","id":"tenet/1",
                                     "method":"workspace/inlayHint/refresh"})json"));
}

TEST(GasBounds, Wording) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(50649), "50,649");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
  compiler::CodegenResult code;
  code.files = {"/p/src/a.tn", "/p/lib/std/math.tn"};
  code.container.functions.push_back({0, 100, 0, 0, 0, 0, 0});
  code.lines = {{0, 0, 3, 1}, {10, 0, 0, 0}, {20, 1, 12, 5}, {30, 0, 9, 1}};
  const std::vector<LineSpan> loops = {{2, 10}, {8, 9}, {12, 14}};
  const std::string path = "/p/src/a.tn";
  using compiler::GasBound;
  using compiler::UnboundedCause;
  const auto unbounded = [&](UnboundedCause cause, std::optional<uint32_t> at) {
    return describe_gas(GasBound{std::nullopt, "", cause, at}, code, path, loops);
  };
  EXPECT_EQ(
      describe_gas(GasBound{50649, "", UnboundedCause::none, std::nullopt}, code, path, loops),
      "≤ 50,649 gas");
  // Offset 12 has no line: the row before has line 3, in the loop of lines 2–10.
  EXPECT_EQ(unbounded(UnboundedCause::loop, 12), "unbounded: loop at line 2");
  // Line 9: the innermost loop around it starts at line 8.
  EXPECT_EQ(unbounded(UnboundedCause::loop, 35), "unbounded: loop at line 8");
  EXPECT_EQ(unbounded(UnboundedCause::external_call, 35), "unbounded: external call at line 9");
  EXPECT_EQ(unbounded(UnboundedCause::recursion, 25), "unbounded: recursion at math.tn:12");
  EXPECT_EQ(unbounded(UnboundedCause::too_much_gas, std::nullopt),
            "unbounded: bound above 2^62 gas");
  EXPECT_EQ(unbounded(UnboundedCause::too_large, std::nullopt),
            "unbounded: code too large to analyse");
  EXPECT_EQ(unbounded(UnboundedCause::cheat_code, 5), "unbounded: cheat code at line 3");
  // Outside every function: no place.
  EXPECT_EQ(unbounded(UnboundedCause::memory, 500), "unbounded: memory not bounded");
}

TEST(GasBounds, TheConstructorsBoundIsAtInitAfterPayable) {
  TempDir dir;
  Client client;
  client.initialize({{"initializationOptions", {{"inlayHints", {{"gasBounds", true}}}}}});
  const std::string uri = dir.uri("V.tn");
  client.open(uri,
              "contract V {\n"
              "    v: u256;\n"
              "    payable init(x: u256) { self.v = x; }\n"
              "}\n");
  const json hints = client.result(
      "textDocument/inlayHint", {{"textDocument", {{"uri", uri}}}, {"range", range(0, 0, 4, 0)}});
  ASSERT_EQ(hints.size(), 1u) << hints.dump();
  EXPECT_EQ(hints[0]["position"], json({{"line", 2}, {"character", 16}}));
  EXPECT_EQ(hints[0]["label"], "≤ 22,140 gas");  // `tenet compile --emit gas`: constructor 22140
  EXPECT_EQ(client.result("textDocument/hover", at(uri, 2, 14))["contents"]["value"],
            "```tenet\npayable init(x: u256)\n```\n\ngas: ≤ 22,140 gas");
}

}  // namespace
}  // namespace tenet::lsp::testing
