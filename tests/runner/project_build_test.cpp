// build_project and its cache (docs/testing.md "The build cache"): discovery of test
// contracts and cases, the registry, warm runs that compile nothing, invalidation by a
// changed import, corrupt entries ignored, build errors.
#include "tenet/runner/project_build.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tenet/runner/build_cache.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;

constexpr const char* kToken = R"tn(error Short(have: u256, want: u256);

contract Token {
    pub supply: u256;

    init(n: u256) {
        self.supply = n;
    }

    pub fn take(n: u256) {
        if (n > self.supply) {
            revert Short(self.supply, n);
        }
        self.supply -= n;
    }
}
)tn";

constexpr const char* kTokenTest = R"tn(import "../src/Token.tn";

test contract TokenTest {
    token: Token;

    fn setup() {
        self.token = new Token(10);
    }

    test fn take_some() {
        self.token.take(3);
        assert_eq(self.token.supply(), 7);
    }

    test fn fuzz_take(n: u256, who: address) {
        vm.assume(n <= 10);
        self.token.take(n);
    }

    invariant fn supply_at_most_ten() {
        assert(self.token.supply() <= 10);
    }
}

test contract PlainTest {
    test fn nothing() {
    }
}
)tn";

/// A fresh project directory with tenet.toml, src/Token.tn and tests/Token.t.tn.
class ProjectBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tenet-project-build-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    write("tenet.toml", "[project]\noptimizer = 2\n");
    write("src/Token.tn", kToken);
    write("tests/Token.t.tn", kTokenTest);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& name, const std::string& text) {
    fs::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name, std::ios::binary | std::ios::trunc) << text;
  }

  vm::Result<BuiltProject> build(int level = 2) {
    BuildFlags flags;
    flags.level = level;
    std::string warnings;
    return build_project(root_, compiler::ProjectConfig{}, flags, warnings);
  }

  fs::path root_;
};

TEST_F(ProjectBuildTest, DiscoversSuitesAndCasesInSourceOrder) {
  auto built = build();
  ASSERT_TRUE(built) << built.error().message;
  ASSERT_EQ(built->suites.size(), 2u);
  const TestSuite& s = built->suites[0];
  EXPECT_EQ(s.file, "tests/Token.t.tn");
  EXPECT_EQ(s.contract, "TokenTest");
  EXPECT_TRUE(s.has_setup);
  ASSERT_EQ(s.cases.size(), 3u);
  EXPECT_EQ(s.cases[0].signature, "take_some()");
  EXPECT_EQ(s.cases[0].kind, TestKind::Unit);
  EXPECT_EQ(s.cases[0].line, 10u);
  EXPECT_EQ(s.cases[0].selector, vm::selector_of("take_some()"));
  EXPECT_EQ(s.cases[1].signature, "fuzz_take(uint256,address)");
  EXPECT_EQ(s.cases[1].kind, TestKind::Fuzz);
  ASSERT_EQ(s.cases[1].params.size(), 2u);
  EXPECT_EQ(s.cases[1].params[1].kind, abi::AbiType::Kind::address);
  EXPECT_EQ(s.cases[1].param_names, (std::vector<std::string>{"n", "who"}));
  EXPECT_EQ(s.cases[2].signature, "supply_at_most_ten()");
  EXPECT_EQ(s.cases[2].kind, TestKind::Invariant);
  EXPECT_EQ(built->suites[1].contract, "PlainTest");
  EXPECT_FALSE(built->suites[1].has_setup);
}

TEST_F(ProjectBuildTest, RegistryKnowsSourceTestAndChildCodes) {
  auto built = build();
  ASSERT_TRUE(built) << built.error().message;
  const KnownCode* test = built->registry.find(vm::keccak256(built->suites[0].bytecode));
  ASSERT_NE(test, nullptr);
  EXPECT_EQ(test->name, "TokenTest");
  EXPECT_TRUE(test->is_test);
  EXPECT_EQ(test->source, "tests/Token.t.tn");
  bool token = false;
  for (const auto& [hash, code] : built->registry.codes()) {
    if (code.name != "Token") continue;
    token = true;
    EXPECT_EQ(code.source, "src/Token.tn");
    EXPECT_FALSE(code.is_test);
    EXPECT_FALSE(code.lines.empty());
    EXPECT_NE(std::find(code.files.begin(), code.files.end(), "src/Token.tn"), code.files.end());
    EXPECT_FALSE(code.abi.empty());
  }
  EXPECT_TRUE(token);
}

TEST_F(ProjectBuildTest, WarmBuildCompilesNothingAndGivesTheSameResult) {
  auto cold = build();
  ASSERT_TRUE(cold) << cold.error().message;
  EXPECT_EQ(cold->compiled_files, 2u);
  EXPECT_EQ(cold->cached_files, 0u);
  auto warm = build();
  ASSERT_TRUE(warm) << warm.error().message;
  EXPECT_EQ(warm->compiled_files, 0u);
  EXPECT_EQ(warm->cached_files, 2u);
  ASSERT_EQ(warm->suites.size(), cold->suites.size());
  for (size_t i = 0; i < warm->suites.size(); ++i) {
    EXPECT_EQ(warm->suites[i].bytecode, cold->suites[i].bytecode);
    ASSERT_EQ(warm->suites[i].cases.size(), cold->suites[i].cases.size());
    for (size_t j = 0; j < warm->suites[i].cases.size(); ++j) {
      EXPECT_EQ(warm->suites[i].cases[j].signature, cold->suites[i].cases[j].signature);
      EXPECT_EQ(warm->suites[i].cases[j].line, cold->suites[i].cases[j].line);
      EXPECT_EQ(warm->suites[i].cases[j].selector, cold->suites[i].cases[j].selector);
    }
  }
  ASSERT_EQ(warm->registry.codes().size(), cold->registry.codes().size());
  for (const auto& [hash, code] : cold->registry.codes()) {
    const KnownCode* w = warm->registry.find(hash);
    ASSERT_NE(w, nullptr) << code.name;
    EXPECT_EQ(w->lines, code.lines);
    EXPECT_EQ(w->files, code.files);
    EXPECT_EQ(abi::to_json(w->abi), abi::to_json(code.abi));
  }
}

TEST_F(ProjectBuildTest, ChangedImportRebuildsTheFilesThatReadIt) {
  ASSERT_TRUE(build());
  std::string changed = kToken;
  changed.replace(changed.find("self.supply -= n;"), 17, "self.supply = self.supply - n;");
  write("src/Token.tn", changed);
  auto again = build();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->compiled_files, 2u);  // src/Token.tn and the test file importing it
  write("tests/Token.t.tn", std::string(kTokenTest) + "\n");
  auto third = build();
  ASSERT_TRUE(third);
  EXPECT_EQ(third->compiled_files, 1u);
  EXPECT_EQ(third->cached_files, 1u);
}

TEST_F(ProjectBuildTest, OtherLevelIsAnotherEntry) {
  ASSERT_TRUE(build(2));
  auto o0 = build(0);
  ASSERT_TRUE(o0);
  EXPECT_EQ(o0->compiled_files, 2u);
  auto o2 = build(2);
  ASSERT_TRUE(o2);
  EXPECT_EQ(o2->compiled_files, 0u);
}

TEST_F(ProjectBuildTest, CorruptEntriesAreRebuilt) {
  ASSERT_TRUE(build());
  const BuildCache cache(root_ / "cache" / "build", 2, false);
  const std::vector<std::string> garbage{
      "", "{", "[]", "{\"format\": 1}", "\x01\x02 not json", "{\"format\":1,\"compiler\":7}"};
  for (const std::string& g : garbage) {
    std::ofstream(cache.entry_path("tests/Token.t.tn"), std::ios::trunc) << g;
    auto again = build();
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->compiled_files, 1u) << g;
    EXPECT_EQ(again->suites.size(), 2u);
  }
  // A well-formed entry whose bytecode is not hex is a miss too.
  std::ifstream in(cache.entry_path("src/Token.tn"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("\"bytecode\":\"0x");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 14, 2, "zz");
  std::ofstream(cache.entry_path("src/Token.tn"), std::ios::trunc) << text;
  auto again = build();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->compiled_files, 1u);
}

TEST_F(ProjectBuildTest, CompileErrorIsAnErrorWithDiagnostics) {
  write("tests/Broken.t.tn",
        "test contract Broken {\n    test fn t() { let x: u256 = true; }\n}\n");
  auto built = build();
  ASSERT_FALSE(built);
  EXPECT_NE(built.error().message.find("Broken.t.tn:2:"), std::string::npos)
      << built.error().message;
}

TEST_F(ProjectBuildTest, TwoTestContractsOfOneNameAreAnError) {
  write("tests/Again.t.tn", "test contract PlainTest {\n    test fn t() {\n    }\n}\n");
  auto built = build();
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().message,
            "error: test contract 'PlainTest' is declared in both tests/Again.t.tn and "
            "tests/Token.t.tn; test contracts need unique names\n");
}

}  // namespace
}  // namespace tenet::runner
