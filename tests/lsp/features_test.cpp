// The requests on a document through the source index and the formatter: go to definition
// (same file, an imported file, std/), find references (across the open documents),
// document symbols (hierarchical), completion (`self.`, `E::`), formatting — and each of
// them on a file that does not parse.
#include <gtest/gtest.h>

#include "lsp_client.hpp"

namespace tenet::lsp::testing {
namespace {

constexpr const char* kShapes =
    "/// A point.\n"
    "struct Point { x: u256, y: u256 }\n"
    "\n"
    "enum Color { Red, Green }\n"
    "\n"
    "/// Twice `x`.\n"
    "fn double(x: u256) -> u256 {\n"
    "    return x * 2;\n"
    "}\n";

constexpr const char* kVault =
    "import \"./shapes.tn\";\n"
    "import { min } from \"std/math.tn\";\n"
    "\n"
    "/// Keeps a running total.\n"
    "contract Vault {\n"
    "    total: u256;\n"
    "    color: Color;\n"
    "\n"
    "    /// Adds twice `amount`.\n"
    "    pub fn deposit(amount: u256) -> u256 {\n"
    "        self.total = self.total + double(amount);\n"
    "        return min(self.total, 100);\n"
    "    }\n"
    "\n"
    "    pub fn paint() {\n"
    "        self.color = Color::Green;\n"
    "    }\n"
    "}\n";

json error_answer(int id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

/// A project with shapes.tn and Vault.tn on disk, Vault.tn open.
class Features : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("tenet.toml", "[project]\n");
    dir_.write("src/shapes.tn", kShapes);
    dir_.write("src/Vault.tn", kVault);
    client_.initialize();
    client_.open(vault_, kVault);
  }
  json location(const std::string& uri, const json& r) { return {{"uri", uri}, {"range", r}}; }

  TempDir dir_;
  Client client_;
  const std::string vault_ = dir_.uri("src/Vault.tn");
  const std::string shapes_ = dir_.uri("src/shapes.tn");
};

TEST_F(Features, DefinitionInTheSameFile) {
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 10, 14)),
            location(vault_, range(5, 4, 5, 9)));
}

TEST_F(Features, DefinitionInAnImportedFile) {
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 10, 36)),
            location(shapes_, range(6, 3, 6, 9)));
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 15, 23)),
            location(shapes_, range(3, 5, 3, 10)));
}

TEST_F(Features, DefinitionInTheStandardLibrary) {
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 11, 16)),
            location(uri_of_path((stdlib_dir() / "std/math.tn").lexically_normal().string()),
                     range(3, 3, 3, 6)));
}

TEST_F(Features, NoDefinitionOnKeywordsAndWhitespace) {
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 9, 5)), nullptr);
  EXPECT_EQ(client_.result("textDocument/definition", at(vault_, 2, 0)), nullptr);
}

TEST_F(Features, ReferencesWithAndWithoutTheDeclaration) {
  json params = at(vault_, 10, 14);
  params["context"] = {{"includeDeclaration", true}};
  EXPECT_EQ(
      client_.result("textDocument/references", params),
      json::array({location(vault_, range(5, 4, 5, 9)), location(vault_, range(10, 13, 10, 18)),
                   location(vault_, range(10, 26, 10, 31)),
                   location(vault_, range(11, 24, 11, 29))}));
  params["context"] = {{"includeDeclaration", false}};
  EXPECT_EQ(client_.result("textDocument/references", params).size(), 3u);
}

TEST_F(Features, ReferencesInTheOtherOpenDocuments) {
  client_.open(shapes_, kShapes);
  json params = at(shapes_, 6, 4);
  params["context"] = {{"includeDeclaration", true}};
  EXPECT_EQ(
      client_.result("textDocument/references", params),
      json::array({location(shapes_, range(6, 3, 6, 9)), location(vault_, range(10, 34, 10, 40))}));
}

TEST_F(Features, DocumentSymbolsAreHierarchical) {
  // clang-format off
  const json expected = json::parse(R"json([{
    "name": "Vault", "detail": "contract Vault", "kind": 5,
    "range": {"start": {"line": 4, "character": 0}, "end": {"line": 17, "character": 1}},
    "selectionRange": {"start": {"line": 4, "character": 9},
                       "end": {"line": 4, "character": 14}},
    "children": [
      {"name": "total", "detail": "total: u256", "kind": 8,
       "range": {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 16}},
       "selectionRange": {"start": {"line": 5, "character": 4},
                          "end": {"line": 5, "character": 9}}},
      {"name": "color", "detail": "color: Color", "kind": 8,
       "range": {"start": {"line": 6, "character": 4}, "end": {"line": 6, "character": 17}},
       "selectionRange": {"start": {"line": 6, "character": 4},
                          "end": {"line": 6, "character": 9}}},
      {"name": "deposit", "detail": "pub fn deposit(amount: u256) -> u256", "kind": 12,
       "range": {"start": {"line": 9, "character": 4}, "end": {"line": 12, "character": 5}},
       "selectionRange": {"start": {"line": 9, "character": 11},
                          "end": {"line": 9, "character": 18}}},
      {"name": "paint", "detail": "pub fn paint()", "kind": 12,
       "range": {"start": {"line": 14, "character": 4}, "end": {"line": 16, "character": 5}},
       "selectionRange": {"start": {"line": 14, "character": 11},
                          "end": {"line": 14, "character": 16}}}
    ]}])json");
  // clang-format on
  EXPECT_EQ(client_.result("textDocument/documentSymbol", {{"textDocument", {{"uri", vault_}}}}),
            expected);
}

TEST_F(Features, CompletionOfSelfMembersAndEnumVariants) {
  // clang-format off
  const json members = json::parse(R"json([
    {"label": "color", "kind": 5, "detail": "color: Color"},
    {"label": "deposit", "kind": 3, "detail": "pub fn deposit(amount: u256) -> u256",
     "documentation": "Adds twice `amount`."},
    {"label": "paint", "kind": 3, "detail": "pub fn paint()"},
    {"label": "total", "kind": 5, "detail": "total: u256"}
  ])json");
  const json variants = json::parse(R"json([
    {"label": "Green", "kind": 20, "detail": "Color::Green"},
    {"label": "Red", "kind": 20, "detail": "Color::Red"}
  ])json");
  // clang-format on
  // `self.color = Color::Green;` becomes `self.` (the file no longer parses).
  client_.notify("textDocument/didChange",
                 {{"textDocument", {{"uri", vault_}, {"version", 2}}},
                  {"contentChanges", {{{"range", range(15, 8, 15, 34)}, {"text", "self."}}}}});
  EXPECT_EQ(client_.result("textDocument/completion", at(vault_, 15, 13)), members);
  client_.notify("textDocument/didChange",
                 {{"textDocument", {{"uri", vault_}, {"version", 3}}},
                  {"contentChanges", {{{"range", range(15, 8, 15, 13)}, {"text", "Color::"}}}}});
  EXPECT_EQ(client_.result("textDocument/completion", at(vault_, 15, 15)), variants);
}

TEST_F(Features, FormattingReplacesTheWholeDocument) {
  const std::string uri = dir_.uri("src/ugly.tn");
  client_.open(uri, "contract  C {\n  pub fn f()->u256{return 1;}\n}");
  const json edits = json::parse(R"json([{
    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 1}},
    "newText": "contract C {\n    pub fn f() -> u256 { return 1; }\n}\n"}])json");
  const json options = {{"tabSize", 4}, {"insertSpaces", true}};
  EXPECT_EQ(client_.result("textDocument/formatting",
                           {{"textDocument", {{"uri", uri}}}, {"options", options}}),
            edits);
  // Already formatted: no edits.
  EXPECT_EQ(client_.result("textDocument/formatting",
                           {{"textDocument", {{"uri", vault_}}}, {"options", options}}),
            json::array());
}

TEST_F(Features, FormattingAFileThatDoesNotParseFails) {
  const std::string uri = dir_.uri("src/broken.tn");
  client_.open(uri, "contract C {\n    pub fn f( -> u256 { return 1; }\n}\n");
  EXPECT_EQ(
      client_.call("textDocument/formatting",
                   {{"textDocument", {{"uri", uri}}},
                    {"options", {{"tabSize", 4}, {"insertSpaces", true}}}}),
      error_answer(2, -32803,
                   "cannot format " + uri + ": 2:15: expected identifier or ')', found '->'"));
}

TEST_F(Features, RequestsOnAFileThatDoesNotParseStillAnswer) {
  const std::string uri = dir_.uri("src/half.tn");
  const std::string text =
      "contract Half {\n"
      "    total: u256;\n"
      "    pub fn f() -> u256 { return self.total + ; }\n"
      "    pub fn g() -> u256 { return self.total; }\n"
      "}\n";
  client_.open(uri, text);
  EXPECT_EQ(client_.result("textDocument/definition", at(uri, 3, 38)),
            location(uri, range(1, 4, 1, 9)));
  const json hover = json::parse(R"json({
    "contents": {"kind": "markdown", "value": "```tenet\ntotal: u256\n```"},
    "range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 9}}})json");
  EXPECT_EQ(client_.result("textDocument/hover", at(uri, 1, 5)), hover);
  const json outline =
      client_.result("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
  ASSERT_EQ(outline.size(), 1u);
  EXPECT_EQ(outline[0]["name"], "Half");
  ASSERT_EQ(outline[0]["children"].size(), 3u);
  EXPECT_EQ(outline[0]["children"][2]["detail"], "pub fn g() -> u256");
}

}  // namespace
}  // namespace tenet::lsp::testing
