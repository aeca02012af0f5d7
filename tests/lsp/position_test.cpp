// Positions ↔ byte offsets in UTF-16 and UTF-8 (tenet/lsp/position.hpp), file URIs
// (tenet/lsp/uri.hpp) and the document store's full and incremental changes
// (tenet/lsp/document_store.hpp).
#include "tenet/lsp/position.hpp"

#include <gtest/gtest.h>

#include "tenet/lsp/document_store.hpp"
#include "tenet/lsp/uri.hpp"

namespace tenet::lsp {
namespace {

// Line 1: "a" (1 byte), "é" (2 bytes, 1 UTF-16 unit), "😀" (4 bytes, 2 units), "b".
constexpr std::string_view kText =
    "x = 1;\na\xC3\xA9\xF0\x9F\x98\x80"
    "b\r\nlast";

TEST(Position, Utf16CountsSurrogatePairsAsTwo) {
  LineIndex lines(kText);
  EXPECT_EQ(lines.offset_of({1, 0}, PositionEncoding::utf16), 7u);
  EXPECT_EQ(lines.offset_of({1, 2}, PositionEncoding::utf16), 10u);  // after é
  EXPECT_EQ(lines.offset_of({1, 4}, PositionEncoding::utf16), 14u);  // after 😀
  EXPECT_EQ(lines.offset_of({1, 3}, PositionEncoding::utf16), 10u);  // inside the pair
  EXPECT_EQ(lines.position_of(14, PositionEncoding::utf16), (Position{1, 4}));
  EXPECT_EQ(lines.position_of(15, PositionEncoding::utf16), (Position{1, 5}));
  EXPECT_EQ(lines.position_of(12, PositionEncoding::utf16), (Position{1, 2}));  // inside 😀
}

TEST(Position, Utf8CountsBytes) {
  LineIndex lines(kText);
  EXPECT_EQ(lines.offset_of({1, 3}, PositionEncoding::utf8), 10u);
  EXPECT_EQ(lines.offset_of({1, 7}, PositionEncoding::utf8), 14u);
  EXPECT_EQ(lines.offset_of({1, 5}, PositionEncoding::utf8), 10u);  // inside 😀
  EXPECT_EQ(lines.position_of(14, PositionEncoding::utf8), (Position{1, 7}));
}

TEST(Position, PastTheLineOrTheTextIsClamped) {
  LineIndex lines(kText);
  EXPECT_EQ(lines.offset_of({0, 99}, PositionEncoding::utf16), 6u);   // before '\n'
  EXPECT_EQ(lines.offset_of({1, 99}, PositionEncoding::utf16), 16u);  // '\r' is in the line
  EXPECT_EQ(lines.offset_of({9, 0}, PositionEncoding::utf16), kText.size());
  EXPECT_EQ(lines.position_of(999, PositionEncoding::utf16), (Position{2, 4}));
}

TEST(Position, CodeUnits) {
  EXPECT_EQ(code_units("a\xC3\xA9\xF0\x9F\x98\x80", PositionEncoding::utf16), 4u);
  EXPECT_EQ(code_units("a\xC3\xA9\xF0\x9F\x98\x80", PositionEncoding::utf8), 7u);
  EXPECT_EQ(code_units("\xFF\xF0", PositionEncoding::utf16), 2u);  // invalid bytes: one each
}

TEST(Uri, FileUrisDecodeToPaths) {
  EXPECT_EQ(path_of_uri("file:///home/me/token%20v2/a.tn"), "/home/me/token v2/a.tn");
  EXPECT_EQ(path_of_uri("file://localhost/a/b.tn"), "/a/b.tn");
  EXPECT_EQ(path_of_uri("FILE:///a%C3%A9.tn"), "/a\xC3\xA9.tn");
  EXPECT_EQ(path_of_uri("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(path_of_uri("file://server/share/a.tn"), std::nullopt);
  EXPECT_EQ(path_of_uri("file:///a%2"), std::nullopt);
  EXPECT_EQ(path_of_uri("file:///a%zz"), std::nullopt);
  EXPECT_EQ(path_of_uri("file://"), std::nullopt);
}

TEST(Uri, PathsEncodeToFileUris) {
  EXPECT_EQ(uri_of_path("/home/me/token v2/a_b-c.tn"), "file:///home/me/token%20v2/a_b-c.tn");
  EXPECT_EQ(uri_of_path("/a\xC3\xA9#.tn"), "file:///a%C3%A9%23.tn");
  EXPECT_EQ(path_of_uri(uri_of_path("/x y/é.tn")), "/x y/é.tn");
}

TEST(DocumentStore, AppliesIncrementalAndFullChangesInOrder) {
  DocumentStore store;
  ASSERT_TRUE(store.open("file:///p/a.tn", 1, "let s = \"é😀\";\nfn f() {}\n").ok());
  // Replace the 😀 (UTF-16 characters 10–12 of line 0) with "ok", then insert on line 1.
  std::vector<TextChange> changes{
      {Range{{0, 10}, {0, 12}}, "ok"},
      {Range{{1, 3}, {1, 3}}, "g"},
  };
  auto changed = store.change("file:///p/a.tn", 2, changes, PositionEncoding::utf16);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ((*changed)->text, "let s = \"éok\";\nfn gf() {}\n");
  EXPECT_EQ((*changed)->version, 2);
  changed =
      store.change("file:///p/a.tn", 3, {{std::nullopt, "all new"}, {Range{{0, 3}, {0, 4}}, "_"}},
                   PositionEncoding::utf16);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ((*changed)->text, "all_new");
  EXPECT_EQ(store.find_by_path("/p/a.tn"), *changed);
}

TEST(DocumentStore, RefusesUnknownDocumentsAndOtherSchemes) {
  DocumentStore store;
  auto opened = store.open("untitled:1", 1, "");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message, "'untitled:1' is not a file: URI");
  auto changed = store.change("file:///nope.tn", 2, {}, PositionEncoding::utf16);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().message, "unknown document 'file:///nope.tn'");
  EXPECT_FALSE(store.close("file:///nope.tn"));
}

}  // namespace
}  // namespace tenet::lsp
