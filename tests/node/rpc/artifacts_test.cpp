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

}  // namespace
}  // namespace tenet::node
