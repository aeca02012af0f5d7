// Shrinking failing inputs and sequences (shrinker.hpp; docs/testing.md).
#include "tenet/runner/shrinker.hpp"

#include <gtest/gtest.h>

namespace tenet::runner {
namespace {

abi::AbiType type(std::string_view text) {
  return *abi::parse_type(text);
}

FuzzValue word(const vm::Word& w) {
  FuzzValue v;
  v.word = w;
  return v;
}

TEST(Shrinker, IntegerShrinksToTheSmallestFailingValue) {
  const std::vector types{type("uint256")};
  uint64_t budget = 1000;
  uint64_t tests = 0;
  auto fails = [&](const std::vector<FuzzValue>& in) {
    ++tests;
    return !vm::lt(in[0].word, vm::Word{1001});  // property x < 1001
  };
  const auto out = shrink_values(types, {word(vm::low_bits(256))}, fails, budget);
  EXPECT_EQ(value_texts(types, out), std::vector<std::string>{"1001"});
  EXPECT_EQ(budget, 1000 - tests);
  EXPECT_LE(tests, 260u);
}

TEST(Shrinker, EachArgumentShrinksWithTheOthersFixed) {
  const std::vector types{type("uint256"), type("uint64")};
  uint64_t budget = 1000;
  auto fails = [](const std::vector<FuzzValue>& in) {
    return !vm::lt(in[0].word, vm::Word{1000}) && !in[1].word.is_zero();
  };
  const auto out =
      shrink_values(types, {word(vm::Word{0, 0, 7, 0}), word(vm::Word{987654321})}, fails, budget);
  EXPECT_EQ(value_texts(types, out), (std::vector<std::string>{"1000", "1"}));
}

TEST(Shrinker, SignedIntegersShrinkTowardZeroOnTheirSide) {
  const std::vector types{type("int64")};
  uint64_t budget = 1000;
  auto fails = [](const std::vector<FuzzValue>& in) {
    return in[0].word.is_negative() && !vm::lt(vm::negate(in[0].word), vm::Word{42});  // x <= -42
  };
  const auto out = shrink_values(types, {word(vm::negate(vm::Word{123456789}))}, fails, budget);
  EXPECT_EQ(value_texts(types, out), std::vector<std::string>{"-42"});
}

TEST(Shrinker, BytesStringsAndArraysGetShorter) {
  const std::vector types{type("bytes"), type("uint8[]"), type("bool")};
  FuzzValue bytes;
  bytes.bytes.assign(100, 0xab);
  FuzzValue array;
  for (uint64_t i = 0; i < 8; ++i) array.items.push_back(word(vm::Word{i * 10}));
  uint64_t budget = 1000;
  auto fails = [](const std::vector<FuzzValue>& in) {
    bool has_big = false;
    for (const auto& e : in[1].items) has_big |= !vm::lt(e.word, vm::Word{50});
    return in[0].bytes.size() >= 3 && has_big;  // long enough bytes, an element ≥ 50
  };
  const auto out = shrink_values(types, {bytes, array, word(vm::Word{1})}, fails, budget);
  EXPECT_EQ(value_texts(types, out), (std::vector<std::string>{"0xababab", "[50]", "false"}));
}

TEST(Shrinker, StopsWhenTheBudgetIsSpent) {
  const std::vector types{type("uint256")};
  uint64_t budget = 5;
  uint64_t tests = 0;
  auto fails = [&](const std::vector<FuzzValue>&) {
    ++tests;
    return false;
  };
  shrink_values(types, {word(vm::low_bits(256))}, fails, budget);
  EXPECT_EQ(tests, 5u);
  EXPECT_EQ(budget, 0u);
}

TEST(Shrinker, SequenceKeepsOnlyTheCallsNeeded) {
  // Fails when the sequence holds both element 3 and element 11 (of 15).
  uint64_t budget = 2000;
  auto fails = [](const std::vector<size_t>& kept) {
    bool three = false, eleven = false;
    for (size_t i : kept) three |= i == 3, eleven |= i == 11;
    return three && eleven;
  };
  EXPECT_EQ(shrink_sequence(15, fails, budget), (std::vector<size_t>{3, 11}));
  EXPECT_GT(budget, 1900u);
}

}  // namespace
}  // namespace tenet::runner
