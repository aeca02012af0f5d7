// Tests of the LLVM optimisation pipeline and the legality check (compiler/src/opt/opt.cpp).

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <memory>
#include <optional>
#include <string>

#include "tenet/compiler/opt.hpp"

namespace tenet::compiler {
namespace {

const std::string kHeader = "target datalayout = \"E-p:32:32-i64:64-i128:128-i256:256-n256-S128\"\n";

std::unique_ptr<llvm::Module> parse(llvm::LLVMContext& ctx, const std::string& body) {
  llvm::SMDiagnostic diag;
  auto m = llvm::parseAssemblyString(kHeader + body, diag, ctx);
  if (!m) {
    std::string text;
    llvm::raw_string_ostream os(text);
    diag.print("test", os);
    ADD_FAILURE() << os.str();
  }
  return m;
}

std::string print(const llvm::Module& m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  return os.str();
}

/// Parses `ir`, optimises it at `level` in a fresh context and returns the printed IR.
std::string optimised(const std::string& ir, OptLevel level, const OptOptions& options = {}) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, ir);
  if (!m) return "";
  auto r = optimise(*m, level, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return print(*m);
}

/// `ir` with every occurrence of `from` replaced by `to`.
std::string renamed(std::string ir, const std::string& from, const std::string& to) {
  for (auto at = ir.find(from); at != std::string::npos; at = ir.find(from, at + to.size())) ir.replace(at, from.size(), to);
  return ir;
}

/// The legality verdict on function @f of `ir` (unoptimised).
std::optional<std::string> legality(const std::string& ir) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, ir);
  if (!m) return "parse error";
  return check_legal(*m->getFunction("f"));
}

const std::string kSumLoop = R"(
define i256 @f(i256 %n) {
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

const std::string kSwitch = R"(
define i256 @f(i256 %x) {
entry:
  switch i256 %x, label %other [
    i256 0, label %a
    i256 1, label %b
    i256 2, label %c
    i256 3, label %d
    i256 4, label %e
  ]
a:
  br label %exit
b:
  br label %exit
c:
  br label %exit
d:
  br label %exit
e:
  br label %exit
other:
  br label %exit
exit:
  %r = phi i256 [ 17, %a ], [ 42, %b ], [ 99, %c ], [ 7, %d ], [ 1234, %e ], [ 0, %other ]
  ret i256 %r
}
)";

const std::string kByteCopy = R"(
define void @f(ptr noalias %dst, ptr noalias %src, i32 %n) {
entry:
  %empty = icmp eq i32 %n, 0
  br i1 %empty, label %exit, label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %s = getelementptr inbounds i8, ptr %src, i32 %i
  %d = getelementptr inbounds i8, ptr %dst, i32 %i
  %b = load i8, ptr %s
  store i8 %b, ptr %d
  %i.next = add nuw i32 %i, 1
  %done = icmp eq i32 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
)";

const std::string kInlined = R"(
define i256 @g(i256 %x) {
  %y = mul i256 %x, 3
  ret i256 %y
}
define i256 @f(i256 %x) {
  %a = call i256 @g(i256 %x)
  %b = add i256 %a, 1
  ret i256 %b
}
)";

TEST(OptPipeline, DataLayoutIsTheDocumentedOne) {
  EXPECT_EQ(tenet_data_layout(), "E-p:32:32-i64:64-i128:128-i256:256-n256-S128");
}

TEST(OptPipeline, IsDeterministicAtEveryLevel) {
  const std::string ir = kSumLoop + renamed(kInlined, "@f", "@h") + renamed(kSwitch, "@f", "@k") +
                         renamed(kByteCopy, "@f", "@copy");
  for (auto level : {OptLevel::O0, OptLevel::O1, OptLevel::O2}) {
    const std::string first = optimised(ir, level);
    const std::string second = optimised(ir, level);
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, second) << "level " << static_cast<int>(level);
  }
}

TEST(OptPipeline, SumLoopAtO2HasNoIntegerWiderThan256Bits) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, kSumLoop);
  ASSERT_TRUE(m);
  auto r = optimise(*m, OptLevel::O2);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->fell_back.empty());
  const std::string text = print(*m);
  EXPECT_EQ(text.find("i257"), std::string::npos) << text;
  EXPECT_EQ(text.find("i512"), std::string::npos) << text;
  EXPECT_EQ(check_legal(*m->getFunction("f")), std::nullopt);
}

TEST(OptPipeline, SwitchIsNotALookupTable) {
  for (auto level : {OptLevel::O1, OptLevel::O2}) {
    const std::string text = optimised(kSwitch, level);
    EXPECT_EQ(text.find("switch.table"), std::string::npos) << text;
    EXPECT_EQ(text.find("@switch"), std::string::npos) << text;
    EXPECT_NE(text.find("switch i256"), std::string::npos) << text;
    EXPECT_NE(text.find("\"no-jump-tables\"=\"true\""), std::string::npos) << text;
  }
}

TEST(OptPipeline, ByteCopyLoopIsNotVectorisedNorAMemcpy) {
  const std::string text = optimised(kByteCopy, OptLevel::O2);
  EXPECT_EQ(text.find(" x i8>"), std::string::npos) << text;
  EXPECT_EQ(text.find("llvm.memcpy"), std::string::npos) << text;
  EXPECT_NE(text.find("load i8"), std::string::npos) << text;
}

TEST(OptPipeline, O2InlinesAndO1DoesNot) {
  const std::string o1 = optimised(kInlined, OptLevel::O1);
  const std::string o2 = optimised(kInlined, OptLevel::O2);
  EXPECT_NE(o1.find("call i256 @g"), std::string::npos) << o1;
  EXPECT_EQ(o2.find("call i256 @g"), std::string::npos) << o2;
}

TEST(OptPipeline, RejectsAModuleWithAnotherDataLayout) {
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic diag;
  auto m = llvm::parseAssemblyString("target datalayout = \"E-p:64:64\"\ndefine void @f() { ret void }\n", diag, ctx);
  ASSERT_TRUE(m);
  auto r = optimise(*m, OptLevel::O0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "module data layout \"E-p:64:64\" is not Tenet's \"E-p:32:32-i64:64-i128:128-i256:256-n256-S128\"");
}

TEST(OptLegality, RejectsFloatingPoint) {
  EXPECT_EQ(legality("define i32 @f(i32 %x) {\n  %y = sitofp i32 %x to double\n  %z = fptosi double %y to i32\n"
                     "  ret i32 %z\n}\n"),
            "floating-point type in `%y = sitofp i32 %x to double`");
}

TEST(OptLegality, RejectsVectors) {
  EXPECT_EQ(legality("define i32 @f(i32 %x) {\n  %v = insertelement <4 x i32> zeroinitializer, i32 %x, i32 0\n"
                     "  %e = extractelement <4 x i32> %v, i32 0\n  ret i32 %e\n}\n"),
            "vector type in `%v = insertelement <4 x i32> zeroinitializer, i32 %x, i32 0`");
}

TEST(OptLegality, RejectsIntegersWiderThan256Bits) {
  EXPECT_EQ(legality("define i256 @f(i256 %x) {\n  %w = zext i256 %x to i512\n  %m = mul i512 %w, %w\n"
                     "  %t = trunc i512 %m to i256\n  ret i256 %t\n}\n"),
            "integer wider than 256 bits in `%w = zext i256 %x to i512`");
  EXPECT_EQ(legality("define i512 @f() {\n  ret i512 0\n}\n"), "integer wider than 256 bits in the signature of @f");
}

TEST(OptLegality, RejectsIndirectCalls) {
  EXPECT_EQ(legality("define i256 @f(ptr %p) {\n  %r = call i256 %p(i256 1)\n  ret i256 %r\n}\n"),
            "indirect call in `%r = call i256 %p(i256 1)`");
}

TEST(OptLegality, RejectsUnknownExternalFunctions) {
  EXPECT_EQ(legality("declare ptr @malloc(i32)\ndefine ptr @f() {\n  %p = call ptr @malloc(i32 32)\n  ret ptr %p\n}\n"),
            "call to unknown external function @malloc in `%p = call ptr @malloc(i32 32)`");
}

TEST(OptLegality, RejectsIntrinsicsOutsideTheAllowList) {
  EXPECT_EQ(legality("declare ptr @llvm.stacksave.p0()\ndefine ptr @f() {\n  %p = call ptr @llvm.stacksave.p0()\n"
                     "  ret ptr %p\n}\n"),
            "unsupported intrinsic @llvm.stacksave.p0 in `%p = call ptr @llvm.stacksave.p0()`");
}

TEST(OptLegality, AcceptsAllowedIntrinsicsAndHostIntrinsics) {
  const std::string ir = R"(
declare { i256, i1 } @llvm.umul.with.overflow.i256(i256, i256)
declare { i64, i1 } @llvm.sadd.with.overflow.i64(i64, i64)
declare i256 @llvm.ctpop.i256(i256)
declare i256 @llvm.ctlz.i256(i256, i1)
declare i256 @llvm.bswap.i256(i256)
declare i256 @llvm.fshl.i256(i256, i256, i256)
declare i256 @llvm.umax.i256(i256, i256)
declare i256 @llvm.smin.i256(i256, i256)
declare i256 @llvm.abs.i256(i256, i1)
declare i256 @llvm.uadd.sat.i256(i256, i256)
declare i256 @llvm.usub.sat.i256(i256, i256)
declare void @llvm.memcpy.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memset.p0.i32(ptr, i8, i32, i1)
declare i1 @llvm.expect.i1(i1, i1)
declare void @llvm.assume(i1)
declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)
declare i256 @tenet.sload(i256)
define i256 @f(i256 %a, i64 %b, ptr %p, ptr %q) {
  %m = call { i256, i1 } @llvm.umul.with.overflow.i256(i256 %a, i256 %a)
  %m0 = extractvalue { i256, i1 } %m, 0
  %s = call { i64, i1 } @llvm.sadd.with.overflow.i64(i64 %b, i64 %b)
  %c1 = call i256 @llvm.ctpop.i256(i256 %m0)
  %c2 = call i256 @llvm.ctlz.i256(i256 %c1, i1 false)
  %c3 = call i256 @llvm.bswap.i256(i256 %c2)
  %c4 = call i256 @llvm.fshl.i256(i256 %c3, i256 %c3, i256 3)
  %c5 = call i256 @llvm.umax.i256(i256 %c4, i256 %a)
  %c6 = call i256 @llvm.smin.i256(i256 %c5, i256 %a)
  %c7 = call i256 @llvm.abs.i256(i256 %c6, i1 false)
  %c8 = call i256 @llvm.uadd.sat.i256(i256 %c7, i256 1)
  %c9 = call i256 @llvm.usub.sat.i256(i256 %c8, i256 1)
  call void @llvm.memcpy.p0.p0.i32(ptr %p, ptr %q, i32 32, i1 false)
  call void @llvm.memset.p0.i32(ptr %p, i8 0, i32 32, i1 false)
  %big = icmp ugt i256 %c9, 5
  %e = call i1 @llvm.expect.i1(i1 %big, i1 true)
  call void @llvm.assume(i1 true)
  call void @llvm.lifetime.start.p0(i64 32, ptr %p)
  call void @llvm.lifetime.end.p0(i64 32, ptr %p)
  %v = call i256 @tenet.sload(i256 %c9)
  ret i256 %v
}
)";
  EXPECT_EQ(legality(ir), std::nullopt);
}

/// A test-only rule that O2 breaks and the conservative pipeline keeps: "@f calls @g"
/// (O2 inlines @g; O1's function passes do not inline).
std::optional<std::string> must_call_g(const llvm::Function& f) {
  if (f.getName() != "f") return std::nullopt;
  std::string text;
  llvm::raw_string_ostream os(text);
  f.print(os);
  if (os.str().find("call i256 @g") == std::string::npos) return std::string("test rule: @f must call @g");
  return std::nullopt;
}

TEST(OptFallback, AFunctionThatFailsAfterO2IsRedoneConservatively) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, kInlined);
  ASSERT_TRUE(m);
  OptOptions options;
  options.extra_check = must_call_g;
  auto r = optimise(*m, OptLevel::O2, options);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->fell_back.size(), 1u);
  EXPECT_EQ(r->fell_back[0], "f");
  const std::string text = print(*m);
  EXPECT_NE(text.find("call i256 @g"), std::string::npos) << text;
  EXPECT_EQ(must_call_g(*m->getFunction("f")), std::nullopt);
}

TEST(OptFallback, KeepsDebugLocationsOfTheRedoneFunction) {
  const std::string ir = R"(
define i256 @g(i256 %x) !dbg !6 {
  %y = mul i256 %x, 3, !dbg !8
  ret i256 %y, !dbg !8
}
define i256 @f(i256 %x) !dbg !7 {
  %a = call i256 @g(i256 %x), !dbg !9
  %b = add i256 %a, 1, !dbg !9
  ret i256 %b, !dbg !9
}
!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}
!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "tenet", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "a.tn", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = distinct !DISubprogram(name: "g", scope: !1, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!7 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 5, type: !4, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!8 = !DILocation(line: 2, column: 3, scope: !6)
!9 = !DILocation(line: 6, column: 7, scope: !7)
)";
  llvm::LLVMContext ctx;
  auto m = parse(ctx, ir);
  ASSERT_TRUE(m);
  OptOptions options;
  options.extra_check = must_call_g;
  auto r = optimise(*m, OptLevel::O2, options);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->fell_back.size(), 1u);
  const llvm::Function* f = m->getFunction("f");
  ASSERT_NE(f, nullptr);
  ASSERT_NE(f->getSubprogram(), nullptr);
  EXPECT_EQ(f->getSubprogram()->getLine(), 5u);
  // The compile unit is the module's own, not a copy.
  ASSERT_NE(m->getNamedMetadata("llvm.dbg.cu"), nullptr);
  EXPECT_EQ(m->getNamedMetadata("llvm.dbg.cu")->getNumOperands(), 1u) << print(*m);
  EXPECT_EQ(f->getSubprogram()->getUnit(), m->getFunction("g")->getSubprogram()->getUnit());
  for (const auto& inst : llvm::instructions(*f)) {
    ASSERT_TRUE(inst.getDebugLoc()) << print(*m);
    EXPECT_EQ(inst.getDebugLoc().getLine(), 6u);
  }
}

TEST(OptFallback, AFunctionThatStillFailsIsAnErrorNamingIt) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, kInlined);
  ASSERT_TRUE(m);
  OptOptions options;
  options.extra_check = [](const llvm::Function& f) -> std::optional<std::string> {
    if (f.getName() == "f") return std::string("test rule: @f is never legal");
    return std::nullopt;
  };
  auto r = optimise(*m, OptLevel::O2, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "function @f: test rule: @f is never legal");
}

TEST(OptFallback, AnIllegalFunctionAtO0IsAnError) {
  llvm::LLVMContext ctx;
  auto m = parse(ctx, "define double @f(double %x) {\n  ret double %x\n}\n");
  ASSERT_TRUE(m);
  auto r = optimise(*m, OptLevel::O0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "function @f: floating-point type in the signature of @f");
}

}  // namespace
}  // namespace tenet::compiler
