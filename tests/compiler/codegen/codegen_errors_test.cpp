// Tests of what codegen rejects (exact messages) and of its line table.

#include <llvm/IR/DIBuilder.h>

#include "codegen_test_support.hpp"

namespace tenet::compiler::testing {
namespace {

std::string error_of(vm::Result<CodegenResult> r) {
  return r.ok() ? "(no error)" : r.error().message;
}

TEST_F(CodegenTest, CodegenRejectsFloat) {
  EXPECT_EQ(
      error_of(translate_only(R"(
define internal i256 @f(i256 %a) {
  %x = uitofp i256 %a to double
  %y = fptoui double %x to i256
  ret i256 %y
}
)")),
      "codegen: function @f: unsupported floating-point type in '%x = uitofp i256 %a to double'");
}

TEST_F(CodegenTest, CodegenRejectsVector) {
  EXPECT_EQ(error_of(translate_only(R"(
define internal i256 @f(i256 %a) {
  %v = insertelement <2 x i256> zeroinitializer, i256 %a, i32 0
  %y = extractelement <2 x i256> %v, i32 0
  ret i256 %y
}
)")),
            "codegen: function @f: unsupported vector type in '%v = insertelement <2 x i256> "
            "zeroinitializer, i256 "
            "%a, i32 0'");
}

TEST_F(CodegenTest, CodegenRejectsI512) {
  EXPECT_EQ(error_of(translate_only(R"(
define internal i256 @f(i256 %a) {
  %w = zext i256 %a to i512
  %m = mul i512 %w, %w
  %t = trunc i512 %m to i256
  ret i256 %t
}
)")),
            "codegen: function @f: unsupported integer type wider than 256 bits in '%w = zext i256 "
            "%a to i512'");
}

TEST_F(CodegenTest, CodegenRejectsIndirectCall) {
  EXPECT_EQ(error_of(translate_only(R"(
define internal i256 @f(ptr %g) {
  %r = call i256 %g()
  ret i256 %r
}
)")),
            "codegen: function @f: unsupported indirect call in '%r = call i256 %g()'");
}

TEST_F(CodegenTest, CodegenRejectsUnknownExternalFunction) {
  EXPECT_EQ(error_of(translate_only(R"(
declare i256 @mystery(i256)
define internal i256 @f(i256 %a) {
  %r = call i256 @mystery(i256 %a)
  ret i256 %r
}
)")),
            "codegen: function @f: unsupported call to unknown external function @mystery in '%r = "
            "call i256 "
            "@mystery(i256 %a)'");
}

TEST_F(CodegenTest, CodegenRejectsDynamicAlloca) {
  EXPECT_EQ(
      error_of(translate_only(R"(
define internal i256 @f(i32 %n) {
  %p = alloca i256, i32 %n
  %v = load i256, ptr %p
  ret i256 %v
}
)")),
      "codegen: function @f: unsupported dynamic alloca in '%p = alloca i256, i32 %n, align 32'");
}

TEST_F(CodegenTest, CodegenRejectsNonConstantPanicCode) {
  EXPECT_EQ(error_of(translate_only(R"(
define internal void @f(i256 %code) {
  call void @tenet.panic(i256 %code)
  unreachable
}
)")),
            "codegen: function @f: unsupported non-constant immediate argument of @tenet.panic in "
            "'call void "
            "@tenet.panic(i256 %code)'");
}

TEST_F(CodegenTest, CodegenRejectsCheatOutsideTestMode) {
  EXPECT_EQ(
      error_of(translate_only(R"(
declare i256 @tenet.cheat(i256, ptr, i256)
define internal i256 @f(ptr %p) {
  %r = call i256 @tenet.cheat(i256 1, ptr %p, i256 0)
  ret i256 %r
}
)")),
      "codegen: function @f: unsupported call to @tenet.cheat outside test mode in '%r = call i256 "
      "@tenet.cheat(i256 1, ptr %p, i256 0)'");
}

TEST_F(CodegenTest, CodegenRejectsUnsupportedIntrinsic) {
  EXPECT_EQ(error_of(translate_only(R"(
declare i256 @llvm.smul.fix.i256(i256, i256, i32)
define internal i256 @f(i256 %a) {
  %r = call i256 @llvm.smul.fix.i256(i256 %a, i256 %a, i32 3)
  ret i256 %r
}
)")),
            "codegen: function @f: unsupported intrinsic @llvm.smul.fix.i256 in '%r = call i256 "
            "@llvm.smul.fix.i256(i256 %a, i256 %a, i32 3)'");
}

TEST_F(CodegenTest, CodegenRejectsOtherDataLayout) {
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic diag;
  auto m = llvm::parseAssemblyString(
      "target datalayout = \"e-p:64:64\"\ndefine void @f() {\n  ret void\n}\n", diag, ctx);
  ASSERT_TRUE(m);
  EXPECT_EQ(error_of(generate_bytecode(*m, {}, false)),
            "codegen: module data layout \"e-p:64:64\" is not Tenet's "
            "\"E-p:32:32-i64:64-i128:128-i256:256-n256-S128\"");
}

TEST_F(CodegenTest, CodegenLineTable) {
  const std::string ir = R"(
define internal i256 @f(i256 %a, i256 %b) !dbg !4 {
  %x = add i256 %a, %b, !dbg !10
  %y = mul i256 %x, %a, !dbg !11
  ret i256 %y, !dbg !12
}
define void @main() "tenet-export"="00000001" !dbg !6 {
  %r = call i256 @f(i256 1, i256 2), !dbg !13
  call void @tenet.sstore(i256 0, i256 %r), !dbg !13
  ret void, !dbg !14
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "a.tn", directory: ".")
!2 = !DIFile(filename: "b.tn", directory: ".")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "f", scope: !2, file: !2, line: 1, type: !5, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!5 = !DISubroutineType(types: !{})
!6 = distinct !DISubprogram(name: "main", scope: !1, file: !1, line: 9, type: !5, scopeLine: 9, spFlags: DISPFlagDefinition, unit: !0)
!10 = !DILocation(line: 2, column: 3, scope: !4)
!11 = !DILocation(line: 3, column: 5, scope: !4)
!12 = !DILocation(line: 4, column: 1, scope: !4)
!13 = !DILocation(line: 10, column: 7, scope: !6)
!14 = !DILocation(line: 11, column: 2, scope: !6)
)";
  auto r = compile(ir, OptLevel::O0);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // f: LGET 0 LGET 1 ADD (2:3) | LGET 0 MUL (3:5) | RETF (4:1)
  // main: PUSH1 1 PUSH1 2 CALLF 0 LSET 2... (10:7) | RETF (11:2)
  EXPECT_EQ(r->files, (std::vector<std::string>{"b.tn", "a.tn"}));
  std::vector<LineEntry> expected{
      {0, 0, 2, 3},    // f: LGET 0, LGET 1, ADD (x is stackified into y)
      {7, 0, 3, 5},    // LGET 0, MUL
      {11, 0, 4, 1},   // RETF
      {12, 1, 10, 7},  // main: PUSH0, PUSH1 1, PUSH1 2, CALLF 0, SSTORE
      {21, 1, 11, 2},  // RETF
  };
  EXPECT_EQ(r->lines, expected);
}

}  // namespace
}  // namespace tenet::compiler::testing
