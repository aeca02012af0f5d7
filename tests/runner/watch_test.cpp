// `--watch`: reruns when a file under src/ or tests/ or tenet.toml changes, stops when asked.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;

struct WatchDir : ::testing::Test {
  fs::path root = fs::temp_directory_path() / ("tenet_watch_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::create_directories(root / "src");
    fs::create_directories(root / "tests");
    std::ofstream(root / "src/A.tn") << "contract A {}\n";
    std::ofstream(root / "tenet.toml") << "[project]\n";
  }
  void TearDown() override { fs::remove_all(root); }
};

TEST_F(WatchDir, RerunsAfterAChangeAndReturnsTheLastExitCode) {
  int runs = 0;
  const int code = watch(
      root,
      [&] {
        ++runs;
        if (runs == 1) std::ofstream(root / "src/A.tn", std::ios::app) << "// edited\n";
        if (runs == 2) std::ofstream(root / "tests/New.t.tn") << "test contract T {}\n";
        return runs == 3 ? 0 : 1;
      },
      [&] { return runs == 3; });
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(code, 0);
}

TEST_F(WatchDir, FilesElsewhereDoNotTriggerARun) {
  int runs = 0;
  int polls = 0;
  watch(
      root,
      [&] {
        ++runs;
        std::ofstream(root / "notes.txt") << "not watched\n";
        fs::create_directories(root / "cache");
        std::ofstream(root / "cache/x") << "not watched\n";
        return 0;
      },
      [&] { return ++polls > 4; });
  EXPECT_EQ(runs, 1);
}

TEST_F(WatchDir, TomlChangeTriggersARun) {
  int runs = 0;
  watch(
      root,
      [&] {
        ++runs;
        if (runs == 1) std::ofstream(root / "tenet.toml", std::ios::app) << "[test]\n";
        return 0;
      },
      [&] { return runs == 2; });
  EXPECT_EQ(runs, 2);
}

}  // namespace
}  // namespace tenet::runner
