// The fuzz value generator: determinism, edge values, dictionary words, texts
// (value_generator.hpp; docs/testing.md).
#include "tenet/runner/value_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tenet/abi/values.hpp"
#include "tenet/runner/environment.hpp"

namespace tenet::runner {
namespace {

abi::AbiType abi_type(std::string_view text) {
  return *abi::parse_type(text);
}

std::vector<std::string> first_values(uint64_t seed, const abi::AbiType& t, size_t n,
                                      const Dictionary& dictionary) {
  Rng rng(test_seed(seed, "tests/Fuzz.t.tn", "FuzzTest", "fuzz_amount(uint256)"));
  ValueGenerator generator(rng, dictionary);
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(value_text(t, generator.generate(t)));
  return out;
}

TEST(ValueGenerator, RngIsXoshiro256StarStar) {
  // The reference implementation's first outputs from the state {1, 2, 3, 4}.
  vm::Hash256 seed{};
  for (int i = 0; i < 4; ++i) seed[8 * i + 7] = static_cast<uint8_t>(i + 1);
  Rng rng(seed);
  EXPECT_EQ(rng.next(), 11520u);
  EXPECT_EQ(rng.next(), 0u);
  EXPECT_EQ(rng.next(), 1509978240u);
  EXPECT_EQ(rng.next(), 1215971899390074240u);
}

TEST(ValueGenerator, SeedZeroGivesTheseFirstValues) {
  const Dictionary empty = Dictionary::of_state({});
  const std::vector<std::string> values = first_values(0, abi_type("uint256"), 12, empty);
  // Dictionary words of an empty state are the six addresses in use (as integers).
  const std::vector<std::string> golden = {
      "32179649601463877002277292809295925944349636465555876111514889618057462041577",
      "594179275863704165266696689399235767493667371625",
      "50248880302062811816059320419636396743307746166560608913695955486899296095981",
      "728815563385977040452943777879061427756277306518",
      "89730804683779818996198738725890687037247771212195923804706454909095630232807",
      "728815563385977040452943777879061427756277306518",
      "3882822180063519870964927506921302379444261368470381951836160970486484049106",
      "0",
      "2",
      "0",
      "0",
      "247512291986854564435551364600938690683113101007"};
  EXPECT_EQ(values, golden);
  EXPECT_EQ(first_values(0, abi_type("int8"), 12, empty),
            (std::vector<std::string>{"-23", "105", "-19", "-106", "-25", "-106", "-46", "-128",
                                      "99", "-2", "2", "79"}));
}

TEST(ValueGenerator, SameSeedSameValuesOtherSeedOtherValues) {
  const Dictionary empty = Dictionary::of_state({});
  const abi::AbiType t = abi_type("(uint256,address,bytes,string,int64[])");
  EXPECT_EQ(first_values(7, t, 50, empty), first_values(7, t, 50, empty));
  EXPECT_NE(first_values(7, t, 50, empty), first_values(8, t, 50, empty));
  EXPECT_NE(test_seed(0, "a", "B", "f()"), test_seed(0, "a", "B", "g()"));
  EXPECT_NE(test_seed(0, "ab", "C", "f()"), test_seed(0, "a", "bC", "f()"));
}

TEST(ValueGenerator, EdgeValuesAppear) {
  const Dictionary empty = Dictionary::of_state({});
  const auto u = first_values(1, abi_type("uint256"), 2000, empty);
  const std::set<std::string> seen_u(u.begin(), u.end());
  for (const char* edge :
       {"0", "1", "2",
        "115792089237316195423570985008687907853269984665640564039457584007913129639935",
        "115792089237316195423570985008687907853269984665640564039457584007913129639934"})
    EXPECT_TRUE(seen_u.count(edge)) << edge;
  const auto u16 = first_values(1, abi_type("uint16"), 10000, empty);
  const std::set<std::string> seen_u16(u16.begin(), u16.end());
  for (const char* edge : {"65535", "65534", "256", "255", "257", "32768"})
    EXPECT_TRUE(seen_u16.count(edge)) << edge;
  const auto i = first_values(1, abi_type("int8"), 10000, empty);
  const std::set<std::string> seen_i(i.begin(), i.end());
  for (const char* edge : {"0", "1", "-1", "127", "126", "-128", "-127", "64", "-64"})
    EXPECT_TRUE(seen_i.count(edge)) << edge;
  const auto b = first_values(1, abi_type("bool"), 100, empty);
  EXPECT_TRUE(std::count(b.begin(), b.end(), "true") > 20);
  EXPECT_TRUE(std::count(b.begin(), b.end(), "false") > 20);
}

TEST(ValueGenerator, DictionaryWordsAppearTruncatedToTheWidth) {
  Dictionary dictionary = Dictionary::of_state({});
  dictionary.words = {vm::Word{1000003}, vm::Word{0x12345}};
  const auto u = first_values(2, abi_type("uint256"), 400, dictionary);
  EXPECT_TRUE(std::count(u.begin(), u.end(), "1000003") > 10);
  const auto small = first_values(2, abi_type("uint16"), 400, dictionary);
  EXPECT_TRUE(std::count(small.begin(), small.end(), std::to_string(0x2345)) > 10);
}

TEST(ValueGenerator, AddressesInUseAppear) {
  const Dictionary dictionary = Dictionary::of_state({});
  EXPECT_TRUE(std::is_sorted(dictionary.addresses.begin(), dictionary.addresses.end()));
  EXPECT_EQ(dictionary.addresses.size(), 6u);  // zero, sender, test contract, vm.addr(1..3)
  const auto a = first_values(3, abi_type("address"), 300, dictionary);
  EXPECT_TRUE(std::count(a.begin(), a.end(), vm::to_hex(test_contract_address())) > 10);
  EXPECT_TRUE(std::count(a.begin(), a.end(), std::string(kDefaultSenderHex)) > 10);
  EXPECT_TRUE(std::count(a.begin(), a.end(), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf") > 10);
}

TEST(ValueGenerator, TextsEncodeAndSizesAreCapped) {
  const Dictionary empty = Dictionary::of_state({});
  const std::vector<abi::AbiType> types = {abi_type("string"), abi_type("bytes"), abi_type("bytes[][]"),
                                           abi_type("(int256,bytes4,bool[3])"), abi_type("string[]")};
  Rng rng(test_seed(0, "f", "C", "t()"));
  ValueGenerator generator(rng, empty);
  std::set<size_t> string_lengths;
  for (int i = 0; i < 300; ++i) {
    const std::vector<FuzzValue> values = generator.generate(types);
    const std::vector<std::string> texts = value_texts(types, values);
    auto encoded = abi::encode_values(types, texts);
    ASSERT_TRUE(encoded) << encoded.error().message << " " << texts[0];
    auto decoded = abi::decode_values(types, *encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ((*decoded)[1], texts[1]);
    EXPECT_LE(values[0].bytes.size(), kMaxByteStringLength);
    EXPECT_LE(values[2].items.size(), kMaxArrayElements);
    EXPECT_EQ(values[3].items[2].items.size(), 3u);
    string_lengths.insert(values[0].bytes.size());
  }
  for (size_t edge : {0, 1, 31, 32, 33, 64}) EXPECT_TRUE(string_lengths.count(edge)) << edge;
  EXPECT_EQ(static_input_bytes(std::vector{abi_type("uint256[4096]")}), 131072u);
  EXPECT_GT(static_input_bytes(std::vector{abi_type("uint256[4096]")}), kMaxStaticInputBytes);
}

TEST(ValueGenerator, StringsAreQuotedJson) {
  FuzzValue v;
  const std::string raw = "a\"b\\c\n";
  v.bytes.assign(raw.begin(), raw.end());
  EXPECT_EQ(value_text(abi_type("string"), v), R"("a\"b\\c\u000a")");
  FuzzValue negative;
  negative.word = vm::negate(vm::Word{5});
  EXPECT_EQ(value_text(abi_type("int32"), negative), "-5");
}

}  // namespace
}  // namespace tenet::runner
