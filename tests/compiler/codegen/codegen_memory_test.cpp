// Tests of codegen's memory lowering: big-endian loads and stores of every width at
// unaligned addresses, address arithmetic, memcpy/memset and allocas.

#include "codegen_test_support.hpp"

namespace tenet::compiler::testing {
namespace {

using vm::Word;

TEST_F(CodegenTest, CodegenLoadStoreWidthsUnaligned) {
  // Stores at p+3 (i32), p+7 (i8), p+8 (i160), then reads back the word at p and at p+28.
  const std::string ir = R"(
define internal i256 @f(i32 %a, i8 %b, i160 %c) {
  %p = call ptr @tenet.alloc(i256 96)
  store i256 -1, ptr %p
  %p3 = getelementptr i8, ptr %p, i32 3
  store i32 %a, ptr %p3
  %p7 = getelementptr i8, ptr %p, i32 7
  store i8 %b, ptr %p7
  %p8 = getelementptr i8, ptr %p, i32 8
  store i160 %c, ptr %p8
  %w = load i256, ptr %p
  %ra = load i32, ptr %p3
  %rb = load i8, ptr %p7
  %rc = load i160, ptr %p8
  %ok.a = icmp eq i32 %ra, %a
  %ok.b = icmp eq i8 %rb, %b
  %ok.c = icmp eq i160 %rc, %c
  %ok.ab = and i1 %ok.a, %ok.b
  %ok = and i1 %ok.ab, %ok.c
  %bad = select i1 %ok, i256 %w, i256 0
  ret i256 %bad
}
)";
  // word at p: ff ff ff | 11 22 33 44 | 55 | c (20 bytes) | ff ff ff ff
  expect_f(ir, "i256", {"i32", "i8", "i160"},
           {Word{0x11223344}, Word{0x55}, W("0x0102030405060708090a0b0c0d0e0f1011121314")},
           W("0xffffff11223344550102030405060708090a0b0c0d0e0f1011121314ffffffff"));
}

TEST_F(CodegenTest, CodegenLoadStoreI1AndPointer) {
  const std::string ir = R"(
define internal i256 @f(i1 %a, ptr %q) {
  %p = call ptr @tenet.alloc(i256 64)
  %p5 = getelementptr i8, ptr %p, i32 5
  store i1 %a, ptr %p5
  %p9 = getelementptr i8, ptr %p, i32 9
  store ptr %q, ptr %p9
  %ra = load i1, ptr %p5
  %rq = load ptr, ptr %p9
  %w = load i256, ptr %p
  %qa = ptrtoint ptr %rq to i256
  %aa = zext i1 %ra to i256
  %x = shl i256 %qa, 8
  %y = or i256 %x, %aa
  %z = xor i256 %y, %w
  ret i256 %z
}
)";
  // word at p: 00*5 | 01 | 00 00 00 | de ad be ef | 00...; result = (q << 8 | a) ^ word
  expect_f(ir, "i256", {"i1", "ptr"}, {Word{1}, Word{0xdeadbeef}},
           W("0x000000000001000000deadbeef_0000000000000000000000000000_deadbeef01"));
}

TEST_F(CodegenTest, CodegenGepStructsArraysAndVariableIndices) {
  const std::string ir = R"(
%pair = type { i8, i256 }
define internal i256 @f(i256 %i, i8 %j) {
  %p = call ptr @tenet.alloc(i256 1024)
  ; %pair is 64 bytes (i256 aligned to 32): field 1 of element %i is at 64 * i + 32
  %e = getelementptr %pair, ptr %p, i256 %i, i32 1
  store i256 77, ptr %e
  %back = getelementptr i8, ptr %e, i8 %j
  %v = load i256, ptr %back
  %ew = ptrtoint ptr %e to i256
  %pw = ptrtoint ptr %p to i256
  %off = sub i256 %ew, %pw
  %r = add i256 %v, %off
  ret i256 %r
}
)";
  // i = 3: offset 224; j = -32 (0xe0) steps back to the word before, which is 0
  expect_f(ir, "i256", {"i256", "i8"}, {Word{3}, Word{0xe0}}, Word{224});
  // j = 0 reads the 77
  expect_f(ir, "i256", {"i256", "i8"}, {Word{3}, Word{0}}, Word{224 + 77});
}

TEST_F(CodegenTest, CodegenGepWrapsModulo2To32) {
  // Without inbounds an address wraps around 2^32; a negative inbounds offset too.
  const std::string ir = R"(
define internal i256 @f(i32 %a) {
  %p = inttoptr i32 %a to ptr
  %q = getelementptr i8, ptr %p, i32 64
  %r = getelementptr inbounds i8, ptr %q, i32 -32
  %w = ptrtoint ptr %r to i256
  ret i256 %w
}
)";
  expect_f(ir, "i256", {"i32"}, {Word{0xfffffff0}}, Word{0x10});
}

TEST_F(CodegenTest, CodegenInboundsConstantGepIsNotMasked) {
  const std::string ir = R"(
define internal i256 @f(ptr %p) {
  %q = getelementptr inbounds i8, ptr %p, i32 64
  %v = load i256, ptr %q
  ret i256 %v
}
)";
  auto r = translate_only(ir);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // LGET 0, PUSH1 64, ADD, MLOAD, RETF
  EXPECT_EQ(r->container.code, (std::vector<uint8_t>{0x18, 0, 0, 0x11, 64, 0x20, 0x60, 0x09}));
}

TEST_F(CodegenTest, CodegenMemcpyMemmoveMemset) {
  const std::string ir = R"(
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memmove.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memset.p0.i32(ptr, i8, i32, i1)
define internal i256 @f(i8 %v, i32 %n) {
  %p = call ptr @tenet.alloc(i256 128)
  call void @llvm.memset.p0.i32(ptr %p, i8 %v, i32 %n, i1 false)
  %q = getelementptr i8, ptr %p, i32 64
  call void @llvm.memcpy.p0.p0.i32(ptr %q, ptr %p, i32 %n, i1 false)
  %q1 = getelementptr i8, ptr %q, i32 1
  call void @llvm.memmove.p0.p0.i32(ptr %q1, ptr %q, i32 4, i1 false)
  %w = load i256, ptr %q
  ret i256 %w
}
)";
  // memset 3 bytes of 0xab; copy to q; move q[0..4] to q[1..5]: ab ab ab ab 00
  expect_f(ir, "i256", {"i8", "i32"}, {Word{0xab}, Word{3}},
           W("0xabababab00000000000000000000000000000000000000000000000000000000"));
}

TEST_F(CodegenTest, CodegenAllocaInEntryBlock) {
  const std::string ir = R"(
define internal i256 @g(i256 %x) {
  %slot = alloca [2 x i256]
  %second = getelementptr [2 x i256], ptr %slot, i32 0, i32 1
  store i256 %x, ptr %second
  store volatile i256 5, ptr %slot
  %v = load volatile i256, ptr %second
  %w = load volatile i256, ptr %slot
  %r = add i256 %v, %w
  ret i256 %r
}
define internal i256 @f(i256 %x) {
  %a = call i256 @g(i256 %x)
  %b = call i256 @g(i256 %a)
  %p = call ptr @tenet.alloc(i256 1)
  %pw = ptrtoint ptr %p to i256
  %s = shl i256 %pw, 128
  %r = or i256 %s, %b
  ret i256 %r
}
)";
  // g(x) = x + 5; two calls allocate 64 bytes each from 0x20: the next block is at 0xa0.
  expect_f(ir, "i256", {"i256"}, {Word{10}}, W("0xa000000000000000000000000000000014"));
}

TEST_F(CodegenTest, CodegenAllocasShareOneAllocation) {
  const std::string ir = R"(
define internal i256 @f(i256 %x) {
  %a = alloca i8
  %b = alloca [40 x i8]
  %c = alloca i256
  store i8 7, ptr %a
  store i256 %x, ptr %b
  %b32 = getelementptr inbounds i8, ptr %b, i32 32
  store i64 -1, ptr %b32
  store volatile i256 5, ptr %c
  %va = load volatile i8, ptr %a
  %vb = load volatile i256, ptr %b
  %vc = load volatile i256, ptr %c
  %ai = ptrtoint ptr %a to i256
  %bi = ptrtoint ptr %b to i256
  %ci = ptrtoint ptr %c to i256
  %wa = zext i8 %va to i256
  %s1 = add i256 %vb, %vc
  %s2 = add i256 %s1, %wa
  %p1 = shl i256 %ai, 240
  %p2 = shl i256 %bi, 224
  %p3 = shl i256 %ci, 208
  %r1 = or i256 %s2, %p1
  %r2 = or i256 %r1, %p2
  %r3 = or i256 %r2, %p3
  ret i256 %r3
}
)";
  // a at 0x20 (32 bytes), b at 0x40 (64 bytes), c at 0x80; x + 5 + 7 in the low bits
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{100}},
                       W("0x0020004000800000000000000000000000000000000000000000000000000070"));
  auto r = translate_only(ir);
  ASSERT_TRUE(r.ok()) << r.error().message;
  int calls = 0;  // one CALLF of the allocator: PUSH1 128, CALLF
  for (size_t i = 0; i + 2 < r->container.code.size(); ++i)
    calls += r->container.code[i] == 0x11 && r->container.code[i + 1] == 128 &&
             r->container.code[i + 2] == 0x08;
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace tenet::compiler::testing
