// Tests of irgen's ValueOps (compiler/src/irgen/values/irgen_values*.cpp): the generated
// IR verifies, passes the optimisation pipeline's legality check at every level, and has
// the shapes the ABI and storage layout need.

#include <gtest/gtest.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <memory>
#include <string>
#include <vector>

#include "values_test_support.hpp"

namespace tenet::compiler::irgen {
namespace {

using testing::ValuesModule;

/// Verifies `m`, then checks that a copy passes the pipeline at O0 and O2.
void expect_valid_everywhere(ValuesModule& m) {
  ASSERT_EQ(m.verify(), "");
  ASSERT_FALSE(m.ops->error.has_value()) << *m.ops->error;
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    std::unique_ptr<llvm::Module> copy = llvm::CloneModule(*m.cx->module);
    auto r = optimise(*copy, level);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r.value().fell_back.empty());
    std::string text;
    llvm::raw_string_ostream os(text);
    EXPECT_FALSE(llvm::verifyModule(*copy, &os)) << os.str();
  }
}

TEST(Values, AbiRoundTripOfEveryShapeVerifiesAndOptimises) {
  ValuesModule m;
  auto& t = m.types;
  const Type* point = m.make_struct("Point", {t.u256(), t.string()});
  const Type* color = m.make_enum("Color", 3);
  std::vector<const Type*> shapes = {
      t.u8(),
      t.integer(16, true),
      t.boolean(),
      t.address(),
      t.bytes32(),
      color,
      t.string(),
      t.bytes(),
      t.dynamic_array(t.u256()),
      t.dynamic_array(point),
      t.dynamic_array(t.fixed_array(t.u256(), 2)),
      t.fixed_array(t.string(), 2),
      t.dynamic_array(t.dynamic_array(t.u8())),
      m.make_struct("Outer", {point, t.fixed_array(t.integer(64, true), 3), t.boolean()}),
  };
  m.begin_entry("roundtrip", "12345678");
  std::vector<llvm::Value*> values = m.ops->abi_decode_calldata(4, shapes);
  ASSERT_EQ(values.size(), shapes.size());
  m.return_bytes(m.ops->abi_encode(values, shapes, 0xdeadbeef));
  expect_valid_everywhere(m);
  std::string ir = m.ir();
  EXPECT_NE(ir.find("define internal ptr @\"abi.decode.(uint256,string)[]\"(ptr"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("define internal ptr @\"abi.encode.uint256[2][]\"(ptr"), std::string::npos);
  EXPECT_NE(ir.find("define internal i256 @\"abi.size.(uint256,string)[]\"(ptr"),
            std::string::npos);
  // uint8 validation, enum validation, bool validation, int16 sign-extension check.
  EXPECT_NE(ir.find("icmp ugt i256 %"), std::string::npos);
  EXPECT_NE(ir.find(", 255"), std::string::npos);
  EXPECT_NE(ir.find("icmp uge i256 %"), std::string::npos);
  EXPECT_NE(ir.find("sext i16"), std::string::npos);
  EXPECT_NE(ir.find("store i32 -559038737"), std::string::npos);  // the selector 0xdeadbeef
}

TEST(Values, MemoryOperationsVerifyAndOptimise) {
  ValuesModule m;
  auto& t = m.types;
  const Type* point = m.make_struct("P", {t.u256(), t.string(), t.dynamic_array(t.bytes())});
  m.begin_entry("memory", "00000001");
  llvm::Value* s =
      m.ops->bytes_literal("hello, world! this literal is longer than thirty-two bytes");
  llvm::Value* s2 = m.ops->copy(s, t.string());
  llvm::Value* eq = m.ops->equals(s, s2, t.string());
  llvm::Value* z = m.ops->zero_value(point);
  llvm::Value* z2 = m.ops->copy(z, point);
  llvm::Value* arr = m.ops->new_dynamic_array(t.dynamic_array(t.string()), m.cx->word(3));
  llvm::Value* e = m.ops->element_ptr(arr, t.dynamic_array(t.string()), m.cx->word(1));
  m.ops->store_element(e, s2, t.string());
  llvm::Value* byte = m.ops->load_byte(m.ops->element_ptr(s, t.string(), m.cx->word(4)));
  m.ops->store_byte(m.ops->element_ptr(s2, t.string(), m.cx->word(0)), byte);
  llvm::Value* h = m.ops->hash(Intrinsic::keccak256, {s}, {t.string()});
  llvm::Value* h2 = m.ops->hash(Intrinsic::sha256, {h, eq, z2}, {t.bytes32(), t.boolean(), point});
  m.return_bytes(m.ops->abi_encode({h2, arr, m.ops->length(arr, t.dynamic_array(t.string()))},
                                   {t.bytes32(), t.dynamic_array(t.string()), t.u256()}));
  expect_valid_everywhere(m);
  std::string ir = m.ir();
  EXPECT_NE(ir.find("define internal ptr @copy.P(ptr"), std::string::npos) << ir;
  EXPECT_NE(ir.find("define internal i1 @eq.bytes(ptr"), std::string::npos);
  EXPECT_NE(ir.find("call void @tenet.panic(i256 50)"), std::string::npos);  // 0x32
  EXPECT_NE(ir.find("call void @tenet.panic(i256 65)"), std::string::npos);  // 0x41
}

TEST(Values, StorageOperationsVerifyAndOptimise) {
  ValuesModule m;
  auto& t = m.types;
  const Type* point =
      m.make_struct("S", {t.u256(), t.string(), t.fixed_array(t.dynamic_array(t.u8()), 2)});
  const Type* list = t.dynamic_array(point);
  m.begin_entry("storage", "00000002");
  llvm::Value* v = m.ops->storage_load(m.cx->word(3), point);
  m.ops->storage_store(m.cx->word(7), v, point);
  llvm::Value* slot = m.ops->map_slot(m.cx->word(1), m.ops->bytes_literal("key"), t.string());
  slot = m.ops->map_slot(slot, m.cx->b.getInt8(2), t.integer(8, true));
  m.ops->storage_push(slot, list, v);
  llvm::Value* popped = m.ops->storage_pop(slot, list);
  llvm::Value* at = m.ops->array_element_slot(slot, list, m.cx->word(0));
  m.ops->storage_store(at, popped, point);
  m.ops->storage_store(m.cx->word(9), m.ops->storage_load(m.cx->word(10), t.bytes()), t.bytes());
  llvm::Value* n = m.ops->storage_length(slot, list);
  m.ops->storage_store(m.cx->word(11), n, t.u256());
  m.stop();
  expect_valid_everywhere(m);
  std::string ir = m.ir();
  EXPECT_NE(ir.find("define internal void @storage.clear.S(i256"), std::string::npos) << ir;
  EXPECT_NE(ir.find("call void @tenet.panic(i256 49)"), std::string::npos);  // 0x31
}

TEST(Values, HashesOfValueTypesUseTheScratchBlockNotFreshMemory) {
  ValuesModule m;
  auto& t = m.types;
  m.begin_entry("hash", "00000004");
  llvm::Value* h = m.ops->hash(Intrinsic::keccak256, {m.cx->word(1), m.cx->b.getInt8(2)},
                               {t.u256(), t.integer(8, true)});
  llvm::Value* slot = m.ops->map_slot(m.cx->word(3), h, t.bytes32());
  llvm::Value* wide = m.ops->hash(Intrinsic::sha256, {slot, slot, slot, slot},
                                  {t.u256(), t.u256(), t.u256(), t.u256()});
  m.ops->storage_store(m.cx->word(0), wide, t.bytes32());
  m.stop();
  expect_valid_everywhere(m);
  std::string ir = m.ir();
  EXPECT_EQ(ir.find("@tenet.alloc("), std::string::npos) << ir;
  EXPECT_NE(ir.find("%scratch = alloca [128 x i8]"), std::string::npos) << ir;
  EXPECT_NE(ir.find("call i256 @tenet.sha256(ptr %scratch, i256 128)"), std::string::npos) << ir;
}

TEST(Values, ValuesTooLargeForMemoryAreErrorsNotWrappedSizes) {
  ValuesModule m;
  auto& t = m.types;
  m.begin_entry("huge", "00000005");
  const Type* big = t.fixed_array(t.fixed_array(t.u256(), uint64_t{1} << 20), uint64_t{1} << 20);
  m.ops->abi_encode({m.cx->word(0)}, {big});
  ASSERT_TRUE(m.ops->error.has_value());
  EXPECT_EQ(*m.ops->error,
            "irgen: abi encoding of `[[u256; 1048576]; 1048576]` is not supported yet");
  ValuesModule m2;
  m2.begin_entry("huge", "00000005");
  m2.ops->zero_value(m2.types.fixed_array(m2.types.u8(), uint64_t{1} << 28));
  ASSERT_TRUE(m2.ops->error.has_value());
  EXPECT_EQ(*m2.ops->error, "irgen: a value of `[u8; 268435456]` in memory is not supported yet");
}

TEST(Values, UnsupportedConstructsAreRecordedNotMiscompiled) {
  ValuesModule m;
  auto& t = m.types;
  m.begin_entry("bad", "00000003");
  const Type* map = t.map(t.u256(), t.u256());
  m.ops->abi_encode({m.ops->zero_value(t.u256())}, {map});
  ASSERT_TRUE(m.ops->error.has_value());
  EXPECT_EQ(*m.ops->error, "irgen: abi encoding of `map<u256, u256>` is not supported yet");
  m.ops->equals(m.ops->zero_value(t.dynamic_array(t.u8())),
                m.ops->zero_value(t.dynamic_array(t.u8())), t.dynamic_array(t.u8()));
  EXPECT_EQ(*m.ops->error,
            "irgen: abi encoding of `map<u256, u256>` is not supported yet");  // the first stays
  ValuesModule m2;
  m2.begin_entry("bad", "00000003");
  m2.ops->equals(m2.ops->zero_value(m2.types.dynamic_array(m2.types.u8())),
                 m2.ops->zero_value(m2.types.dynamic_array(m2.types.u8())),
                 m2.types.dynamic_array(m2.types.u8()));
  EXPECT_EQ(*m2.ops->error, "irgen: `==` on `[u8]` is not supported yet");
}

}  // namespace
}  // namespace tenet::compiler::irgen
