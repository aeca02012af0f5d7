#include <gtest/gtest.h>

#include "compiler/test_support.hpp"

namespace tenet::compiler::testing {
namespace {

TEST(DiagnosticsRender, CaretAndUnderline) {
  SourceManager sm;
  FileId f = sm.add_file("a.tn", "let x = foo;\nsecond line\n");
  Diagnostic d{Severity::error, SourceRange{f, {1, 9, 8}, {1, 12, 11}}, "unknown name 'foo'"};
  EXPECT_EQ(render(d, sm), "a.tn:1:9: error: unknown name 'foo'\nlet x = foo;\n        ^~~\n");
}

TEST(DiagnosticsRender, TabsAreKeptSoTheCaretLinesUp) {
  SourceManager sm;
  FileId f = sm.add_file("a.tn", "\tx = 1;\n");
  Diagnostic d{Severity::warning, SourceRange{f, {1, 2, 1}, {1, 3, 2}}, "unused"};
  EXPECT_EQ(render(d, sm), "a.tn:1:2: warning: unused\n\tx = 1;\n\t^\n");
}

TEST(DiagnosticsRender, MultiLineRangeUnderlinesToEndOfLine) {
  SourceManager sm;
  FileId f = sm.add_file("a.tn", "abc def\nghi\n");
  Diagnostic d{Severity::error, SourceRange{f, {1, 5, 4}, {2, 2, 9}}, "m"};
  EXPECT_EQ(render(d, sm), "a.tn:1:5: error: m\nabc def\n    ^~~\n");
}

TEST(DiagnosticsRender, NoFile) {
  SourceManager sm;
  Diagnostic d{Severity::error, SourceRange{}, "cannot read 'x.tn'"};
  EXPECT_EQ(render(d, sm), "error: cannot read 'x.tn'\n");
}

TEST(DiagnosticsRender, ColoursOnlyWhenAsked) {
  SourceManager sm;
  FileId f = sm.add_file("a.tn", "x\n");
  Diagnostic d{Severity::error, SourceRange{f, {1, 1, 0}, {1, 2, 1}}, "m"};
  EXPECT_EQ(render(d, sm).find('\x1b'), std::string::npos);
  EXPECT_NE(render(d, sm, {.colors = true}).find("\x1b[1;31merror"), std::string::npos);
}

TEST(DiagnosticsRender, ColumnsCountCodePoints) {
  auto p = parse_text("const S: string = \"é\"; @\n");
  EXPECT_EQ(p->rendered(),
            "test.tn:1:24: error: unexpected character '@'\n"
            "const S: string = \"é\"; @\n"
            "                       ^\n");
  ASSERT_EQ(p->diagnostics.diagnostics().size(), 1u);
  EXPECT_EQ(p->diagnostics.diagnostics()[0].range.begin.offset, 24u);  // é is two bytes
}

TEST(DiagnosticsEngine, CountsErrorsOnly) {
  DiagnosticEngine d;
  d.warning({}, "w");
  d.note({}, "n");
  EXPECT_FALSE(d.has_errors());
  d.error({}, "e");
  EXPECT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.diagnostics().size(), 3u);
  d.clear();
  EXPECT_FALSE(d.has_errors());
}

TEST(DiagnosticsSource, LoadFileFailureIsAValue) {
  SourceManager sm;
  std::string error;
  EXPECT_FALSE(sm.load_file("/nonexistent/x.tn", error).has_value());
  EXPECT_NE(error.find("cannot read '/nonexistent/x.tn'"), std::string::npos);
}

TEST(DiagnosticsSyntax, StopsAfterTooManyErrors) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "fn f" + std::to_string(i) + "() { let x = ; }\n";
  auto p = parse_text(text);
  EXPECT_EQ(p->diagnostics.error_count(), 20u);
  EXPECT_EQ(p->diagnostics.diagnostics().back().message, "too many syntax errors; stopping here");
}

}  // namespace
}  // namespace tenet::compiler::testing
