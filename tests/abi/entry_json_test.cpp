// Reading ABI JSON back into entries (tenet/abi/entry.hpp, entries_from_json): the inverse of
// to_json for every entry kind, and each malformed shape refused with its message.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tenet/abi/entry.hpp"

namespace tenet::abi {
namespace {

using nlohmann::json;

AbiParam entry_json_test_param(std::string name, std::string type) {
  return AbiParam{std::move(name), type, type, {}, std::nullopt};
}

std::vector<AbiEntry> entry_json_test_entries() {
  AbiEntry ctor{AbiEntryKind::constructor,
                "",
                {entry_json_test_param("supply", "uint256")},
                {},
                "nonpayable"};
  AbiParam point{"p",
                 "tuple[]",
                 "struct Point[]",
                 {entry_json_test_param("x", "int64"), entry_json_test_param("y", "bool")},
                 std::nullopt};
  AbiEntry fn{AbiEntryKind::function,
              "move",
              {point, entry_json_test_param("to", "address")},
              {entry_json_test_param("", "bytes32")},
              "view"};
  AbiParam from = entry_json_test_param("from", "address");
  from.indexed = true;
  AbiParam amount = entry_json_test_param("amount", "uint256");
  amount.indexed = false;
  AbiEntry event{AbiEntryKind::event, "Transfer", {from, amount}, {}, ""};
  AbiEntry error{
      AbiEntryKind::error,
      "InsufficientBalance",
      {entry_json_test_param("have", "uint256"), entry_json_test_param("want", "uint256")},
      {},
      ""};
  AbiEntry receive{AbiEntryKind::receive, "", {}, {}, "payable"};
  return {ctor, fn, event, error, receive};
}

TEST(AbiEntryJson, ReadsWhatToJsonWrites) {
  const auto entries = entry_json_test_entries();
  const json written = to_json(entries);
  auto read = entries_from_json(written);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(to_json(*read), written);
  EXPECT_EQ(abi_fragment_lines(*read), abi_fragment_lines(entries));
  ASSERT_EQ(read->size(), 5u);
  EXPECT_EQ((*read)[1].inputs[0].components.size(), 2u);
  EXPECT_EQ((*read)[2].inputs[0].indexed, std::optional<bool>(true));
  EXPECT_EQ(abi_selector_hex((*read)[3]), "0xcf479181");
}

TEST(AbiEntryJson, OptionalKeysAndExtraKeys) {
  auto read = entries_from_json(
      json::parse(R"([{"type":"function","name":"f","inputs":[{"type":"uint256"}],"x":1}])"));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(abi_signature((*read)[0]), "f(uint256)");
  EXPECT_TRUE((*read)[0].outputs.empty());
  EXPECT_TRUE(entries_from_json(json::array())->empty());
}

std::string entry_json_test_error(const char* text) {
  auto read = entries_from_json(json::parse(text));
  return read.ok() ? "(accepted)" : read.error().message;
}

TEST(AbiEntryJson, RefusesMalformedShapes) {
  EXPECT_EQ(entry_json_test_error(R"({"type":"function"})"), "the ABI is not a JSON array");
  EXPECT_EQ(entry_json_test_error(R"([1])"), "entry 0: not an object");
  EXPECT_EQ(entry_json_test_error(R"([{"type":"fallback"}])"), "entry 0: unknown type 'fallback'");
  EXPECT_EQ(entry_json_test_error(R"([{"name":"f"}])"), "entry 0: unknown type ''");
  EXPECT_EQ(entry_json_test_error(
                R"([{"type":"error","name":"E","inputs":[{"name":"a","type":"uint7"}]}])"),
            "entry 0 (error E): input 0: unknown type 'uint7'");
  EXPECT_EQ(entry_json_test_error(R"([{"type":"function","name":"f","inputs":{}}])"),
            "entry 0 (function f): inputs is not an array");
  EXPECT_EQ(
      entry_json_test_error(R"([{"type":"function","name":"f","inputs":[{"type":"tuple"}]}])"),
      "entry 0 (function f): input 0: a tuple without components");
  EXPECT_EQ(entry_json_test_error(
                R"([{"type":"event","name":"E","inputs":[{"type":"uint256","indexed":"yes"}]}])"),
            "entry 0 (event E): input 0: indexed is not a boolean");
  EXPECT_EQ(entry_json_test_error(R"([{"type":"function","name":7}])"),
            "entry 0: name is not a string");
  EXPECT_EQ(
      entry_json_test_error(
          R"([{"type":"function","name":"g","outputs":[{"type":"tuple","components":[{"type":"x"}]}]}])"),
      "entry 0 (function g): output 0: component 0: unknown type 'x'");
}

}  // namespace
}  // namespace tenet::abi
