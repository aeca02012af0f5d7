// Tests of irgen's ValueOps (compiler/src/irgen_values*.cpp): the generated IR verifies,
// passes the optimisation pipeline's legality check at every level, and has the shapes
// the ABI and storage layout need.

#include <gtest/gtest.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <memory>
#include <string>
#include <vector>

#include "../../compiler/src/irgen_values.hpp"
#include "tenet/compiler/opt.hpp"

namespace tenet::compiler::irgen {
namespace {

/// One module under construction with an IrContext, a ValueOps and an entry function.
struct ValuesModule {
  llvm::LLVMContext llvm;
  SourceManager sources;
  CheckedProgram program;
  std::unique_ptr<IrContext> cx;
  std::unique_ptr<ValueOps> ops;
  TypeTable& types;

  ValuesModule() : types(*program.types) {
    auto m = std::make_unique<llvm::Module>("values", llvm);
    m->setDataLayout(tenet_data_layout());
    cx = std::make_unique<IrContext>(llvm, program, sources, std::move(m));
    ops = std::make_unique<ValueOps>(*cx);
  }

  /// A struct type `name` with `fields` (named f0, f1, …).
  const Type* make_struct(const std::string& name, const std::vector<const Type*>& fields) {
    StructInfo& s = program.structs.emplace_back();
    s.name = name;
    for (size_t i = 0; i < fields.size(); ++i) s.fields.push_back(ParamInfo{"f" + std::to_string(i), fields[i], {}});
    s.type = types.struct_type(&s, name);
    return s.type;
  }

  /// An enum type with `n` variants.
  const Type* make_enum(const std::string& name, size_t n) {
    EnumInfo& e = program.enums.emplace_back();
    e.name = name;
    for (size_t i = 0; i < n; ++i) e.variants.push_back("V" + std::to_string(i));
    e.type = types.enum_type(&e, name);
    return e.type;
  }

  /// Starts entry function `name` exported under `selector` (8 hex digits).
  llvm::Function* begin_entry(const std::string& name, const std::string& selector) {
    auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(llvm), false);
    auto* f = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, *cx->module);
    f->addFnAttr(std::string(entry_attr::kExport), selector);
    llvm::DISubprogram* sp = cx->debug_function(f, kNoFile, 1);
    cx->b.SetInsertPoint(llvm::BasicBlock::Create(llvm, "entry", f));
    cx->b.SetCurrentDebugLocation(llvm::DILocation::get(llvm, 1, 1, sp));
    return f;
  }

  /// Ends the entry by returning the contents of `bytes` (a bytes value).
  void return_bytes(llvm::Value* bytes) {
    llvm::Value* data = cx->b.CreateGEP(cx->b.getInt8Ty(), bytes, cx->b.getInt32(32));
    cx->call(Intrinsic::return_, {data, cx->load_word(bytes)});
    cx->b.CreateUnreachable();
  }

  /// Ends the entry with `stop`.
  void stop() {
    cx->call(Intrinsic::stop, {});
    cx->b.CreateUnreachable();
  }

  /// Finishes debug info and verifies; "" when the module is valid.
  std::string verify() {
    cx->finish_debug_info();
    std::string text;
    llvm::raw_string_ostream os(text);
    if (llvm::verifyModule(*cx->module, &os)) return os.str().empty() ? "invalid" : os.str();
    return "";
  }

  /// The module as text.
  std::string ir() const {
    std::string text;
    llvm::raw_string_ostream os(text);
    cx->module->print(os, nullptr);
    return os.str();
  }
};

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
  EXPECT_NE(ir.find("define internal ptr @\"abi.decode.(uint256,string)[]\"(ptr"), std::string::npos) << ir;
  EXPECT_NE(ir.find("define internal ptr @\"abi.encode.uint256[2][]\"(ptr"), std::string::npos);
  EXPECT_NE(ir.find("define internal i256 @\"abi.size.(uint256,string)[]\"(ptr"), std::string::npos);
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
  llvm::Value* s = m.ops->bytes_literal("hello, world! this literal is longer than thirty-two bytes");
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
  const Type* point = m.make_struct("S", {t.u256(), t.string(), t.fixed_array(t.dynamic_array(t.u8()), 2)});
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

TEST(Values, UnsupportedConstructsAreRecordedNotMiscompiled) {
  ValuesModule m;
  auto& t = m.types;
  m.begin_entry("bad", "00000003");
  const Type* map = t.map(t.u256(), t.u256());
  m.ops->abi_encode({m.ops->zero_value(t.u256())}, {map});
  ASSERT_TRUE(m.ops->error.has_value());
  EXPECT_EQ(*m.ops->error, "irgen: abi encoding of `map<u256, u256>` is not supported yet");
  m.ops->equals(m.ops->zero_value(t.dynamic_array(t.u8())), m.ops->zero_value(t.dynamic_array(t.u8())),
                t.dynamic_array(t.u8()));
  EXPECT_EQ(*m.ops->error, "irgen: abi encoding of `map<u256, u256>` is not supported yet");  // the first stays
  ValuesModule m2;
  m2.begin_entry("bad", "00000003");
  m2.ops->equals(m2.ops->zero_value(m2.types.dynamic_array(m2.types.u8())),
                 m2.ops->zero_value(m2.types.dynamic_array(m2.types.u8())), m2.types.dynamic_array(m2.types.u8()));
  EXPECT_EQ(*m2.ops->error, "irgen: `==` on `[u8]` is not supported yet");
}

}  // namespace
}  // namespace tenet::compiler::irgen
