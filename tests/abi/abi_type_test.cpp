// ABI types and signatures (tenet/abi/type.hpp, signature.hpp): parsing, canonical
// spelling, types read from ABI entries, selectors.
#include <gtest/gtest.h>

#include "tenet/abi/signature.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::abi {
namespace {

std::string canonical(std::string_view text) {
  auto t = parse_type(text);
  return t ? type_name(*t) : "error: " + t.error().message;
}

TEST(AbiType, ParsesAndSpellsCanonically) {
  EXPECT_EQ(canonical("uint"), "uint256");
  EXPECT_EQ(canonical("int"), "int256");
  EXPECT_EQ(canonical("uint8"), "uint8");
  EXPECT_EQ(canonical("bytes32"), "bytes32");
  EXPECT_EQ(canonical("bytes"), "bytes");
  EXPECT_EQ(canonical(" (uint, (int8,bool)[])[2] "), "(uint256,(int8,bool)[])[2]");
  EXPECT_EQ(canonical("address[][3]"), "address[][3]");
}

TEST(AbiType, RejectsUnknownTypes) {
  EXPECT_EQ(canonical("uint7"), "error: unknown type 'uint7'");
  EXPECT_EQ(canonical("bytes33"), "error: unknown type 'bytes33'");
  EXPECT_EQ(canonical("bytes0"), "error: unknown type 'bytes0'");
  EXPECT_EQ(canonical("float"), "error: unknown type 'float'");
  EXPECT_EQ(canonical("uint256[x]"), "error: bad array length in 'uint256[x]'");
  EXPECT_EQ(canonical(""), "error: empty type");
  EXPECT_EQ(canonical("(uint256"), "error: unknown type '(uint256'");
}

TEST(AbiType, DynamicAndHeadSize) {
  EXPECT_FALSE(parse_type("uint256")->is_dynamic());
  EXPECT_TRUE(parse_type("string")->is_dynamic());
  EXPECT_TRUE(parse_type("uint256[]")->is_dynamic());
  EXPECT_FALSE(parse_type("(uint256,bool)[3]")->is_dynamic());
  EXPECT_TRUE(parse_type("(uint256,string)[3]")->is_dynamic());
  EXPECT_EQ(parse_type("(uint256,bool)[3]")->head_size(), 192u);
  EXPECT_EQ(parse_type("(uint256,string)[3]")->head_size(), 32u);
}

TEST(AbiType, ListParses) {
  auto list = parse_type_list("uint256, (bool,string)[]");
  ASSERT_TRUE(list);
  EXPECT_EQ(type_list_name(*list), "uint256,(bool,string)[]");
  EXPECT_TRUE(parse_type_list("")->empty());
}

TEST(AbiType, TypeOfAParameterReadsItsComponents) {
  AbiParam point{"p", "tuple[2][]", "struct Point[2][]", {}, std::nullopt};
  point.components = {{"x", "int64", "int64", {}, std::nullopt},
                      {"tags", "string[]", "string[]", {}, std::nullopt}};
  auto t = type_of(point);
  ASSERT_TRUE(t);
  EXPECT_EQ(type_name(*t), "(int64,string[])[2][]");
  EXPECT_EQ(type_name(*t), canonical_type(point));
  AbiParam bad{"q", "tuple[", "", {}, std::nullopt};
  EXPECT_FALSE(type_of(bad));
}

TEST(AbiSignature, ParsesOnceIntoCanonicalTextAndSelector) {
  auto s = parse_signature("transfer(address, uint)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "transfer");
  EXPECT_EQ(s->written, "transfer(address, uint)");
  EXPECT_EQ(s->canonical(), "transfer(address,uint256)");
  EXPECT_EQ(vm::hex_encode(s->selector()), "0xa9059cbb");
  auto none = parse_signature("increment()");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->inputs.empty());
}

TEST(AbiSignature, MalformedSignatures) {
  EXPECT_EQ(parse_signature("transfer").error().message,
            "malformed signature 'transfer': expected name(type,...)");
  EXPECT_EQ(parse_signature("(uint256)").error().message,
            "malformed signature '(uint256)': expected name(type,...)");
  EXPECT_EQ(parse_signature("f(uint256))").error().message,
            "malformed signature 'f(uint256))': unbalanced ')'");
  EXPECT_EQ(parse_signature("f(uint7)").error().message, "unknown type 'uint7'");
}

TEST(AbiSignature, OfAnEntry) {
  AbiEntry e;
  e.kind = AbiEntryKind::function;
  e.name = "transfer";
  e.inputs = {{"to", "address", "address", {}, std::nullopt},
              {"amount", "uint256", "uint256", {}, std::nullopt}};
  auto s = signature_of(e);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->written, "transfer(address,uint256)");
  EXPECT_EQ(s->canonical(), abi_signature(e));
  EXPECT_EQ(vm::hex_encode(s->selector()), abi_selector_hex(e));
}

}  // namespace
}  // namespace tenet::abi
