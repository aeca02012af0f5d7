// Tests of codegen (compiler/src/codegen/codegen*.cpp): scalars, control flow, phis, calls,
// entry points, return/revert/panic, the allocator and the line table. Each program is
// hand-written LLVM IR, optimised at O0 and O2, translated, deployed and called.

#include "codegen_test_support.hpp"

namespace tenet::compiler::testing {
namespace {

using vm::Word;

TEST_F(CodegenTest, CodegenArithI8Wraps) {
  const std::string ir = R"(
define internal i8 @f(i8 %a, i8 %b) {
  %s = add i8 %a, %b
  %m = mul i8 %s, %b
  %d = sub i8 %m, 250
  ret i8 %d
}
)";
  // (200 + 100) mod 256 = 44; 44 * 100 = 4400 mod 256 = 48; 48 - 250 = -202 mod 256 = 54
  expect_f(ir, "i8", {"i8", "i8"}, {Word{200}, Word{100}}, Word{54});
}

TEST_F(CodegenTest, CodegenArithI64I160I256Wrap) {
  const std::string ir = R"(
define internal i256 @f(i64 %a, i160 %b, i256 %c) {
  %x = sub i64 %a, 1
  %y = add i160 %b, 2
  %z = mul i256 %c, 3
  %xw = zext i64 %x to i256
  %yw = zext i160 %y to i256
  %s = add i256 %xw, %yw
  %t = add i256 %s, %z
  ret i256 %t
}
)";
  // a = 0: 2^64 - 1; b = 2^160 - 1: wraps to 1; c = 2^255: 3 * 2^255 mod 2^256 = 2^255
  expect_f(ir, "i256", {"i64", "i160", "i256"},
           {Word{0}, W("0xffffffffffffffffffffffffffffffffffffffff"),
            W("0x8000000000000000000000000000000000000000000000000000000000000000")},
           W("0x8000000000000000000000000000000000000000000000010000000000000000"));
}

TEST_F(CodegenTest, CodegenShiftsAndBitwiseI8) {
  const std::string ir = R"(
define internal i8 @f(i8 %a, i8 %b) {
  %s = shl i8 %a, %b
  %n = xor i8 %s, -1
  %l = lshr i8 %n, 1
  %o = or i8 %l, 1
  %r = and i8 %o, 127
  ret i8 %r
}
)";
  // a = 0x81, b = 1: shl = 0x02, not = 0xfd, lshr = 0x7e, or 1 = 0x7f, and = 0x7f
  expect_f(ir, "i8", {"i8", "i8"}, {Word{0x81}, Word{1}}, Word{0x7f});
}

TEST_F(CodegenTest, CodegenSignedI8) {
  const std::string ir = R"(
define internal i8 @f(i8 %a, i8 %b) {
  %q = sdiv i8 %a, %b
  %r = srem i8 %a, %b
  %s = ashr i8 %a, 2
  %lt = icmp slt i8 %a, %b
  %ltw = zext i1 %lt to i8
  %x = add i8 %q, %r
  %y = xor i8 %x, %s
  %z = add i8 %y, %ltw
  ret i8 %z
}
)";
  // a = -100 (0x9c), b = 7: q = -14 (0xf2), r = -2 (0xfe), s = -25 (0xe7), lt = 1
  // q + r = -16 (0xf0); 0xf0 ^ 0xe7 = 0x17; + 1 = 0x18
  expect_f(ir, "i8", {"i8", "i8"}, {Word{0x9c}, Word{7}}, Word{0x18});
}

TEST_F(CodegenTest, CodegenSignedI256) {
  const std::string ir = R"(
define internal i256 @f(i256 %a, i256 %b) {
  %q = sdiv i256 %a, %b
  %r = srem i256 %a, %b
  %s = ashr i256 %a, 1
  %lt = icmp sgt i256 %a, %b
  %ltw = zext i1 %lt to i256
  %x = add i256 %q, %r
  %y = add i256 %x, %s
  %z = add i256 %y, %ltw
  ret i256 %z
}
)";
  // a = -9, b = 2: q = -4, r = -1, s = -5, sgt = 0 → -10
  expect_f(ir, "i256", {"i256", "i256"},
           {W("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7"), Word{2}},
           W("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff6"));
}

TEST_F(CodegenTest, CodegenCastsSextTrunc) {
  const std::string ir = R"(
define internal i256 @f(i8 %a) {
  %s = sext i8 %a to i32
  %t = trunc i32 %s to i16
  %w = zext i16 %t to i256
  %b = sext i1 true to i256
  %c = and i256 %b, 256
  %r = add i256 %w, %c
  ret i256 %r
}
)";
  // sext(0x80) to i32 = 0xffffff80, trunc to i16 = 0xff80; + 256
  expect_f(ir, "i256", {"i8"}, {Word{0x80}}, Word{0xff80 + 256});
}

TEST_F(CodegenTest, CodegenLoopWithPhis) {
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
entry:
  br label %loop
loop:
  %i = phi i256 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i256 [ 0, %entry ], [ %s.next, %loop ]
  %s.next = add i256 %s, %i
  %i.next = add i256 %i, 1
  %done = icmp uge i256 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i256 %s.next
}
)";
  expect_f(ir, "i256", {"i256"}, {Word{100}}, Word{4950});
}

TEST_F(CodegenTest, CodegenPhiSwapIsParallel) {
  // Fibonacci with a swap of two phis: the copies must be parallel.
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
entry:
  br label %loop
loop:
  %a = phi i256 [ 0, %entry ], [ %b, %body ]
  %b = phi i256 [ 1, %entry ], [ %c, %body ]
  %i = phi i256 [ 0, %entry ], [ %i.next, %body ]
  %done = icmp eq i256 %i, %n
  br i1 %done, label %exit, label %body
body:
  %c = add i256 %a, %b
  %i.next = add i256 %i, 1
  br label %loop
exit:
  ret i256 %a
}
)";
  expect_f(ir, "i256", {"i256"}, {Word{20}}, Word{6765});
}

TEST_F(CodegenTest, CodegenCriticalEdgesGetTrampolines) {
  // Not optimised: entry->join, mid->join and loop->loop are critical edges into blocks
  // with phis; codegen copies the phis on its own edge blocks.
  const std::string ir = R"(
define internal i256 @f(i256 %x) {
entry:
  %c = icmp ult i256 %x, 10
  br i1 %c, label %join, label %mid
mid:
  %y = mul i256 %x, 2
  %d = icmp ult i256 %y, 100
  br i1 %d, label %join, label %loop
loop:
  %i = phi i256 [ 0, %mid ], [ %i1, %loop ]
  %s = phi i256 [ 0, %mid ], [ %s1, %loop ]
  %s1 = add i256 %s, %i
  %i1 = add i256 %i, 1
  %more = icmp ult i256 %i1, %x
  br i1 %more, label %loop, label %join
join:
  %r = phi i256 [ 1, %entry ], [ %y, %mid ], [ %s1, %loop ]
  ret i256 %r
}
)";
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{3}}, Word{1});
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{20}}, Word{40});
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{60}}, Word{1770});
  expect_f(ir, "i256", {"i256"}, {Word{60}}, Word{1770});
}

TEST_F(CodegenTest, CodegenSwitchDuplicateEdgesIntoPhis) {
  const std::string ir = R"(
define internal i256 @f(i256 %x) {
entry:
  switch i256 %x, label %join [ i256 1, label %join
                                i256 2, label %b
                                i256 3, label %join ]
b:
  br label %join
join:
  %r = phi i256 [ 5, %entry ], [ 5, %entry ], [ 5, %entry ], [ 6, %b ]
  ret i256 %r
}
)";
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{1}}, Word{5});
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{2}}, Word{6});
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{9}}, Word{5});
}

TEST_F(CodegenTest, CodegenEmptyBlocksAreSkipped) {
  // e1 and e2 only branch on: no code and no jumps are emitted for them.
  const std::string ir = R"(
define internal i256 @f(i256 %x) {
entry:
  %c = icmp ult i256 %x, 10
  br i1 %c, label %e1, label %e2
e1:
  br label %e3
e3:
  br label %small
e2:
  br label %big
small:
  ret i256 1
big:
  ret i256 2
}
)";
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{3}}, Word{1});
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{30}}, Word{2});
  auto r = translate_only(ir);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // LGET 0, PUSH1 10, LT, ISZERO, JUMPI big, PUSH1 1, RETF, PUSH1 2, RETF
  EXPECT_EQ(r->container.code, (std::vector<uint8_t>{0x18, 0, 0, 0x11, 10, 0x40, 0x45, 0x06, 0, 0,
                                                     0, 15, 0x11, 1, 0x09, 0x11, 2, 0x09}));
}

TEST_F(CodegenTest, CodegenLocalsAreShared) {
  // x1, y1, x2, y2, x3 live in locals; each dies where its successor is computed (the
  // instruction reads it before it writes the successor), so one local suffices.
  const std::string ir = R"(
define internal i256 @f(i256 %a) {
  %x1 = mul i256 %a, %a
  %y1 = add i256 %x1, %x1
  %x2 = mul i256 %y1, %y1
  %y2 = add i256 %x2, %x2
  %x3 = mul i256 %y2, %y2
  %y3 = add i256 %x3, %x3
  ret i256 %y3
}
)";
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{2}}, Word{32768});
  auto r = translate_only(ir);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->container.functions[0].locals, 1);
}

TEST_F(CodegenTest, CodegenPhisShareLocalsWithTheirIncomingValues) {
  // i and i.next, s and s.next share locals: the back edge needs no copies and no block.
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
entry:
  br label %loop
loop:
  %i = phi i256 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i256 [ 0, %entry ], [ %s.next, %loop ]
  %s.next = add i256 %s, %i
  %i.next = add i256 %i, 1
  %more = icmp ult i256 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret i256 %s.next
}
)";
  expect_f(ir, "i256", {"i256"}, {Word{10}}, Word{45});
  auto r = compile(ir + entry_calling("i256", {"i256"}), OptLevel::O0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // PUSH0 PUSH0 LSET s LSET i | loop: LGET s LGET i ADD LSET s | LGET i PUSH1 1 ADD LTEE i
  // LGET n LT JUMPI loop | LGET s RETF
  const std::vector<uint8_t> expected{0x10, 0x10, 0x19, 0,    2,    0x19, 0,    1,    0x18, 0,
                                      2,    0x18, 0,    1,    0x20, 0x19, 0,    2,    0x18, 0,
                                      1,    0x11, 1,    0x20, 0x1a, 0,    1,    0x18, 0,    0,
                                      0x40, 0x06, 0,    0,    0,    8,    0x18, 0,    2,    0x09};
  const vm::FunctionInfo& f = r->container.functions[0];
  EXPECT_EQ(std::vector<uint8_t>(r->container.code.begin() + f.code_offset,
                                 r->container.code.begin() + f.code_offset + f.code_size),
            expected);
}

TEST_F(CodegenTest, CodegenLocalsLiveAcrossLoopsAreKept) {
  // %k is defined before the loop and read after it: nothing in the loop may reuse its
  // local, although the loop's own values die on every iteration.
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
entry:
  %k = mul i256 %n, 1000
  %k2 = add i256 %k, %k
  br label %loop
loop:
  %i = phi i256 [ 0, %entry ], [ %i.next, %body ]
  %s = phi i256 [ 0, %entry ], [ %s.next, %body ]
  %done = icmp eq i256 %i, %n
  br i1 %done, label %exit, label %body
body:
  %t = mul i256 %i, %i
  %u = add i256 %t, %t
  %s.next = add i256 %s, %u
  %i.next = add i256 %i, 1
  br label %loop
exit:
  %r = add i256 %s, %k
  ret i256 %r
}
)";
  // 2 * (0 + 1 + 4 + 9) + 4000
  expect_f_unoptimised(ir, "i256", {"i256"}, {Word{4}}, Word{4028});
  expect_f(ir, "i256", {"i256"}, {Word{4}}, Word{4028});
}

TEST_F(CodegenTest, CodegenSwitchCompareChain) {
  const std::string ir = R"(
define internal i8 @f(i8 %x) {
entry:
  switch i8 %x, label %other [ i8 1, label %one
                               i8 200, label %big
                               i8 7, label %one ]
one:
  %p = phi i8 [ 10, %entry ], [ 10, %entry ]
  ret i8 %p
big:
  ret i8 20
other:
  ret i8 30
}
)";
  expect_f(ir, "i8", {"i8"}, {Word{7}}, Word{10});
  expect_f(ir, "i8", {"i8"}, {Word{200}}, Word{20});
  expect_f(ir, "i8", {"i8"}, {Word{3}}, Word{30});
}

TEST_F(CodegenTest, CodegenSwitchJumpTable) {
  const std::string ir = R"(
define internal i256 @f(i256 %x, i256 %y) {
entry:
  switch i256 %x, label %other [ i256 10, label %a
                                 i256 11, label %b
                                 i256 12, label %c
                                 i256 13, label %a
                                 i256 15, label %b ]
a:
  br label %join
b:
  br label %join
c:
  br label %join
other:
  br label %join
join:
  %r = phi i256 [ 1, %a ], [ %y, %b ], [ 3, %c ], [ 4, %other ]
  ret i256 %r
}
)";
  expect_f(ir, "i256", {"i256", "i256"}, {Word{13}, Word{99}}, Word{1});
  expect_f(ir, "i256", {"i256", "i256"}, {Word{15}, Word{99}}, Word{99});
  expect_f(ir, "i256", {"i256", "i256"}, {Word{12}, Word{99}}, Word{3});
  expect_f(ir, "i256", {"i256", "i256"}, {Word{14}, Word{99}}, Word{4});
  expect_f(ir, "i256", {"i256", "i256"}, {Word{9}, Word{99}}, Word{4});
}

TEST_F(CodegenTest, CodegenSwitchJumpTableIsUsed) {
  const std::string ir = R"(
define internal i256 @f(i256 %x) {
entry:
  switch i256 %x, label %other [ i256 0, label %a
                                 i256 1, label %b
                                 i256 2, label %c
                                 i256 3, label %d ]
a:
  ret i256 5
b:
  ret i256 6
c:
  ret i256 7
d:
  ret i256 8
other:
  ret i256 9
}
)";
  auto r = compile(ir + entry_calling("i256", {"i256"}), OptLevel::O0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  bool has_table = false;
  for (uint8_t b : r->container.code) has_table |= b == static_cast<uint8_t>(vm::Op::JUMPTABLE);
  EXPECT_TRUE(has_table);
  expect_f(ir, "i256", {"i256"}, {Word{2}}, Word{7});
  expect_f(ir, "i256", {"i256"}, {Word{4}}, Word{9});
}

TEST_F(CodegenTest, CodegenSelect) {
  const std::string ir = R"(
define internal i160 @f(i160 %a, i160 %b) {
  %c = icmp ult i160 %a, %b
  %r = select i1 %c, i160 %a, i160 %b
  ret i160 %r
}
)";
  expect_f(ir, "i160", {"i160", "i160"}, {Word{5}, Word{9}}, Word{5});
  expect_f(ir, "i160", {"i160", "i160"}, {Word{9}, Word{5}}, Word{5});
}

TEST_F(CodegenTest, CodegenRecursion) {
  const std::string ir = R"(
define internal i64 @fib(i64 %n) {
entry:
  %small = icmp ult i64 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i64 %n
rec:
  %n1 = sub i64 %n, 1
  %n2 = sub i64 %n, 2
  %f1 = call i64 @fib(i64 %n1)
  %f2 = call i64 @fib(i64 %n2)
  %s = add i64 %f1, %f2
  ret i64 %s
}
define internal i64 @f(i64 %n) {
  %r = call i64 @fib(i64 %n)
  ret i64 %r
}
)";
  expect_f(ir, "i64", {"i64"}, {Word{15}}, Word{610});
}

TEST_F(CodegenTest, CodegenStorage) {
  const std::string ir = R"(
define internal i256 @f(i256 %k, i256 %v) {
  call void @tenet.sstore(i256 %k, i256 %v)
  %old = call i256 @tenet.sload(i256 %k)
  %k2 = add i256 %k, 1
  call void @tenet.sstore(i256 %k2, i256 %old)
  %r = call i256 @tenet.sload(i256 %k2)
  ret i256 %r
}
)";
  expect_f(ir, "i256", {"i256", "i256"}, {Word{7}, Word{1234}}, Word{1234});
}

TEST_F(CodegenTest, CodegenRevertWithData) {
  const std::string ir = R"(
define void @main() "tenet-export"="MAIN" {
  %p = call ptr @tenet.alloc(i256 64)
  store i256 42, ptr %p
  %q = getelementptr i8, ptr %p, i32 32
  store i8 7, ptr %q
  call void @tenet.revert(ptr %p, i256 33)
  unreachable
}
)";
  std::string text = ir;
  text.replace(text.find("MAIN"), 4, selector_hex("main()"));
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    vm::ExecResult r = run(text, level);
    ASSERT_EQ(r.status, vm::Status::Revert) << r.reason;
    std::vector<uint8_t> expected(32, 0);
    expected[31] = 42;
    expected.push_back(7);
    EXPECT_EQ(r.output, expected);
  }
}

TEST_F(CodegenTest, CodegenPanicAndStop) {
  const std::string ir = R"(
define void @main() "tenet-export"="MAIN" {
entry:
  %x = call i256 @tenet.calldataload(i256 4)
  %c = icmp eq i256 %x, 0
  br i1 %c, label %stop, label %panic
stop:
  call void @tenet.stop()
  unreachable
panic:
  call void @tenet.panic(i256 17)
  unreachable
}
)";
  std::string text = ir;
  text.replace(text.find("MAIN"), 4, selector_hex("main()"));
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    vm::ExecResult ok = run(text, level, {Word{0}});
    EXPECT_EQ(ok.status, vm::Status::Success) << ok.reason;
    EXPECT_TRUE(ok.output.empty());
    vm::ExecResult bad = run(text, level, {Word{1}});
    ASSERT_EQ(bad.status, vm::Status::Revert) << bad.reason;
    // Panic(uint256): selector 4e487b71, then 0x11
    ASSERT_EQ(bad.output.size(), 36u);
    EXPECT_EQ(bad.output[0], 0x4e);
    EXPECT_EQ(bad.output[35], 0x11);
  }
}

TEST_F(CodegenTest, CodegenAllocatorBumpsAndRoundsUp) {
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
  %p = call ptr @tenet.alloc(i256 %n)
  %q = call ptr @tenet.alloc(i256 1)
  %r = call ptr @tenet.alloc(i256 0)
  %s = call ptr @tenet.alloc(i256 1)
  %pw = ptrtoint ptr %p to i256
  %qw = ptrtoint ptr %q to i256
  %rw = ptrtoint ptr %r to i256
  %sw = ptrtoint ptr %s to i256
  %a = shl i256 %pw, 48
  %b = shl i256 %qw, 32
  %c = shl i256 %rw, 16
  %x = or i256 %a, %b
  %y = or i256 %x, %c
  %z = or i256 %y, %sw
  ret i256 %z
}
)";
  // p = 0x20 (n = 33 → 64 bytes), q = 0x60, r = 0x80 (0 bytes), s = 0x80
  expect_f(ir, "i256", {"i256"}, {Word{33}}, W("0x0020006000800080"));
}

TEST_F(CodegenTest, CodegenAllocatorPanicsOnHugeSize) {
  const std::string ir = R"(
define internal i256 @f(i256 %n) {
  %p = call ptr @tenet.alloc(i256 %n)
  %pw = ptrtoint ptr %p to i256
  ret i256 %pw
}
)";
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    vm::ExecResult r = run(ir + entry_calling("i256", {"i256"}), level, {W("0x100000001")});
    ASSERT_EQ(r.status, vm::Status::Revert) << r.reason;
    ASSERT_EQ(r.output.size(), 36u);
    EXPECT_EQ(r.output[35], 0x41);
  }
}

TEST_F(CodegenTest, CodegenEntryPointsAndExports) {
  const std::string ir = R"(
define void @b() "tenet-export"="bbbbbbbb" "tenet-view" {
  ret void
}
define void @a() "tenet-export"="aaaaaaaa" "tenet-payable" "tenet-reentrant" {
  ret void
}
define void @init() "tenet-constructor" {
  ret void
}
define void @recv() "tenet-receive" "tenet-payable" {
  ret void
}
)";
  auto r = compile(ir, OptLevel::O0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const vm::Container& c = r->container;
  ASSERT_EQ(c.functions.size(), 4u);
  EXPECT_EQ(r->function_names, (std::vector<std::string>{"b", "a", "init", "recv"}));
  EXPECT_EQ(c.functions[0].flags, vm::kFlagView);
  EXPECT_EQ(c.functions[1].flags, vm::kFlagPayable | vm::kFlagReentrant);
  EXPECT_EQ(c.constructor, 2);
  EXPECT_EQ(c.receive, 3);
  ASSERT_EQ(c.exports.size(), 2u);
  EXPECT_EQ(c.exports[0].selector, (std::array<uint8_t, 4>{0xaa, 0xaa, 0xaa, 0xaa}));
  EXPECT_EQ(c.exports[0].function, 1);
  EXPECT_EQ(c.exports[1].function, 0);
  // ret void in an entry point is RETF (the outermost RETF ends the call like STOP).
  EXPECT_EQ(c.code, (std::vector<uint8_t>{0x09, 0x09, 0x09, 0x09}));
}

TEST_F(CodegenTest, CodegenIsDeterministic) {
  const std::string ir = R"(
define internal i256 @f(i256 %a, i256 %b) {
  %c = mul i256 %a, 123456789012345678901234567890
  %d = add i256 %c, %b
  ret i256 %d
}
)" + entry_calling("i256", {"i256", "i256"});
  auto a = compile(ir, OptLevel::O2);
  auto b = compile(ir, OptLevel::O2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(vm::serialize_container(a->container), vm::serialize_container(b->container));
  EXPECT_EQ(a->lines, b->lines);
}

}  // namespace
}  // namespace tenet::compiler::testing
