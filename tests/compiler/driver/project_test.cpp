// tenet.toml: TOML through toml++, the project settings, warnings and exact error messages.
#include "tenet/compiler/project.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tenet::compiler {
namespace {

std::string error_of(std::string_view text) {
  auto r = read_project_config(text, "tenet.toml");
  return r.ok() ? "(no error)" : r.error().message;
}

TEST(ProjectConfig, DefaultsWhenEmpty) {
  auto r = read_project_config("", "tenet.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.src, "src");
  EXPECT_EQ(r->config.tests, "tests");
  EXPECT_EQ(r->config.out, "out");
  EXPECT_EQ(r->config.optimizer, 2);
  EXPECT_EQ(r->config.fuzz_runs, 256u);
  EXPECT_EQ(r->config.fuzz_seed, 0u);
  EXPECT_EQ(r->config.test_gas_limit, 1'000'000'000u);
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ProjectConfig, ReadsEverySection) {
  auto r = read_project_config(R"toml(# a project
[project]
src = "contracts"   # comment after a value
tests = 't'
out = "build/out"
optimizer = 0

[test]
fuzz_runs = 1_000
fuzz_seed = 0x2a
max_rejects = 10
gas_limit = 5_000_000

[invariant]
runs = 64
depth = 5
fail_on_revert = true

[snapshot]
tolerance = 2.5

[rpc]
local = "http://127.0.0.1:8545"
"sepolia" = """https://rpc.example"""
)toml",
                               "tenet.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.src, "contracts");
  EXPECT_EQ(r->config.tests, "t");
  EXPECT_EQ(r->config.out, "build/out");
  EXPECT_EQ(r->config.optimizer, 0);
  EXPECT_EQ(r->config.fuzz_runs, 1000u);
  EXPECT_EQ(r->config.fuzz_seed, 42u);
  EXPECT_EQ(r->config.max_rejects, 10u);
  EXPECT_EQ(r->config.test_gas_limit, 5'000'000u);
  EXPECT_EQ(r->config.invariant_runs, 64u);
  EXPECT_EQ(r->config.invariant_depth, 5u);
  EXPECT_TRUE(r->config.fail_on_revert);
  EXPECT_EQ(r->config.snapshot_tolerance, 2.5);
  EXPECT_EQ(r->config.rpc.at("local"), "http://127.0.0.1:8545");
  EXPECT_EQ(r->config.rpc.at("sepolia"), "https://rpc.example");
  EXPECT_TRUE(r->warnings.empty());
}

// toolchain.md §2's file, booleans included (the hand-written parser rejected
// `fail_on_revert = false`: "expected a value: a string or an integer").
TEST(ProjectConfig, ReadsTheSpecExample) {
  auto r = read_project_config(R"toml([project]
src = "src"
tests = "tests"
out = "out"
optimizer = 2
[test]
fuzz_runs = 256
fuzz_seed = 0
[invariant]
runs = 256
depth = 15
fail_on_revert = false
[snapshot]
tolerance = 0
[rpc]
local = "http://127.0.0.1:8545"
)toml",
                               "tenet.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->config.fail_on_revert);
  EXPECT_EQ(r->config.invariant_depth, 15u);
  EXPECT_EQ(r->config.snapshot_tolerance, 0);
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ProjectConfig, UnknownKeysAndSectionsAreWarnings) {
  auto r = read_project_config(
      "name = \"x\"\n[project]\nsrc = \"s\"\nflavour = 3\n[extra]\nk = 1\n", "tenet.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.src, "s");
  // In file order.
  ASSERT_EQ(r->warnings.size(), 3u);
  EXPECT_EQ(r->warnings[0], "tenet.toml:1:1: warning: unknown key `name` outside a [section]");
  EXPECT_EQ(r->warnings[1], "tenet.toml:4:1: warning: unknown key `flavour` in [project]");
  EXPECT_EQ(r->warnings[2], "tenet.toml:5:2: warning: unknown section [extra]");
}

TEST(ProjectConfig, ExactErrors) {
  // TOML syntax errors: toml++'s description at its source position.
  EXPECT_EQ(error_of("[project]\nsrc = src\n"),
            "tenet.toml:2:7: error: invalid TOML (value): could not determine value type");
  EXPECT_EQ(error_of("[project\n"),
            "tenet.toml:1:9: error: invalid TOML (table header): expected ']', saw '\\n'");
  EXPECT_EQ(error_of("[project]\nsrc \"x\"\n"),
            "tenet.toml:2:5: error: invalid TOML (key-value pair): expected '=', saw '\"'");
  EXPECT_EQ(error_of("[project]\nsrc = \"a\"\nsrc = \"b\"\n"),
            "tenet.toml:3:7: error: invalid TOML (key-value pair): cannot redefine existing string "
            "'src'");
  EXPECT_EQ(error_of("[test]\n[test]\n"),
            "tenet.toml:2:1: error: invalid TOML (table header): cannot redefine existing table "
            "'test'");
  EXPECT_EQ(error_of("[project]\noptimizer = 2 2\n"),
            "tenet.toml:2:15: error: invalid TOML (key-value pair): expected a comment or "
            "whitespace, saw '2'");
  EXPECT_EQ(error_of("[test]\nfuzz_runs = 99999999999999999999\n"),
            "tenet.toml:2:33: error: invalid TOML (decimal integer): '99999999999999999999' is not "
            "representable in 64 bits");
  EXPECT_EQ(error_of("[rpc]\nlocal = \"a\\qb\"\n"),
            "tenet.toml:2:12: error: invalid TOML (string): unknown escape sequence '\\q'");
  // Values of the wrong type or out of range: at the value.
  EXPECT_EQ(error_of("[project]\noptimizer = 3\n"),
            "tenet.toml:2:13: error: `optimizer` must be between 0 and 2");
  EXPECT_EQ(error_of("[project]\noptimizer = \"2\"\n"),
            "tenet.toml:2:13: error: `optimizer` must be an integer");
  EXPECT_EQ(error_of("[project]\nsrc = 1\n"), "tenet.toml:2:7: error: `src` must be a \"string\"");
  EXPECT_EQ(error_of("[project]\nsrc = \"\"\n"), "tenet.toml:2:7: error: `src` must not be empty");
  EXPECT_EQ(error_of("[test]\nfuzz_runs = 1.5\n"),
            "tenet.toml:2:13: error: `fuzz_runs` must be an integer");
  EXPECT_EQ(error_of("[test]\nfuzz_runs = -1\n"),
            "tenet.toml:2:13: error: `fuzz_runs` must be between 0 and 9223372036854775807");
  EXPECT_EQ(error_of("[test]\ngas_limit = 0\n"),
            "tenet.toml:2:13: error: `gas_limit` must be between 1 and 9223372036854775807");
  EXPECT_EQ(error_of("[test]\ngas_limit = \"1\"\n"),
            "tenet.toml:2:13: error: `gas_limit` must be an integer");
  EXPECT_EQ(error_of("[invariant]\nfail_on_revert = 0\n"),
            "tenet.toml:2:18: error: `fail_on_revert` must be true or false");
  EXPECT_EQ(error_of("[snapshot]\ntolerance = \"1%\"\n"),
            "tenet.toml:2:13: error: `tolerance` must be a number");
  EXPECT_EQ(error_of("[snapshot]\ntolerance = -1\n"),
            "tenet.toml:2:13: error: `tolerance` must not be negative");
  // The first error in file order.
  EXPECT_EQ(error_of("[test]\nfuzz_seed = \"x\"\n[project]\nsrc = 1\n"),
            "tenet.toml:2:13: error: `fuzz_seed` must be an integer");
}

TEST(ProjectConfig, StringEscapesAndCrLf) {
  auto r = read_project_config("[rpc]\r\nlocal = \"a\\\"b\\\\c\"\r\n", "tenet.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.rpc.at("local"), "a\"b\\c");
}

TEST(ProjectFiles, MissingTomlAndSortedSources) {
  const auto root = std::filesystem::temp_directory_path() / "tenet_project_test";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "src" / "nested");
  auto missing = load_project_config(root);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "no tenet.toml in " + root.string() + " (run `tenet init`)");
  for (const char* f : {"src/b.tn", "src/a.tn", "src/nested/c.tn", "src/notes.txt", "src/x.t.tn"})
    std::ofstream(root / f) << "";
  std::ofstream(root / "tenet.toml") << "[project]\nsrc = \"src\"\n";
  auto loaded = load_project_config(root);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  std::vector<std::string> names;
  for (const auto& p : find_sources(root / "src", ".tn")) names.push_back(*path_under(p, root));
  EXPECT_EQ(names,
            (std::vector<std::string>{"src/a.tn", "src/b.tn", "src/nested/c.tn", "src/x.t.tn"}));
  EXPECT_EQ(path_under(root / "src" / ".." / "src" / "a.tn", root), "src/a.tn");
  EXPECT_EQ(path_under("/", root), std::nullopt);
  EXPECT_TRUE(find_sources(root / "nowhere", ".tn").empty());
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace tenet::compiler
