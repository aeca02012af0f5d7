// `tenet init DIR`: a new project (toolchain.md §1-2): tenet.toml, src/Counter.tn,
// tests/Counter.t.tn and .gitignore. Refuses a DIR that exists and is not empty.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "common.hpp"

namespace tenet::cli {
namespace {

constexpr const char* kToml = R"toml([project]
src = "src"
tests = "tests"
out = "out"
optimizer = 2

[test]
fuzz_runs = 256
fuzz_seed = 0
gas_limit = 1_000_000_000

[rpc]
local = "http://127.0.0.1:8545"
)toml";

constexpr const char* kCounter = R"tn(/// Emitted whenever the count changes.
event CountChanged(by: address indexed, count: u256);

/// Only the owner may do that; `caller` tried.
error NotOwner(caller: address);

/// A count that anyone can raise and only its owner can reset.
contract Counter {
    pub count: u256;
    pub owner: address;

    /// Starts counting at `start`; the deployer becomes the owner.
    init(start: u256) {
        self.count = start;
        self.owner = msg.sender;
    }

    /// Adds `by` to the count (reverts with Panic(0x11) on overflow).
    pub fn increment(by: u256) {
        self.count += by;
        emit CountChanged(msg.sender, self.count);
    }

    /// Sets the count back to zero; only the owner may.
    pub fn reset() {
        if msg.sender != self.owner {
            revert NotOwner(msg.sender);
        }
        self.count = 0;
        emit CountChanged(msg.sender, 0);
    }
}
)tn";

constexpr const char* kCounterTest = R"tn(import "../src/Counter.tn";

test contract CounterTest {
    counter: Counter;

    fn setup() {
        self.counter = new Counter(10);
    }

    test fn starts_at_the_initial_count() {
        assert_eq(self.counter.count(), 10);
    }

    test fn increment_adds() {
        self.counter.increment(5);
        assert_eq(self.counter.count(), 15);
    }

    test fn only_the_owner_resets() {
        vm.prank(vm.addr(1));
        vm.expect_revert(NotOwner(vm.addr(1)));
        self.counter.reset();
        self.counter.reset();
        assert_eq(self.counter.count(), 0);
    }

    test fn fuzz_increment(by: u64) {     // parameters make it a fuzz test
        self.counter.increment(by);
        assert_eq(self.counter.count(), 10 + u256(by));
    }
}
)tn";

int run(const std::string& dir) {
  const std::filesystem::path root(dir);
  std::error_code ec;
  if (std::filesystem::exists(root, ec)) {
    if (!std::filesystem::is_directory(root, ec)) {
      print_error("'" + dir + "' exists and is not a directory");
      return kExitUsage;
    }
    if (!std::filesystem::is_empty(root, ec)) {
      print_error("'" + dir + "' is not empty; tenet init needs a new or empty directory");
      return kExitUsage;
    }
  }
  const std::vector<std::pair<std::string, const char*>> files{
      {"tenet.toml", kToml},
      {"src/Counter.tn", kCounter},
      {"tests/Counter.t.tn", kCounterTest},
      {".gitignore", "out/\ncache/\n"},
  };
  for (const auto& [name, text] : files) {
    const std::filesystem::path path = root / name;
    std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.close();
    if (ec || !f) {
      print_error("cannot write '" + path.string() + "'");
      return kExitFailure;
    }
  }
  std::cout << "Created a Tenet project in " << dir << ":\n";
  for (const auto& [name, text] : files) std::cout << "  " << name << "\n";
  std::cout << "Next: tenet build --root " << dir << "\n";
  return kExitOk;
}

}  // namespace

Command add_init_command(CLI::App& parent) {
  auto dir = std::make_shared<std::string>();
  CLI::App* app =
      parent.add_subcommand("init", "Create a new project: tenet.toml, src/, tests/, .gitignore");
  app->add_option("DIR", *dir, "the project directory (new, or empty)")->required();
  return {app, [dir] { return run(*dir); }};
}

}  // namespace tenet::cli
