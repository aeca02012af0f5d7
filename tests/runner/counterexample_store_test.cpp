// Saved counterexamples (counterexample_store.hpp; docs/testing.md).
#include "tenet/runner/counterexample_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;

class CounterexampleStore : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = fs::temp_directory_path() /
             ("tenet-store-" +
              std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(store_);
  }
  void TearDown() override { fs::remove_all(store_); }
  void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  fs::path store_;
};

TEST_F(CounterexampleStore, PathIsFileContractSignature) {
  EXPECT_EQ(counterexample_path("/r/cache/fuzz", "tests/a.t.tn", "ATest", "fuzz_x(uint256)"),
            fs::path("/r/cache/fuzz/tests/a.t.tn/ATest/fuzz_x(uint256).json"));
}

TEST_F(CounterexampleStore, SavedIsLoadedBackAndRemoved) {
  const fs::path path = counterexample_path(store_, "tests/a.t.tn", "ATest", "f(uint256,string)");
  EXPECT_FALSE(*load_counterexample(path, "f(uint256,string)"));
  SavedCounterexample fuzz{7, "f(uint256,string)", {"1001", "\"x\""}, {}};
  ASSERT_FALSE(save_counterexample(path, fuzz));
  auto loaded = load_counterexample(path, "f(uint256,string)");
  ASSERT_TRUE(loaded && *loaded);
  EXPECT_EQ(**loaded, fuzz);
  SavedCounterexample invariant{
      0, "f(uint256,string)", {}, {SavedCall{"0x01", "0x02", "Token", "mint(uint256)", {"5"}}}};
  ASSERT_FALSE(save_counterexample(path, invariant));
  EXPECT_EQ(**load_counterexample(path, "f(uint256,string)"), invariant);
  remove_counterexample(path);
  EXPECT_FALSE(fs::exists(path));
  remove_counterexample(path);  // no file: nothing happens
}

TEST_F(CounterexampleStore, BadFilesAreRefusedWithAReason) {
  const fs::path path = store_ / "x.json";
  write(path, "{not json");
  auto bad = load_counterexample(path, "f()");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("is not a saved counterexample"), std::string::npos);
  write(path, "{\"seed\": 0, \"signature\": \"g()\", \"args\": []}");
  auto other = load_counterexample(path, "f()");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().message, path.string() + " is for g(), not f()");
  write(path, "{\"seed\": 0, \"signature\": \"f()\", \"args\": [1]}");
  EXPECT_FALSE(load_counterexample(path, "f()"));
  write(path, std::string(70000, ' '));
  auto big = load_counterexample(path, "f()");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().message, path.string() + " has 70000 bytes (more than 65536)");
  }

  }  // namespace
  }  // namespace tenet::runner
