// SourceManager overlays (source.hpp): load_file reads an editor's unsaved text instead of
// the disk for the file it names, however the path is spelled; nothing changes without
// overlays. check_program reads imports through them (the language server's analysis).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler {
namespace {

/// A scratch directory holding `lib.tn` (with an error) and `main.tn` importing it.
class SourceOverlay : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tenet-overlay-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "src");
    std::ofstream(dir_ / "src/lib.tn") << "fn inc(x: u256) -> u256 { return y + 1; }\n";
    std::ofstream(dir_ / "src/main.tn")
        << "import \"./lib.tn\";\ncontract M {\n    pub fn g() -> u256 { return inc(1); }\n}\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& relative) const { return (dir_ / relative).string(); }

  std::filesystem::path dir_;
};

TEST_F(SourceOverlay, LoadFileReadsTheOverlayHoweverThePathIsSpelled) {
  SourceManager sm;
  sm.set_overlay(path("src/lib.tn"), "fn inc() {}\n");
  std::string error;
  const auto a = sm.load_file(path("src/../src/./lib.tn"), error);
  ASSERT_TRUE(a.has_value()) << error;
  EXPECT_EQ(sm.file(*a).text(), "fn inc() {}\n");
  EXPECT_EQ(sm.file(*a).name(), path("src/../src/./lib.tn"));  // the name as asked
  // Other files still come from the disk; add_file ignores overlays.
  const auto b = sm.load_file(path("src/main.tn"), error);
  ASSERT_TRUE(b.has_value()) << error;
  EXPECT_EQ(sm.file(*b).text().substr(0, 6), "import");
  EXPECT_EQ(sm.file(sm.add_file(path("src/lib.tn"), "x")).text(), "x");
}

TEST_F(SourceOverlay, AnOverlaidFileNeedNotExist) {
  SourceManager sm;
  sm.set_overlay(path("src/new.tn"), "const N: u256 = 1;\n");
  std::string error;
  const auto id = sm.load_file(path("src/new.tn"), error);
  ASSERT_TRUE(id.has_value()) << error;
  EXPECT_EQ(sm.file(*id).text(), "const N: u256 = 1;\n");
}

TEST_F(SourceOverlay, FileKeysNameTheFileNotThePath) {
  EXPECT_EQ(file_key(path("src/../src/lib.tn")), file_key(path("src/lib.tn")));
  std::filesystem::create_directory_symlink(dir_ / "src", dir_ / "link");
  EXPECT_EQ(file_key(path("link/lib.tn")), file_key(path("src/lib.tn")));
  EXPECT_NE(file_key(path("src/main.tn")), file_key(path("src/lib.tn")));
}

TEST_F(SourceOverlay, CheckProgramReadsImportsThroughOverlays) {
  const auto errors = [&](bool overlay) {
    SourceManager sm;
    if (overlay) sm.set_overlay(path("src/lib.tn"), "fn inc(x: u256) -> u256 { return x + 1; }\n");
    std::string error;
    const auto entry = sm.load_file(path("src/main.tn"), error);
    EXPECT_TRUE(entry.has_value()) << error;
    DiagnosticEngine diagnostics;
    check_program(sm, *entry, TENET_SOURCE_DIR "/stdlib", diagnostics);
    return diagnostics.error_count();
  };
  EXPECT_EQ(errors(false), 1u);  // lib.tn on disk: unknown name 'y'
  EXPECT_EQ(errors(true), 0u);
}

}  // namespace
}  // namespace tenet::compiler
