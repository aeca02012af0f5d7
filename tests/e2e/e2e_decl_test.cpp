// Language 1.1 declarations end to end: what `delete` leaves in storage (read from the
// host: old elements and string chunks are zero, the entries of a map inside a deleted
// struct stay), the gas of deleting a dynamic array (it grows with the length), and
// external names (`as "abiName"`) in the ABI, the export table and the gas estimates.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::compiler {
namespace {

using testing::aw;
using testing::cat;
using testing::hex;
using testing::hw;
using testing::input;
using testing::iw;
using testing::selector_bytes;
using vm::Address;
using vm::Word;

class E2eDecl : public testing::E2eTest, public ::testing::WithParamInterface<OptLevel> {
 protected:
  Address deploy(const std::string& source, const std::string& name) {
    return E2eTest::deploy(source, name, GetParam());
  }
  /// The storage word at `slot` of `account`.
  Word slot(const Address& account, const Word& key) { return host.get_storage(account, key); }
  /// Gas used by a successful call.
  int64_t gas_of(const Address& to, const std::vector<uint8_t>& data) {
    const int64_t limit = 10'000'000;
    vm::ExecResult r = call(to, data, Word{}, limit);
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason;
    return limit - r.gas_left;
  }
};

INSTANTIATE_TEST_SUITE_P(E2e, E2eDecl, ::testing::Values(OptLevel::O0, OptLevel::O2),
                         [](const ::testing::TestParamInfo<OptLevel>& p) {
                           return std::string(p.param == OptLevel::O0 ? "O0" : "O2");
                         });

/// keccak256 of the 32-byte words `parts` (a data slot or a map entry's slot).
Word hash_words(std::initializer_list<Word> parts) {
  std::vector<uint8_t> bytes;
  for (const Word& w : parts) {
    const auto b = vm::testing::be(w);
    bytes.insert(bytes.end(), b.begin(), b.end());
  }
  return vm::word_from_be(vm::keccak256(bytes));
}

Word plus(const Word& w, uint64_t n) {
  return vm::add(w, Word{n});
}

constexpr const char* kDeleteSource = R"(
struct Item { id: u64, note: string }
struct Account { balance: u256, allowed: map<u256, bool> }
contract D {
    values: [u256];
    items: [Item];
    text: string;
    account: Account;
    pub fn fill(n: u256) { for i in 1..=n { self.values.push(i); } }
    pub fn setup() {
        self.items.push(Item { id: 5, note: "a note longer than thirty-two bytes, two chunks" });
        self.text = "another text of more than thirty-two bytes";
        self.account.balance = 9;
        self.account.allowed[7] = true;
    }
    pub fn clear_values() { delete self.values; }
    pub fn clear_rest() { delete self.items; delete self.text; delete self.account; }
}
)";

TEST_P(E2eDecl, DeleteClearsOldElementsAndChunks) {
  Address a = deploy(kDeleteSource, "D");
  ok(a, input("fill(uint256)", {iw(3)}));
  ok(a, input("setup()"));
  // values at slot 0, items at 1 (an Item is 2 slots: id, note), text at 2, account at 3-4.
  const Word values = hash_words({Word{0}});
  const Word item = hash_words({Word{1}});
  const Word note = hash_words({plus(item, 1)});
  const Word text = hash_words({Word{2}});
  const Word allowed_7 = hash_words({Word{7}, Word{4}});
  const std::vector<Word> cleared = {
      Word{0}, plus(values, 0), plus(values, 2), Word{1}, item,          plus(item, 1),
      note,    plus(note, 1),   Word{2},         text,    plus(text, 1), Word{3}};
  for (const Word& k : cleared)
    EXPECT_FALSE(slot(a, k).is_zero()) << "before, slot " << hex(vm::testing::be(k));
  EXPECT_EQ(slot(a, allowed_7), Word{1});
  ok(a, input("clear_values()"));
  ok(a, input("clear_rest()"));
  for (const Word& k : cleared)
    EXPECT_TRUE(slot(a, k).is_zero()) << "after, slot " << hex(vm::testing::be(k));
  // The map inside the deleted struct keeps its entries (they cannot be enumerated).
  EXPECT_EQ(slot(a, allowed_7), Word{1});
}

TEST_P(E2eDecl, DeleteGasGrowsWithTheLength) {
  Address a = deploy(kDeleteSource, "D");
  ok(a, input("fill(uint256)", {iw(1)}));
  const int64_t one = gas_of(a, input("clear_values()"));
  ok(a, input("fill(uint256)", {iw(21)}));
  const int64_t many = gas_of(a, input("clear_values()"));
  // Each further element is a non-zero slot set to zero: 2100 (cold) + 2900 (docs/gas.md).
  EXPECT_GE(many - one, 20 * 5000);
  EXPECT_LE(many - one, 20 * 5200);
  // Deleting an empty array clears nothing but its length.
  const int64_t empty = gas_of(a, input("clear_values()"));
  EXPECT_LT(empty, one);
}

constexpr const char* kNamesSource = R"(
contract Tokens {
    pub calls: u256;
    pub fn plain(from: address, to: address, id: u256) as "safeTransferFrom" {
        self.calls += 1;
    }
    pub fn with_data(from: address, to: address, id: u256, data: bytes) as "safeTransferFrom" {
        self.calls += 10 + data.len();
    }
    pub fn both() -> u256 {
        self.plain(address(1), address(2), 3);
        self.with_data(address(1), address(2), 3, hex"0102");
        return self.calls;
    }
}
)";

TEST_P(E2eDecl, ExternalNamesInTheAbiSelectorsAndGasEstimates) {
  Address a = deploy(kNamesSource, "Tokens");
  const testing::CheckedSource& source = *checked.back();
  const ContractInfo& tokens = source.contract("Tokens");
  // The ABI names both functions safeTransferFrom, in source order.
  std::vector<std::string> signatures;
  for (const AbiEntry& e : contract_abi(*source.program, tokens))
    if (e.kind == AbiEntryKind::function) signatures.push_back(abi_signature(e));
  EXPECT_EQ(signatures, (std::vector<std::string>{
                            "both()", "calls()", "safeTransferFrom(address,address,uint256)",
                            "safeTransferFrom(address,address,uint256,bytes)"}));
  // ERC-721's selectors reach the two functions.
  EXPECT_EQ(hex(selector_bytes("safeTransferFrom(address,address,uint256)")), "42842e0e");
  EXPECT_EQ(hex(selector_bytes("safeTransferFrom(address,address,uint256,bytes)")), "b88d4fde");
  ok(a, input("safeTransferFrom(address,address,uint256)", {iw(1), iw(2), iw(3)}));
  EXPECT_EQ(ok(a, input("calls()")), hw(1));
  ok(a, cat({selector_bytes("safeTransferFrom(address,address,uint256,bytes)"), iw(1), iw(2), iw(3),
             iw(128), iw(1),
             testing::word_bytes(
                 "0x0100000000000000000000000000000000000000000000000000000000000000")}));
  EXPECT_EQ(ok(a, input("calls()")), hw(12));
  // The Tenet names are not selectors; inside Tenet they call the functions.
  reverts(a, input("plain(address,address,uint256)", {iw(1), iw(2), iw(3)}));
  EXPECT_EQ(ok(a, input("both()")), hw(12 + 1 + 12));
  // Gas estimates are keyed by the ABI signature.
  auto compiled = compile_contract(*source.program, source.sources, tokens, CompileOptions{});
  ASSERT_TRUE(compiled.ok());
  auto gas = contract_gas_estimates(*source.program, tokens, compiled->code.container);
  ASSERT_TRUE(gas.ok()) << gas.error().message;
  std::vector<std::string> names;
  for (const NamedGas& g : *gas) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"both()", "calls()",
                                             "safeTransferFrom(address,address,uint256)",
                                             "safeTransferFrom(address,address,uint256,bytes)"}));
}

}  // namespace
}  // namespace tenet::compiler
