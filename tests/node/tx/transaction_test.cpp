// Transactions: EIP-155's worked example (signing data, signing hash, v = 37, r, s, raw — from
// the EIP's text, and ethers 6.17.0 gives the same), type 1 and type 2 transactions signed by
// ethers 6.17.0 (Wallet.signTransaction) decoded, recovered and re-signed byte for byte, the
// refusals with their exact messages, intrinsic gas and fees.

#include "tenet/node/tx/transaction.hpp"

#include <gtest/gtest.h>

#include <string>

#include "node/support/vectors.hpp"
#include "tenet/node/keys/hd_wallet.hpp"
#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/node/tx/validity.hpp"

namespace tenet::node {
namespace {

using test::from_hex;
using test::to_hex;

/// A 32-byte key from hex.
Hash256 transaction_test_key(std::string_view hex) {
  Hash256 key{};
  const Bytes b = from_hex(hex);
  std::copy(b.begin(), b.end(), key.begin());
  return key;
}

/// The transaction of EIP-155's example: nonce 9, 20 gwei, 21,000 gas, to 0x3535…35, 1 ether.
Transaction transaction_test_eip155() {
  Transaction tx;
  tx.type = TxType::Legacy;
  tx.chain_id = 1;
  tx.nonce = 9;
  tx.gas_price = Word{20'000'000'000ull};
  tx.gas_limit = 21'000;
  Address to;
  to.bytes.fill(0x35);
  tx.to = to;
  tx.value = Word{1'000'000'000'000'000'000ull};
  return tx;
}

TEST(Eip155, WorkedExample) {
  const Transaction unsigned_tx = transaction_test_eip155();
  EXPECT_EQ(to_hex(signing_hash(unsigned_tx)),
            "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
  const Hash256 key =
      transaction_test_key("0x4646464646464646464646464646464646464646464646464646464646464646");
  auto tx = sign_transaction(unsigned_tx, key);
  ASSERT_TRUE(tx.has_value());
  EXPECT_EQ(legacy_v(*tx), Word{37});
  EXPECT_EQ(vm::to_decimal(tx->r),
            "18515461264373351373200002665853028612451056578545711640558177340181847433846");
  EXPECT_EQ(vm::to_decimal(tx->s),
            "46948507304638947509940763649030358759909902576025900602547168820602576006531");
  const std::string raw =
      "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a0"
      "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb70330"
      "4b3800ccf555c9f3dc64214b297fb1966a3b6d83";
  EXPECT_EQ(to_hex(encode_transaction(*tx)), raw);
  auto decoded = decode_transaction(from_hex(raw));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  EXPECT_EQ(*decoded, *tx);
  EXPECT_EQ(*recover_sender(*decoded), *vm::address_of(key));
  // ethers 6.17.0: Transaction.from(raw).hash
  EXPECT_EQ(to_hex(transaction_hash(*decoded)),
            "0x33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788");
}

TEST(Transactions, DynamicFeeSignedByEthers) {
  // ethers 6.17.0, Wallet(anvil key 0).signTransaction({type 2, chainId 31337, nonce 3, tip 1 gwei,
  // max fee 3 gwei, gas 100000, to anvil account 1, value 12345, data 0x00ff00, one access-list
  // entry 0x3535…35 with keys 0x…01 and 0xff00…00})
  const std::string raw =
      "0x02f8ce827a6903843b9aca0084b2d05e00830186a09470997970c51812dc3a010c7d01b50e0d17dc79c88230"
      "398300ff00f85bf859943535353535353535353535353535353535353535f842a00000000000000000000000"
      "000000000000000000000000000000000000000001a0ff000000000000000000000000000000000000000000"
      "0000000000000000000001a0671873638f9e19a44ab9b1bb91686f16b8ba7559f279739da140a72feb2537e2"
      "a075244b521327b012b314d569c1a9c6c9f65935b5f3811559e855c79c9e085265";
  auto tx = decode_transaction(from_hex(raw));
  ASSERT_TRUE(tx.ok()) << tx.error().message();
  EXPECT_EQ(tx->type, TxType::DynamicFee);
  EXPECT_EQ(tx->chain_id, 31337u);
  EXPECT_EQ(tx->nonce, 3u);
  EXPECT_EQ(tx->max_priority_fee, Word{1'000'000'000});
  EXPECT_EQ(tx->max_fee, Word{3'000'000'000});
  ASSERT_EQ(tx->access_list.size(), 1u);
  EXPECT_EQ(tx->access_list[0].storage_keys.size(), 2u);
  EXPECT_EQ(to_hex(signing_hash(*tx)),
            "0xdc7e2369dad269117a3d7ce610696c3b4cc42ee17c0eb6e87c6cef9cf62fdde2");
  EXPECT_EQ(to_hex(transaction_hash(*tx)),
            "0xd3b6c754d1e9d0ceffe2a34f1537d512a33d6a634af5620de9b8ce41dc478f26");
  auto accounts = dev_accounts(kDefaultMnemonic, 2);
  EXPECT_EQ(*recover_sender(*tx), (*accounts)[0].address);
  EXPECT_EQ(*tx->to, (*accounts)[1].address);
  // Re-signing gives the same bytes (RFC 6979 is deterministic).
  Transaction blank = *tx;
  blank.r = blank.s = Word{};
  blank.y_parity = 0;
  EXPECT_EQ(to_hex(encode_transaction(*sign_transaction(blank, (*accounts)[0].private_key))), raw);
  // 21,000 + 2 zero bytes × 4 + 1 non-zero × 16 + 2,400 + 2 × 1,900
  EXPECT_EQ(intrinsic_gas(*tx), 27'224u);
  EXPECT_EQ(effective_gas_price(*tx, Word{1'500'000'000}), Word{2'500'000'000});
  EXPECT_EQ(effective_gas_price(*tx, Word{2'500'000'000}), Word{3'000'000'000});
  EXPECT_EQ(*max_cost(*tx), Word{100'000ull * 3'000'000'000ull + 12'345});
}

TEST(Transactions, AccessListDeploymentSignedByEthers) {
  // ethers 6.17.0: {type 1, chainId 31337, nonce 0, gasPrice 2 gwei, gas 60000, to null,
  // data 0x6001, accessList []} signed by anvil key 0
  const std::string raw =
      "0x01f855827a6980847735940082ea608080826001c080a0de65e5853cf877988336dda7387411275481c7e7b92c"
      "f6f237491c463509216da03cecafb16145fa0398662e4369c5eaa07a551da1b57d2ddebd3b255324aec964";
  auto tx = decode_transaction(from_hex(raw));
  ASSERT_TRUE(tx.ok()) << tx.error().message();
  EXPECT_EQ(tx->type, TxType::AccessList);
  EXPECT_FALSE(tx->to.has_value());
  EXPECT_EQ(to_hex(transaction_hash(*tx)),
            "0xae5dcd94051727202c100dba3e9a7827b579399c87374948a3517857837477ef");
  EXPECT_EQ(*recover_sender(*tx), *vm::parse_address("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
  // 21,000 + 32,000 + 1 word × 2 + 2 non-zero bytes × 16
  EXPECT_EQ(intrinsic_gas(*tx), 53'034u);
  EXPECT_EQ(effective_gas_price(*tx, Word{1}), Word{2'000'000'000});
  EXPECT_EQ(to_hex(encode_transaction(*tx)), raw);
}

TEST(Transactions, LegacyWithoutChainId) {
  Transaction tx = transaction_test_eip155();
  tx.chain_id.reset();
  const Hash256 key =
      transaction_test_key("0x4646464646464646464646464646464646464646464646464646464646464646");
  auto signed_tx = sign_transaction(tx, key);
  const Word v = legacy_v(*signed_tx);
  EXPECT_TRUE(v == Word{27} || v == Word{28});
  auto decoded = decode_transaction(encode_transaction(*signed_tx));
  ASSERT_TRUE(decoded.ok());
  EXPECT_FALSE(decoded->chain_id.has_value());
  EXPECT_EQ(*recover_sender(*decoded), *vm::address_of(key));
}

/// The refusal message of decoding `hex`.
std::string transaction_test_refusal(std::string_view hex) {
  auto tx = decode_transaction(from_hex(hex));
  EXPECT_FALSE(tx.ok()) << hex;
  return tx.ok() ? "" : tx.error().message();
}

TEST(Transactions, DecodeRefusals) {
  EXPECT_EQ(transaction_test_refusal("0x03c0"), "transaction type not supported: type 3");
  EXPECT_EQ(transaction_test_refusal("0x04c0"), "transaction type not supported: type 4");
  EXPECT_EQ(transaction_test_refusal("0x7f"), "transaction type not supported: type 127");
  EXPECT_EQ(transaction_test_refusal("0x"), "invalid transaction: empty input");
  EXPECT_EQ(transaction_test_refusal("0x00"), "transaction type not supported: type 0");
  EXPECT_EQ(transaction_test_refusal("0x8180"),
            "invalid transaction: first byte 0x81 is neither a type (0x01, 0x02) nor an RLP list");
  EXPECT_EQ(transaction_test_refusal("0x02c0"),
            "invalid transaction: chainId: rlp: too few elements at byte 1");
  EXPECT_EQ(transaction_test_refusal("0x0280"),
            "invalid transaction: transaction: rlp: expected input list at byte 1");
  // legacy: nonce with a leading zero
  EXPECT_EQ(
      transaction_test_refusal("0xc9820001808080808080"),
      "invalid transaction: nonce: rlp: non-canonical integer (leading zero bytes) at byte 1");
  // legacy: v = 29
  EXPECT_EQ(transaction_test_refusal("0xc9808080808080"
                                     "1d"
                                     "0101"),
            "invalid signature: v = 29 is not 27, 28 or 35 + 2 × chain id + {0, 1}");
  // type 2 with y parity 2
  EXPECT_EQ(transaction_test_refusal("0x02cc0180808080808080c0020101"),
            "invalid signature: y parity 2 is not 0 or 1");
  // trailing byte after a valid legacy list
  EXPECT_EQ(transaction_test_refusal("0xc98080808080801b010100"),
            "invalid transaction: transaction: rlp: input contains more than one value at byte 10");
  // one element too many
  EXPECT_EQ(transaction_test_refusal("0xca8080808080801b010101"),
            "invalid transaction: transaction: rlp: input list has too many elements at byte 10");
  // `to` of 19 bytes
  EXPECT_EQ(transaction_test_refusal("0xdc80808093"
                                     "00000000000000000000000000000000000000"
                                     "8080"
                                     "1b0101"),
            "invalid transaction: to: rlp: address is not 20 bytes at byte 4");
  const Word v_huge = vm::add(vm::shl(Word{1}, Word{65}), Word{35});
  rlp::Writer w;
  w.uint(0).uint(0).uint(0).bytes({}).uint(0).bytes({}).word(v_huge).uint(1).uint(1);
  auto huge_chain = decode_transaction(w.list_bytes());
  ASSERT_FALSE(huge_chain.ok());
  EXPECT_EQ(huge_chain.error().kind, RefusalKind::InvalidChainId);
  EXPECT_EQ(huge_chain.error().code(), -32000);
}

TEST(Transactions, SignatureRefusals) {
  const Hash256 key =
      transaction_test_key("0x4646464646464646464646464646464646464646464646464646464646464646");
  const Transaction good = *sign_transaction(transaction_test_eip155(), key);
  // high s: n - s with the other parity recovers the same key, and is refused
  const Word n{0xBFD25E8CD0364141ULL, 0xBAAEDCE6AF48A03BULL, 0xFFFFFFFFFFFFFFFEULL,
               0xFFFFFFFFFFFFFFFFULL};
  Transaction high = good;
  high.s = vm::sub(n, good.s);
  high.y_parity ^= 1;
  EXPECT_EQ(vm::ecrecover(signing_hash(high), Word{27u + high.y_parity}, high.r, high.s),
            vm::address_of(key));
  EXPECT_EQ(recover_sender(high).error().message(), "invalid signature: s is above n/2 (high s)");
  Transaction zero_r = good;
  zero_r.r = Word{};
  EXPECT_EQ(recover_sender(zero_r).error().message(), "invalid signature: r is not in [1, n-1]");
  Transaction r_n = good;
  r_n.r = n;
  EXPECT_EQ(recover_sender(r_n).error().message(), "invalid signature: r is not in [1, n-1]");
  Transaction zero_s = good;
  zero_s.s = Word{};
  EXPECT_EQ(recover_sender(zero_s).error().message(), "invalid signature: s is zero");
  Transaction parity = good;
  parity.y_parity = 2;
  EXPECT_EQ(recover_sender(parity).error().message(),
            "invalid signature: y parity 2 is not 0 or 1");
  // another chain id: a different signing hash, so a different (or no) sender
  Transaction other_chain = good;
  other_chain.chain_id = 2;
  auto other = recover_sender(other_chain);
  EXPECT_TRUE(!other.ok() || *other != *vm::address_of(key));
  EXPECT_FALSE(sign_transaction(good, Hash256{}).has_value());
}

TEST(Transactions, StatelessChecks) {
  Transaction tx = transaction_test_eip155();
  EXPECT_TRUE(check_transaction(tx).ok());
  tx.gas_limit = 20'999;
  EXPECT_EQ(check_transaction(tx).error().message(),
            "intrinsic gas too low: have 20999, want 21000");
  tx.gas_limit = 21'000;
  tx.nonce = UINT64_MAX;
  EXPECT_EQ(check_transaction(tx).error().message(), "invalid transaction: nonce has max value");
  tx.nonce = 0;
  tx.gas_price = vm::shl(Word{1}, Word{250});
  EXPECT_EQ(check_transaction(tx).error().message(),
            "insufficient funds for gas * price + value: gas limit × fee cap overflows 256 bits");
  tx.gas_price = Word{1};
  tx.value = vm::bit_not(Word{});
  EXPECT_TRUE(check_transaction(tx).ok());  // Ethereum accepts; no balance pays it
  EXPECT_FALSE(max_cost(tx).has_value());
  Transaction dyn = tx;
  dyn.type = TxType::DynamicFee;
  dyn.value = Word{};
  dyn.max_fee = Word{10};
  dyn.max_priority_fee = Word{11};
  EXPECT_EQ(check_transaction(dyn).error().message(),
            "invalid transaction: max priority fee per gas higher than max fee per gas");
  dyn.max_priority_fee = vm::bit_not(Word{});
  dyn.max_fee = vm::bit_not(Word{});
  EXPECT_EQ(effective_gas_price(dyn, Word{5}), dyn.max_fee);  // base + tip overflows: the cap
}

TEST(Transactions, IntrinsicGas) {
  Transaction tx;
  Address to;
  tx.to = to;
  EXPECT_EQ(intrinsic_gas(tx), 21'000u);
  tx.data = {0, 1, 0, 2};
  EXPECT_EQ(intrinsic_gas(tx), 21'000u + 2 * 4 + 2 * 16);
  tx.to.reset();
  tx.data.assign(33, 0xff);  // 2 words of init code
  EXPECT_EQ(intrinsic_gas(tx), 53'000u + 33 * 16 + 2 * 2);
  tx.data.clear();
  EXPECT_EQ(intrinsic_gas(tx), 53'000u);
  tx.access_list = {AccessListEntry{to, {Word{1}, Word{2}, Word{3}}}, AccessListEntry{to, {}}};
  EXPECT_EQ(intrinsic_gas(tx), 53'000u + 2 * 2'400 + 3 * 1'900);
}

}  // namespace
}  // namespace tenet::node
