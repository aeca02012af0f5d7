// Artifacts and revert messages (tenet/node/rpc/artifacts.hpp): every message form of
// toolchain.md §4 "Errors", custom errors named from an artifact's ABI or by selector, and the
// load errors naming the file.

#include "tenet/node/rpc/artifacts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "node/support/vectors.hpp"

namespace tenet::node {
namespace {

const std::string kArtifactsTestWord3e8 = std::string(61, '0') + "3e8";
const std::string kArtifactsTestWord3e9 = std::string(61, '0') + "3e9";

/// A fresh directory under the system's temp directory.
std::filesystem::path artifacts_test_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tenet_rpc_artifacts_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void artifacts_test_write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

constexpr const char* kArtifactsTestToken = R"({"contractName":"Token","abi":[
  {"type":"error","name":"InsufficientBalance","inputs":[
    {"internalType":"uint256","name":"have","type":"uint256"},
    {"internalType":"uint256","name":"want","type":"uint256"}]},
  {"type":"function","name":"transfer","inputs":[],"outputs":[],"stateMutability":"nonpayable"}],
  "bytecode":"0x00"})";

TEST(RpcArtifacts, RevertMessageForms) {
  const ArtifactIndex none;
  EXPECT_EQ(none.revert_message({}), "execution reverted");
  // Error("hi")
  const Bytes error_hi = test::from_hex("0x08c379a0" + std::string(62, '0') + "20" +
                                        std::string(63, '0') + "2" + "6869" + std::string(60, '0'));
  EXPECT_EQ(none.revert_message(error_hi), "execution reverted: hi");
  const Bytes panic = test::from_hex("0x4e487b71" + std::string(62, '0') + "11");
  EXPECT_EQ(none.revert_message(panic),
            "execution reverted: panic: arithmetic overflow or underflow (0x11)");
  const Bytes custom = test::from_hex("0xcf479181" + kArtifactsTestWord3e8 + kArtifactsTestWord3e9);
  EXPECT_EQ(none.revert_message(custom), "execution reverted: custom error 0xcf479181");
  EXPECT_EQ(none.revert_message(test::from_hex("0x0102")),
            "execution reverted: custom error 0x0102");
  EXPECT_EQ(none.revert_message(test::from_hex("0xdeadbeef")),
            "execution reverted: custom error 0xdeadbeef");
}

TEST(RpcArtifacts, NamesCustomErrorsFromArtifacts) {
  const auto dir = artifacts_test_dir("names");
  artifacts_test_write(dir / "Token.json", kArtifactsTestToken);
  artifacts_test_write(dir / "notes.json", R"({"not":"an artifact"})");
  artifacts_test_write(dir / "README.txt", "{ not json");
  auto index = ArtifactIndex::load(dir);
  ASSERT_TRUE(index.ok()) << index.error().message;
  const Bytes custom = test::from_hex("0xcf479181" + kArtifactsTestWord3e8 + kArtifactsTestWord3e9);
  EXPECT_EQ(index->revert_message(custom), "execution reverted: InsufficientBalance(1000, 1001)");
  EXPECT_EQ(index->revert_message(test::from_hex("0xcf479181" + kArtifactsTestWord3e8)),
            "execution reverted: InsufficientBalance (malformed arguments: data too short: a word "
            "at byte 32 of 32)");
  std::filesystem::remove_all(dir);
}

TEST(RpcArtifacts, LoadErrorsNameTheFile) {
  EXPECT_TRUE(ArtifactIndex::load("/nonexistent/tenet/out").ok());
  const auto dir = artifacts_test_dir("errors");
  artifacts_test_write(dir / "Broken.json", "{ not json");
  auto broken = ArtifactIndex::load(dir);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message, "artifact " + (dir / "Broken.json").string() + " is not JSON");
  std::filesystem::remove(dir / "Broken.json");
  artifacts_test_write(dir / "Bad.json",
                       R"({"abi":[{"type":"error","name":"E","inputs":[{"type":"uint7"}]}]})");
  auto bad = ArtifactIndex::load(dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "artifact " + (dir / "Bad.json").string() +
                                     ": abi: entry 0 (error E): input 0: unknown type 'uint7'");
  std::filesystem::remove_all(dir);
}

TEST(RpcArtifacts, CodesByBytecodeHashWithSourceLines) {
  const auto dir = artifacts_test_dir("codes");
  const std::string hash = "0x" + std::string(62, '0') + "ab";
  artifacts_test_write(dir / "Pair.json", R"({"contractName":"Pair","abi":[
    {"type":"function","name":"put","inputs":[{"name":"a","type":"uint256"}],"outputs":[],
     "stateMutability":"nonpayable"}],
    "bytecodeHash":")" + hash + R"(",
    "sourceMap":{"files":["src/pair.tn","std/math.tn"],
                 "entries":[[4,0,8,12],[6,1,3,1],[12,0,0,0],[20,0,9,5]]}})");
  auto index = ArtifactIndex::load(dir);
  ASSERT_TRUE(index.ok()) << index.error().message;
  Hash256 key{};
  key[31] = 0xab;
  const ArtifactCode* code = index->code(key);
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->contract, "Pair");
  EXPECT_EQ(code->line_at(3), std::nullopt);  // before the first entry
  EXPECT_EQ(code->line_at(4), (SourceLine{"src/pair.tn", 8}));
  EXPECT_EQ(code->line_at(5), (SourceLine{"src/pair.tn", 8}));
  EXPECT_EQ(code->line_at(6), (SourceLine{"std/math.tn", 3}));
  EXPECT_EQ(code->line_at(12), std::nullopt);  // line 0: compiler-generated
  EXPECT_EQ(code->line_at(400), (SourceLine{"src/pair.tn", 9}));
  EXPECT_EQ(index->code(Hash256{}), nullptr);
  const Bytes input = {0x3f, 0x81, 0xa2, 0xc0, 0x00};
  EXPECT_EQ(index->function_signature(input), "put(uint256)");
  EXPECT_EQ(index->function_signature(ByteView(input).first(3)), std::nullopt);

  artifacts_test_write(dir / "Pair.json",
                       R"({"abi":[],"bytecodeHash":")" + hash +
                           R"(","sourceMap":{"files":[],"entries":[[0,0,1,1]]}})");
  auto bad_entry = ArtifactIndex::load(dir);
  ASSERT_FALSE(bad_entry.ok());
  EXPECT_EQ(bad_entry.error().message,
            "artifact " + (dir / "Pair.json").string() + ": sourceMap: malformed entry [0,0,1,1]");
  artifacts_test_write(dir / "Pair.json", R"({"abi":[],"bytecodeHash":"0x12"})");
  auto bad_hash = ArtifactIndex::load(dir);
  ASSERT_FALSE(bad_hash.ok());
  EXPECT_EQ(bad_hash.error().message,
            "artifact " + (dir / "Pair.json").string() + ": bytecodeHash: not 32 bytes of hex");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tenet::node
