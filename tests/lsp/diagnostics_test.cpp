// Diagnostics (textDocument/publishDiagnostics): on open and on every change, full and
// incremental, exact ranges in UTF-16 and UTF-8, notes as relatedInformation, for the
// open files importing a changed file (reading its unsaved text), cleared on close.
#include <gtest/gtest.h>

#include "lsp_client.hpp"

namespace tenet::lsp::testing {
namespace {

constexpr const char* kUnknownName =
    "contract C {\n    pub fn f() -> u256 { /* é😀 */ return missing; }\n}\n";

TEST(Diagnostics, PublishedOnOpenWithUtf16Ranges) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  EXPECT_EQ(
      client.open(uri, kUnknownName),
      std::vector<json>{published(uri, {error_at(range(1, 42, 1, 49), "unknown name 'missing'")})});
}

TEST(Diagnostics, Utf8RangesCountBytes) {
  TempDir dir;
  Client client;
  client.initialize({{"capabilities", {{"general", {{"positionEncodings", {"utf-8"}}}}}}});
  const std::string uri = dir.uri("a.tn");
  EXPECT_EQ(
      client.open(uri, kUnknownName),
      std::vector<json>{published(uri, {error_at(range(1, 45, 1, 52), "unknown name 'missing'")})});
}

TEST(Diagnostics, WarningsAndNotes) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  const std::string text =
      "contract C {\n"
      "    pub fn f() -> u256 {\n"
      "        let total: u256 = 0;\n"
      "        let unused = 1;\n"
      "        total = 2;\n"
      "        return total;\n"
      "    }\n"
      "}\n";
  std::vector<json> diagnostics;
  diagnostics.push_back(
      error_at(range(4, 8, 4, 13),
               "cannot assign to 'total': it is immutable; declare it with 'let mut total'"));
  diagnostics.back()["relatedInformation"] = {
      {{"location", {{"uri", uri}, {"range", range(2, 12, 2, 17)}}},
       {"message", "'total' is declared here"}}};
  diagnostics.push_back(
      {{"range", range(3, 12, 3, 18)},
       {"severity", 2},
       {"source", "tenet"},
       {"message", "local 'unused' is never used; remove it or name it '_unused'"}});
  EXPECT_EQ(client.open(uri, text), std::vector<json>{published(uri, diagnostics)});
}

TEST(Diagnostics, SyntaxErrors) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  EXPECT_EQ(client.open(uri, "contract C {\n    pub fn f( -> u256 { return 1; }\n}\n"),
            std::vector<json>{published(
                uri, {error_at(range(1, 14, 1, 16), "expected identifier or ')', found '->'")})});
}

TEST(Diagnostics, IncrementalAndFullChangesRepublish) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  client.open(uri, kUnknownName);
  // Replace `missing` (UTF-16 characters 42–49 of line 1) with `1`: no diagnostics.
  auto out = client.notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", uri}, {"version", 2}}},
       {"contentChanges", {{{"range", range(1, 42, 1, 49)}, {"rangeLength", 7}, {"text", "1"}}}}});
  EXPECT_EQ(out, std::vector<json>{published(uri, {}, 2)});
  // Insert a line above: the error moves down with it.
  out =
      client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 3}}},
                                               {"contentChanges",
                                                {{{"range", range(1, 42, 1, 43)}, {"text", "nope"}},
                                                 {{"range", range(0, 0, 0, 0)}, {"text", "\n"}}}}});
  EXPECT_EQ(out, std::vector<json>{
                     published(uri, {error_at(range(2, 42, 2, 46), "unknown name 'nope'")}, 3)});
  // A full change.
  out = client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", uri}, {"version", 4}}},
                       {"contentChanges", {{{"text", "contract C {}\n"}}}}});
  EXPECT_EQ(out, std::vector<json>{published(uri, {}, 4)});
}

TEST(Diagnostics, ClearedOnClose) {
  TempDir dir;
  Client client;
  client.initialize();
  const std::string uri = dir.uri("a.tn");
  client.open(uri, kUnknownName);
  EXPECT_EQ(client.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}}),
            std::vector<json>{published(uri, {}, -1)});
}

TEST(Diagnostics, OpenImportersAreRecheckedWithTheUnsavedText) {
  TempDir dir;
  dir.write("tenet.toml", "[project]\n");
  dir.write("src/lib.tn", "fn inc(x: u256) -> u256 { return x + 1; }\n");
  const std::string main_text =
      "import \"./lib.tn\";\n\ncontract M {\n    pub fn g(x: u256) -> u256 { return inc(x); }\n}\n";
  dir.write("src/main.tn", main_text);
  Client client;
  client.initialize();
  const std::string lib = dir.uri("src/lib.tn");
  const std::string main = dir.uri("src/main.tn");
  EXPECT_EQ(client.open(main, main_text), std::vector<json>{published(main, {})});
  // Opening lib.tn rechecks main.tn, which now reads the editor's lib.tn.
  EXPECT_EQ(client.open(lib, "fn inc(x: u256) -> u256 { return x + 1; }\n"),
            (std::vector<json>{published(lib, {}), published(main, {})}));
  // Rename `inc` in the editor (not saved): main.tn no longer finds it.
  auto out = client.notify("textDocument/didChange",
                           {{"textDocument", {{"uri", lib}, {"version", 2}}},
                            {"contentChanges", {{{"range", range(0, 3, 0, 6)}, {"text", "add"}}}}});
  EXPECT_EQ(out, (std::vector<json>{
                     published(lib, {}, 2),
                     published(main, {error_at(range(3, 39, 3, 42), "unknown function 'inc'")}),
                 }));
  // Closing lib.tn: main.tn reads the disk's lib.tn again.
  out = client.notify("textDocument/didClose", {{"textDocument", {{"uri", lib}}}});
  EXPECT_EQ(out, (std::vector<json>{published(lib, {}, -1), published(main, {})}));
}

TEST(Diagnostics, SavingRechecksTheProjectFilesImportingIt) {
  TempDir dir;
  dir.write("tenet.toml", "[project]\n");
  dir.write("src/lib.tn", "fn inc(x: u256) -> u256 { return x + 1; }\n");
  dir.write("src/main.tn",
            "import \"./lib.tn\";\n\ncontract M {\n    pub fn g(x: u256) -> u256 { return inc(x); "
            "}\n}\n");
  dir.write("src/other.tn", "contract O {}\n");
  Client client;
  client.initialize();
  const std::string lib = dir.uri("src/lib.tn");
  client.open(lib, "fn inc(x: u256) -> u256 { return x + 1; }\n");
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", lib}, {"version", 2}}},
                 {"contentChanges", {{{"range", range(0, 3, 0, 6)}, {"text", "add"}}}}});
  dir.write("src/lib.tn", "fn add(x: u256) -> u256 { return x + 1; }\n");
  // main.tn is not open: its diagnostics come with the save (other.tn does not import lib.tn).
  EXPECT_EQ(
      client.notify("textDocument/didSave", {{"textDocument", {{"uri", lib}}}}),
      std::vector<json>{published(dir.uri("src/main.tn"),
                                  {error_at(range(3, 39, 3, 42), "unknown function 'inc'")}, -1)});
  // Fixed and saved again: the diagnostics are cleared.
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", lib}, {"version", 3}}},
                 {"contentChanges", {{{"range", range(0, 3, 0, 6)}, {"text", "inc"}}}}});
  dir.write("src/lib.tn", "fn inc(x: u256) -> u256 { return x + 1; }\n");
  EXPECT_EQ(client.notify("textDocument/didSave", {{"textDocument", {{"uri", lib}}}}),
            std::vector<json>{published(dir.uri("src/main.tn"), {}, -1)});
}

}  // namespace
}  // namespace tenet::lsp::testing
