// Proof of work: the 512-bit bound hash × D ≤ 2^256 and the nonce search from 0.

#include "tenet/node/chain/pow.hpp"

#include <gtest/gtest.h>

#include "tenet/node/chain/base_fee.hpp"

namespace tenet::node {
namespace {

Hash256 pow_hash_of(const Word& w) {
  return vm::word_to_be(w);
}

TEST(Pow, DifficultyOneAndZeroAcceptEveryHash) {
  Hash256 all_ones;
  all_ones.fill(0xff);
  EXPECT_TRUE(meets_difficulty(all_ones, Word{1}));
  EXPECT_TRUE(meets_difficulty(all_ones, Word{0}));
  EXPECT_TRUE(meets_difficulty(Hash256{}, Word{1}));
}

TEST(Pow, BoundIsInclusiveAtTwoToThe256) {
  // D = 2: hash 2^255 gives exactly 2^256 (accepted), 2^255 + 1 does not.
  const Word half{0, 0, 0, uint64_t{1} << 63};
  EXPECT_TRUE(meets_difficulty(pow_hash_of(half), Word{2}));
  EXPECT_FALSE(meets_difficulty(pow_hash_of(vm::add(half, Word{1})), Word{2}));
  EXPECT_TRUE(meets_difficulty(pow_hash_of(vm::sub(half, Word{1})), Word{2}));
  // D = 1000: the largest accepted hash is ⌊2^256 / 1000⌋.
  // ⌊(2^256 − 1) / 1000⌋ = ⌊2^256 / 1000⌋ since 1000 does not divide 2^256.
  const Word max = vm::udiv(vm::bit_not(Word{}), Word{1000});
  EXPECT_TRUE(meets_difficulty(pow_hash_of(max), Word{1000}));
  EXPECT_FALSE(meets_difficulty(pow_hash_of(vm::add(max, Word{1})), Word{1000}));
  // A difficulty of 2^256 − 1 accepts only hashes 0 and 1.
  EXPECT_TRUE(meets_difficulty(pow_hash_of(Word{1}), vm::bit_not(Word{})));
  EXPECT_FALSE(meets_difficulty(pow_hash_of(Word{2}), vm::bit_not(Word{})));
}

TEST(Pow, SealFindsTheFirstNonceAtDifficulty1000) {
  Header header;
  header.ommers_hash = kEmptyOmmersHash;
  header.difficulty = Word{1000};
  header.number = 1;
  header.gas_limit = 30'000'000;
  header.timestamp = 1'700'000'000;
  header.base_fee = Word{kInitialBaseFee};
  header.nonce = {9, 9, 9, 9, 9, 9, 9, 9};
  seal(header);
  uint64_t found = 0;
  for (uint8_t b : header.nonce) found = (found << 8) | b;
  EXPECT_TRUE(meets_difficulty(header_hash(header), header.difficulty));
  // Every smaller nonce fails: the search starts at 0 and stops at the first.
  for (uint64_t n = 0; n < found; ++n) {
    Header other = header;
    for (int i = 0; i < 8; ++i) other.nonce[i] = static_cast<uint8_t>(n >> (56 - 8 * i));
    ASSERT_FALSE(meets_difficulty(header_hash(other), other.difficulty)) << n;
  }
  // About 1,000 tries expected; far more would mean a wrong bound.
  EXPECT_LT(found, 20'000u);
}

TEST(Pow, SealAtDifficultyOneKeepsNonceZero) {
  Header header;
  header.difficulty = Word{1};
  header.nonce = {1, 2, 3, 4, 5, 6, 7, 8};
  seal(header);
  EXPECT_EQ(header.nonce, (std::array<uint8_t, 8>{}));
}

}  // namespace
}  // namespace tenet::node
