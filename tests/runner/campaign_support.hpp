#pragma once
// Test contracts with known fuzz and invariant results, compiled for the campaign tests
// (fuzz_campaign_test.cpp, invariant_campaign_test.cpp).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "runner/test_host_support.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/runner/campaign.hpp"

namespace tenet::runner::testing {

/// The contracts: targets and test contracts.
inline constexpr const char* kCampaignSource = R"(
/// arm() then open() opens it; touch() changes nothing that matters.
contract Lock {
    pub armed: bool;
    pub opened: bool;
    pub touched: u256;

    pub fn arm() { self.armed = true; }
    pub fn open() {
        if self.armed { self.opened = true; }
    }
    pub fn touch(x: u256) { self.touched = x; }
}

/// Every poke reverts.
contract Fussy {
    pub pokes: u256;

    pub fn poke() {
        self.pokes += 1;
        revert("poked");
    }
}

test contract FuzzTest {
    test fn fuzz_passes(x: u256, b: bool, s: string) {
        assert_eq(b || !b, true);
    }

    test fn fuzz_at_most_1000(n: u64) {
        assert_le(n, 1000);
    }

    test fn fuzz_two(x: u256, y: u256) {
        require(x < 1000 || y == 0, "both");
    }

    test fn fuzz_rejects(n: u256) {
        vm.assume(n != n);
    }

    test fn fuzz_magic(x: u256) {
        require(x != 0x1234567890abcdef1234567890abcdef, "magic");
    }
}

test contract LockTest {
    lock: Lock;

    fn setup() {
        self.lock = new Lock();
    }

    invariant fn stays_closed() {
        assert_eq(self.lock.opened(), false);
    }
}

test contract FussyTest {
    fussy: Fussy;

    fn setup() {
        self.fussy = new Fussy();
    }

    invariant fn never_poked() {
        assert_eq(self.fussy.pokes(), 0);
    }
}
)";

/// The test `name(types)` of kind `kind`.
inline TestCase test_case(const std::string& name, const std::string& types, TestKind kind) {
  TestCase t;
  t.name = name;
  t.signature = name + "(" + types + ")";
  t.kind = kind;
  t.params = *abi::parse_type_list(types);
  t.selector = vm::selector_of(t.signature);
  return t;
}

/// The test contracts compiled once per test suite; a counterexample store per test.
class CampaignProject : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* name : {"FuzzTest", "LockTest", "FussyTest"})
      suites_[name] = build_suite(kCampaignSource, name, {"Lock", "Fussy"}).release();
    root_ =
        std::filesystem::temp_directory_path() / ("tenet-campaign-" + std::to_string(::getpid()));
  }
  static void TearDownTestSuite() {
    for (auto& [name, built] : suites_) delete built;
    suites_.clear();
    std::filesystem::remove_all(root_);
  }
  void SetUp() override {
    store_ = root_ / "cache" / "fuzz";
    std::filesystem::remove_all(store_);
  }

  /// The suite of `contract`.
  static const TestSuite& suite(const std::string& contract) { return suites_.at(contract)->suite; }
  /// An executor with `contract`'s base installed.
  static std::unique_ptr<Executor> executor(const std::string& contract) {
    auto e = std::make_unique<Executor>(suites_.at(contract)->registry, ExecutorOptions{});
    auto failed = e->install(suite(contract));
    EXPECT_FALSE(failed) << "setup of " << contract << " failed";
    return e;
  }
  /// The registry of `contract`'s build.
  static const ArtifactRegistry& registry(const std::string& contract) {
    return suites_.at(contract)->registry;
  }

  static inline std::map<std::string, BuiltSuite*> suites_;
  static inline std::filesystem::path root_;
  std::filesystem::path store_;
};

}  // namespace tenet::runner::testing
