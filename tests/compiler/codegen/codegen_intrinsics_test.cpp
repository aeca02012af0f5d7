// Tests of codegen's lowering of the LLVM intrinsics the legality check allows, and of
// aggregate values ({iN, i1} results through phis, selects and insertvalue).

#include "codegen_test_support.hpp"

namespace tenet::compiler::testing {
namespace {

using vm::Word;

const Word kMax = W("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
const Word kMaxSigned = W("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
const Word kMinSigned = W("0x8000000000000000000000000000000000000000000000000000000000000000");

class CodegenIntrinsics : public CodegenTest {
 protected:
  /// llvm.<op>.with.overflow.i<n>(a, b) returns `result` and `flag`.
  void overflow(const std::string& op, unsigned n, const Word& a, const Word& b, const Word& result,
                bool flag) {
    SCOPED_TRACE(op + " i" + std::to_string(n));
    const std::string t = "i" + std::to_string(n);
    const std::string ir =
        "declare {" + t + ", i1} @llvm." + op + ".with.overflow." + t + "(" + t + ", " + t +
        ")\n"
        "define internal i256 @f(" +
        t + " %a, " + t +
        " %b, i1 %which) {\n"
        "  %s = call {" +
        t + ", i1} @llvm." + op + ".with.overflow." + t + "(" + t + " %a, " + t +
        " %b)\n"
        "  %r = extractvalue {" +
        t +
        ", i1} %s, 0\n"
        "  %o = extractvalue {" +
        t + ", i1} %s, 1\n" +
        (n == 256 ? "  %rw = add i256 %r, 0\n" : "  %rw = zext " + t + " %r to i256\n") +
        "  %ow = zext i1 %o to i256\n"
        "  %x = select i1 %which, i256 %ow, i256 %rw\n"
        "  ret i256 %x\n}\n";
    expect_f(ir, "i256", {t, t, "i1"}, {a, b, Word{0}}, result);
    expect_f(ir, "i256", {t, t, "i1"}, {a, b, Word{1}}, Word{flag ? 1u : 0u});
  }

  /// `body` computes %r of type `t` from %a, %b, %c of type `t`; returns %r zero-extended.
  void compute(const std::string& decl, const std::string& t, const std::string& body,
               const Word& a, const Word& b, const Word& c, const Word& expected) {
    SCOPED_TRACE(body);
    const std::string ir = decl + "\ndefine internal " + t + " @f(" + t + " %a, " + t + " %b, " +
                           t + " %c) {\n  " + body + "\n  ret " + t + " %r\n}\n";
    expect_f(ir, t, {t, t, t}, {a, b, c}, expected);
  }
};

TEST_F(CodegenIntrinsics, CodegenUnsignedAddSubOverflow) {
  overflow("uadd", 8, Word{200}, Word{100}, Word{44}, true);
  overflow("uadd", 8, Word{100}, Word{100}, Word{200}, false);
  overflow("uadd", 256, kMax, Word{1}, Word{0}, true);
  overflow("uadd", 256, Word{1}, Word{2}, Word{3}, false);
  overflow("usub", 8, Word{5}, Word{6}, Word{255}, true);
  overflow("usub", 8, Word{6}, Word{5}, Word{1}, false);
  overflow("usub", 256, Word{0}, Word{1}, kMax, true);
}

TEST_F(CodegenIntrinsics, CodegenUnsignedMulOverflow) {
  overflow("umul", 8, Word{16}, Word{16}, Word{0}, true);
  overflow("umul", 8, Word{15}, Word{17}, Word{255}, false);
  // 128 < n < 256: the 256-bit product itself can overflow.
  overflow("umul", 200, W("0x10000000000000000000000000"), W("0x10000000000000000000000000"),
           Word{0}, true);
  overflow("umul", 200, W("0x8000000000000000000000000"), W("0x10000000000000000000000000"),
           W("0x80000000000000000000000000000000000000000000000000"), false);
  overflow("umul", 200, W("0x80000000000000000000000000000000000000000000000000"),
           W("0x80000000000000000000000000000000000000000000000000"), Word{0}, true);
  overflow("umul", 256, W("0x100000000000000000000000000000000"),
           W("0x100000000000000000000000000000000"), Word{0}, true);
  overflow("umul", 256, kMax, Word{1}, kMax, false);
}

TEST_F(CodegenIntrinsics, CodegenSignedAddSubOverflow) {
  overflow("sadd", 8, Word{127}, Word{1}, Word{0x80}, true);
  overflow("sadd", 8, Word{0xff}, Word{0xff}, Word{0xfe}, false);
  overflow("sadd", 8, Word{0x80}, Word{0xff}, Word{0x7f}, true);
  overflow("sadd", 256, kMaxSigned, Word{1}, kMinSigned, true);
  overflow("sadd", 256, kMax, Word{1}, Word{0}, false);
  overflow("sadd", 256, kMinSigned, kMax, kMaxSigned, true);
  overflow("ssub", 8, Word{0x80}, Word{1}, Word{0x7f}, true);
  overflow("ssub", 8, Word{1}, Word{2}, Word{0xff}, false);
  overflow("ssub", 256, kMinSigned, Word{1}, kMaxSigned, true);
  overflow("ssub", 256, Word{0}, kMinSigned, kMinSigned, true);
  overflow("ssub", 256, Word{1}, Word{2}, kMax, false);
}

TEST_F(CodegenIntrinsics, CodegenSignedMulOverflow) {
  overflow("smul", 8, Word{0x80}, Word{0xff}, Word{0x80}, true);
  overflow("smul", 8, Word{0xf8}, Word{16}, Word{0x80}, false);
  // n = 200: 2^100 * 2^99 = 2^199 > max; -2^100 * 2^98 = -2^198 fits.
  overflow("smul", 200, W("0x10000000000000000000000000"), W("0x8000000000000000000000000"),
           W("0x80000000000000000000000000000000000000000000000000"), true);
  overflow("smul", 200, W("0xfffffffffffffffffffffffff0000000000000000000000000"),
           W("0x4000000000000000000000000"),
           W("0xc0000000000000000000000000000000000000000000000000"), false);
  overflow("smul", 256, kMax, kMinSigned, kMinSigned, true);
  overflow("smul", 256, kMinSigned, kMax, kMinSigned, true);
  overflow("smul", 256, kMinSigned, Word{1}, kMinSigned, false);
  overflow("smul", 256, W("0x100000000000000000000000000000000"),
           W("0x80000000000000000000000000000000"), kMinSigned, true);
  overflow("smul", 256, W("0xffffffffffffffffffffffffffffffff00000000000000000000000000000000"),
           W("0x80000000000000000000000000000000"), kMinSigned, false);
  overflow("smul", 256, Word{0}, kMinSigned, Word{0}, false);
}

TEST_F(CodegenIntrinsics, CodegenBitCounts) {
  const std::string d8 =
      "declare i8 @llvm.ctpop.i8(i8)\ndeclare i8 @llvm.ctlz.i8(i8, i1)\ndeclare i8 "
      "@llvm.cttz.i8(i8, i1)";
  compute(d8, "i8", "%r = call i8 @llvm.ctpop.i8(i8 %a)", Word{0xf1}, Word{0}, Word{0}, Word{5});
  compute(d8, "i8", "%r = call i8 @llvm.ctlz.i8(i8 %a, i1 false)", Word{0x10}, Word{0}, Word{0},
          Word{3});
  compute(d8, "i8", "%r = call i8 @llvm.ctlz.i8(i8 %a, i1 false)", Word{0}, Word{0}, Word{0},
          Word{8});
  compute(d8, "i8", "%r = call i8 @llvm.cttz.i8(i8 %a, i1 false)", Word{0x10}, Word{0}, Word{0},
          Word{4});
  compute(d8, "i8", "%r = call i8 @llvm.cttz.i8(i8 %a, i1 false)", Word{0}, Word{0}, Word{0},
          Word{8});
  const std::string d256 =
      "declare i256 @llvm.ctpop.i256(i256)\ndeclare i256 @llvm.ctlz.i256(i256, i1)\ndeclare i256 "
      "@llvm.cttz.i256(i256, i1)";
  compute(d256, "i256", "%r = call i256 @llvm.ctpop.i256(i256 %a)", kMax, Word{0}, Word{0},
          Word{256});
  compute(d256, "i256", "%r = call i256 @llvm.ctlz.i256(i256 %a, i1 false)", Word{1}, Word{0},
          Word{0}, Word{255});
  compute(d256, "i256", "%r = call i256 @llvm.cttz.i256(i256 %a, i1 false)", Word{0}, Word{0},
          Word{0}, Word{256});
}

TEST_F(CodegenIntrinsics, CodegenByteAndBitReversal) {
  compute("declare i32 @llvm.bswap.i32(i32)", "i32", "%r = call i32 @llvm.bswap.i32(i32 %a)",
          Word{0x11223344}, Word{0}, Word{0}, Word{0x44332211});
  compute("declare i256 @llvm.bswap.i256(i256)", "i256", "%r = call i256 @llvm.bswap.i256(i256 %a)",
          Word{0x1122}, Word{0}, Word{0},
          W("0x2211000000000000000000000000000000000000000000000000000000000000"));
  compute("declare i8 @llvm.bitreverse.i8(i8)", "i8", "%r = call i8 @llvm.bitreverse.i8(i8 %a)",
          Word{0x0e}, Word{0}, Word{0}, Word{0x70});
  compute("declare i16 @llvm.bitreverse.i16(i16)", "i16",
          "%r = call i16 @llvm.bitreverse.i16(i16 %a)", Word{0x0003}, Word{0}, Word{0},
          Word{0xc000});
  compute("declare i256 @llvm.bitreverse.i256(i256)", "i256",
          "%r = call i256 @llvm.bitreverse.i256(i256 %a)",
          W("0x8000000000000000000000000000000000000000000000000000000000000006"), Word{0}, Word{0},
          W("0x6000000000000000000000000000000000000000000000000000000000000001"));
}

TEST_F(CodegenIntrinsics, CodegenFunnelShifts) {
  const std::string d8 =
      "declare i8 @llvm.fshl.i8(i8, i8, i8)\ndeclare i8 @llvm.fshr.i8(i8, i8, i8)";
  compute(d8, "i8", "%r = call i8 @llvm.fshl.i8(i8 %a, i8 %b, i8 %c)", Word{0x81}, Word{0x80},
          Word{1}, Word{0x03});
  compute(d8, "i8", "%r = call i8 @llvm.fshl.i8(i8 %a, i8 %b, i8 %c)", Word{0x81}, Word{0x80},
          Word{9}, Word{0x03});
  compute(d8, "i8", "%r = call i8 @llvm.fshl.i8(i8 %a, i8 %b, i8 %c)", Word{0x81}, Word{0x80},
          Word{0}, Word{0x81});
  compute(d8, "i8", "%r = call i8 @llvm.fshr.i8(i8 %a, i8 %b, i8 %c)", Word{0x81}, Word{0x81},
          Word{1}, Word{0xc0});
  compute(d8, "i8", "%r = call i8 @llvm.fshr.i8(i8 %a, i8 %b, i8 %c)", Word{0x81}, Word{0x42},
          Word{0}, Word{0x42});
  const std::string d256 =
      "declare i256 @llvm.fshl.i256(i256, i256, i256)\ndeclare i256 @llvm.fshr.i256(i256, i256, "
      "i256)";
  compute(d256, "i256", "%r = call i256 @llvm.fshl.i256(i256 %a, i256 %b, i256 %c)",
          W("0x8000000000000000000000000000000000000000000000000000000000000001"), kMinSigned,
          Word{1}, Word{3});
  compute(d256, "i256", "%r = call i256 @llvm.fshr.i256(i256 %a, i256 %b, i256 %c)", Word{1},
          Word{2}, Word{257},
          W("0x8000000000000000000000000000000000000000000000000000000000000001"));
}

TEST_F(CodegenIntrinsics, CodegenMinMaxAbsSaturation) {
  const std::string d =
      "declare i8 @llvm.umin.i8(i8, i8)\ndeclare i8 @llvm.umax.i8(i8, i8)\ndeclare i8 "
      "@llvm.smin.i8(i8, i8)\n"
      "declare i8 @llvm.smax.i8(i8, i8)\ndeclare i8 @llvm.abs.i8(i8, i1)\ndeclare i8 "
      "@llvm.uadd.sat.i8(i8, i8)\n"
      "declare i8 @llvm.usub.sat.i8(i8, i8)";
  compute(d, "i8", "%r = call i8 @llvm.umin.i8(i8 %a, i8 %b)", Word{0x80}, Word{1}, Word{0},
          Word{1});
  compute(d, "i8", "%r = call i8 @llvm.umax.i8(i8 %a, i8 %b)", Word{0x80}, Word{1}, Word{0},
          Word{0x80});
  compute(d, "i8", "%r = call i8 @llvm.smin.i8(i8 %a, i8 %b)", Word{0x80}, Word{1}, Word{0},
          Word{0x80});
  compute(d, "i8", "%r = call i8 @llvm.smax.i8(i8 %a, i8 %b)", Word{0x80}, Word{1}, Word{0},
          Word{1});
  compute(d, "i8", "%r = call i8 @llvm.abs.i8(i8 %a, i1 false)", Word{0xf6}, Word{0}, Word{0},
          Word{10});
  compute(d, "i8", "%r = call i8 @llvm.abs.i8(i8 %a, i1 false)", Word{0x80}, Word{0}, Word{0},
          Word{0x80});
  compute(d, "i8", "%r = call i8 @llvm.abs.i8(i8 %a, i1 false)", Word{7}, Word{0}, Word{0},
          Word{7});
  compute(d, "i8", "%r = call i8 @llvm.uadd.sat.i8(i8 %a, i8 %b)", Word{200}, Word{100}, Word{0},
          Word{255});
  compute(d, "i8", "%r = call i8 @llvm.uadd.sat.i8(i8 %a, i8 %b)", Word{20}, Word{100}, Word{0},
          Word{120});
  compute(d, "i8", "%r = call i8 @llvm.usub.sat.i8(i8 %a, i8 %b)", Word{5}, Word{6}, Word{0},
          Word{0});
  compute(d, "i8", "%r = call i8 @llvm.usub.sat.i8(i8 %a, i8 %b)", Word{6}, Word{5}, Word{0},
          Word{1});
  const std::string d256 =
      "declare i256 @llvm.uadd.sat.i256(i256, i256)\ndeclare i256 @llvm.smin.i256(i256, i256)\n"
      "declare i256 @llvm.abs.i256(i256, i1)";
  compute(d256, "i256", "%r = call i256 @llvm.uadd.sat.i256(i256 %a, i256 %b)", kMax, Word{1},
          Word{0}, kMax);
  compute(d256, "i256", "%r = call i256 @llvm.uadd.sat.i256(i256 %a, i256 %b)", Word{1}, Word{2},
          Word{0}, Word{3});
  compute(d256, "i256", "%r = call i256 @llvm.smin.i256(i256 %a, i256 %b)", kMax, Word{1}, Word{0},
          kMax);
  compute(d256, "i256", "%r = call i256 @llvm.abs.i256(i256 %a, i1 false)", kMax, Word{0}, Word{0},
          Word{1});
}

TEST_F(CodegenIntrinsics, CodegenAggregatePhiSelectInsertValue) {
  const std::string ir = R"(
declare {i8, i1} @llvm.uadd.with.overflow.i8(i8, i8)
declare {i8, i1} @llvm.usub.with.overflow.i8(i8, i8)
define internal i256 @f(i8 %a, i8 %b, i8 %mode) {
entry:
  %c = trunc i8 %mode to i1
  br i1 %c, label %x, label %y
x:
  %s1 = call {i8, i1} @llvm.uadd.with.overflow.i8(i8 %a, i8 %b)
  br label %join
y:
  %s2 = call {i8, i1} @llvm.usub.with.overflow.i8(i8 %a, i8 %b)
  br label %join
join:
  %s = phi {i8, i1} [ %s1, %x ], [ %s2, %y ]
  %hi = lshr i8 %mode, 1
  %d = trunc i8 %hi to i1
  %t = select i1 %d, {i8, i1} { i8 7, i1 true }, {i8, i1} %s
  %u = insertvalue {i8, i1} %t, i8 9, 0
  %e = lshr i8 %mode, 2
  %ee = trunc i8 %e to i1
  %v = select i1 %ee, {i8, i1} %u, {i8, i1} %t
  %r = extractvalue {i8, i1} %v, 0
  %o = extractvalue {i8, i1} %v, 1
  %rw = zext i8 %r to i256
  %ow = zext i1 %o to i256
  %os = shl i256 %ow, 8
  %x2 = or i256 %rw, %os
  ret i256 %x2
}
)";
  const std::vector<std::string> params{"i8", "i8", "i8"};
  expect_f(ir, "i256", params, {Word{200}, Word{100}, Word{1}}, Word{0x100 + 44});  // uadd
  expect_f(ir, "i256", params, {Word{5}, Word{6}, Word{0}}, Word{0x100 + 255});     // usub
  expect_f(ir, "i256", params, {Word{6}, Word{5}, Word{0}}, Word{1});      // usub, no borrow
  expect_f(ir, "i256", params, {Word{6}, Word{5}, Word{2}}, Word{0x107});  // the constant
  expect_f(ir, "i256", params, {Word{6}, Word{5}, Word{6}}, Word{0x109});  // insertvalue
}

}  // namespace
}  // namespace tenet::compiler::testing
