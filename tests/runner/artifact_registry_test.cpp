// The artifact registry: functions by selector, the zero values of results (what an expected
// revert answers), errors and events gathered once, source positions of code offsets.

#include "tenet/runner/artifact_registry.hpp"

#include <gtest/gtest.h>

#include "e2e/e2e_support.hpp"

namespace tenet::runner {
namespace {

using compiler::testing::hex;
using compiler::testing::hex_word;

abi::AbiParam param(std::string type, std::vector<abi::AbiParam> components = {},
                    std::optional<bool> indexed = std::nullopt) {
  abi::AbiParam p;
  p.type = std::move(type);
  p.components = std::move(components);
  p.indexed = indexed;
  return p;
}

abi::AbiEntry entry(abi::AbiEntryKind kind, std::string name, std::vector<abi::AbiParam> inputs,
                    std::vector<abi::AbiParam> outputs = {}) {
  abi::AbiEntry e;
  e.kind = kind;
  e.name = std::move(name);
  e.inputs = std::move(inputs);
  e.outputs = std::move(outputs);
  return e;
}

std::vector<uint8_t> call_of(std::string_view signature) {
  auto s = vm::selector_of(signature);
  return {s.begin(), s.end()};
}

const vm::Hash256 kHash = vm::keccak256(std::vector<uint8_t>{1, 2, 3});

ArtifactRegistry registry() {
  using K = abi::AbiEntryKind;
  KnownCode code;
  code.name = "Token";
  code.abi = {
      entry(K::function, "transfer", {param("address"), param("uint256")}, {param("bool")}),
      entry(K::function, "name", {}, {param("string")}),
      entry(K::function, "pair", {}, {param("uint8"), param("bytes")}),
      entry(K::function, "point", {},
            {param("tuple", {param("int64"), param("address")}), param("bytes4"),
             param("uint256[2]"), param("string[]")}),
      entry(K::function, "poke", {}),
      entry(K::error, "InsufficientBalance", {param("uint256"), param("uint256")}),
      entry(K::event, "Transfer",
            {param("address", {}, true), param("address", {}, true), param("uint256", {}, false)}),
  };
  code.files = {"src/Token.tn", "std/math.tn"};
  code.lines = {{0, 0, 0, 0}, {10, 0, 4, 5}, {20, 1, 7, 1}, {30, 0, 0, 0}, {40, 0, 9, 3}};
  ArtifactRegistry r;
  r.add(kHash, code);
  KnownCode other = code;  // the same errors and events again: kept once
  other.name = "Other";
  other.abi.push_back(entry(K::error, "Oops", {}));
  r.add(vm::keccak256(std::vector<uint8_t>{9}), other);
  return r;
}

TEST(ArtifactRegistry, FindsFunctionsBySelector) {
  ArtifactRegistry r = registry();
  ASSERT_NE(r.find(kHash), nullptr);
  EXPECT_EQ(r.find(kHash)->name, "Token");
  EXPECT_EQ(r.find(vm::Hash256{}), nullptr);
  const abi::AbiEntry* f = r.function(kHash, call_of("transfer(address,uint256)"));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "transfer");
  EXPECT_EQ(r.function(kHash, call_of("nothing()")), nullptr);
  EXPECT_EQ(r.function(kHash, std::vector<uint8_t>{0xa9, 0x05}), nullptr);
  EXPECT_EQ(r.function(vm::Hash256{}, call_of("transfer(address,uint256)")), nullptr);
}

TEST(ArtifactRegistry, ZeroResultsAreTheAbiOfZeroValues) {
  ArtifactRegistry r = registry();
  EXPECT_EQ(hex(r.zero_results(kHash, call_of("transfer(address,uint256)"))), hex_word(0));
  EXPECT_EQ(hex(r.zero_results(kHash, call_of("name()"))), hex_word(32) + hex_word(0));
  EXPECT_EQ(hex(r.zero_results(kHash, call_of("pair()"))),
            hex_word(0) + hex_word(64) + hex_word(0));
  // (int64,address) inline, bytes4, uint256[2] inline, then the offset of string[] (6 words of
  // head) and its zero length
  std::string point;
  for (int i = 0; i < 5; ++i) point += hex_word(0);
  point += hex_word(6 * 32) + hex_word(0);
  EXPECT_EQ(hex(r.zero_results(kHash, call_of("point()"))), point);
  EXPECT_TRUE(r.zero_results(kHash, call_of("poke()")).empty());
  EXPECT_TRUE(r.zero_results(kHash, call_of("unknown()")).empty());
  EXPECT_TRUE(r.zero_results(vm::Hash256{}, call_of("name()")).empty());
}

TEST(ArtifactRegistry, ErrorsAndEventsAreGatheredOnce) {
  ArtifactRegistry r = registry();
  ASSERT_EQ(r.errors().size(), 2u);
  EXPECT_EQ(r.errors()[0].name, "InsufficientBalance");
  EXPECT_EQ(r.errors()[1].name, "Oops");
  ASSERT_EQ(r.events().size(), 1u);
  EXPECT_EQ(r.events()[0].name, "Transfer");
  EXPECT_EQ(r.codes().size(), 2u);
}

TEST(ArtifactRegistry, PositionsComeFromTheLastEntryWithALine) {
  ArtifactRegistry r = registry();
  EXPECT_FALSE(r.position(kHash, 5));  // only a compiler-generated entry before it
  auto p = r.position(kHash, 10);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->file, "src/Token.tn");
  EXPECT_EQ(p->line, 4u);
  EXPECT_EQ(p->column, 5u);
  EXPECT_EQ(r.position(kHash, 25)->file, "std/math.tn");
  EXPECT_EQ(r.position(kHash, 35)->line, 7u);  // line 0 at 30: the one before it
  EXPECT_EQ(r.position(kHash, 1000)->line, 9u);
  EXPECT_FALSE(r.position(vm::Hash256{}, 10));
}

}  // namespace
}  // namespace tenet::runner
