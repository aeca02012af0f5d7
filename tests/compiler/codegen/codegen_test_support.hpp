#pragma once
// Shared fixture of the codegen tests: hand-written LLVM IR → optimise → generate_bytecode
// → deploy in a JournaledHost → call through the export table.

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "vm/vm_test_support.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/compiler/opt.hpp"

namespace tenet::compiler::testing {

/// The `tenet.*` declarations the tests use, with irgen's attributes.
inline const std::string kDeclarations = R"(
declare i256 @tenet.calldataload(i256) nounwind nofree nosync willreturn memory(none)
declare ptr @tenet.alloc(i256) nounwind nofree nosync willreturn memory(inaccessiblemem: readwrite)
declare void @tenet.return(ptr, i256) nounwind nofree nosync noreturn memory(argmem: read)
declare void @tenet.revert(ptr, i256) nounwind nofree nosync noreturn memory(argmem: read)
declare void @tenet.panic(i256) nounwind nofree nosync noreturn memory(none)
declare void @tenet.stop() nounwind nofree nosync noreturn memory(none)
declare i256 @tenet.sload(i256) nounwind nofree nosync willreturn memory(inaccessiblemem: read)
declare void @tenet.sstore(i256, i256) nounwind nofree nosync memory(inaccessiblemem: readwrite)
declare i256 @tenet.caller() nounwind nofree nosync willreturn memory(none)
declare i256 @tenet.keccak256(ptr, i256) nounwind nofree nosync willreturn memory(argmem: read)
declare void @tenet.log1(ptr, i256, i256) nounwind nofree nosync memory(argmem: read, inaccessiblemem: readwrite)
)";

/// `ir` as a parsed module with Tenet's data layout (nullptr and a test failure on a
/// syntax error).
inline std::unique_ptr<llvm::Module> parse_ir(llvm::LLVMContext& ctx, const std::string& ir) {
  llvm::SMDiagnostic diag;
  auto m = llvm::parseAssemblyString(
      "target datalayout = \"" + std::string(tenet_data_layout()) + "\"\n" + kDeclarations + ir,
      diag, ctx);
  if (!m) {
    std::string text;
    llvm::raw_string_ostream os(text);
    diag.print("test.ll", os);
    ADD_FAILURE() << os.str();
  }
  return m;
}

/// The selector of `signature` as the 8 hex digits of `tenet-export`.
inline std::string selector_hex(std::string_view signature) {
  auto s = vm::selector_of(signature);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : s) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

/// An entry point `main()` that reads one call-data word per parameter type of `@f`
/// (truncated to the type), calls `@f` and returns its result zero-extended to a word.
inline std::string entry_calling(const std::string& ret, const std::vector<std::string>& params) {
  std::string s = "define void @main() \"tenet-export\"=\"" + selector_hex("main()") + "\" {\n";
  std::string args;
  for (size_t i = 0; i < params.size(); ++i) {
    std::string a = "%a" + std::to_string(i);
    s += "  " + a + ".w = call i256 @tenet.calldataload(i256 " + std::to_string(4 + 32 * i) + ")\n";
    if (params[i] == "i256") {
      s += "  " + a + " = add i256 " + a + ".w, 0\n";
    } else if (params[i] == "ptr") {
      s += "  " + a + ".t = trunc i256 " + a + ".w to i32\n  " + a + " = inttoptr i32 " + a +
           ".t to ptr\n";
    } else {
      s += "  " + a + " = trunc i256 " + a + ".w to " + params[i] + "\n";
    }
    args += (i ? ", " : "") + params[i] + " " + a;
  }
  s += "  %r = call " + ret + " @f(" + args + ")\n";
  if (ret == "i256")
    s += "  %rw = add i256 %r, 0\n";
  else if (ret == "ptr")
    s += "  %rw = ptrtoint ptr %r to i256\n";
  else
    s += "  %rw = zext " + ret + " %r to i256\n";
  s += "  %p = call ptr @tenet.alloc(i256 32)\n  store i256 %rw, ptr %p\n"
       "  call void @tenet.return(ptr %p, i256 32)\n  unreachable\n}\n";
  return s;
}

/// The fixture: compile, deploy and call.
class CodegenTest : public vm::testing::VmTest {
 public:
  /// Parses `ir`, optimises it at `level` and translates it.
  vm::Result<CodegenResult> compile(const std::string& ir, OptLevel level,
                                    std::vector<std::vector<uint8_t>> children = {},
                                    bool test_mode = false) {
    llvm::LLVMContext ctx;
    auto m = parse_ir(ctx, ir);
    if (!m) return vm::Error{"parse error"};
    auto opt = optimise(*m, level);
    if (!opt) return opt.error();
    auto r = generate_bytecode(*m, children, test_mode);
    if (r && std::getenv("TENET_CODEGEN_DUMP") != nullptr) {  // debugging aid
      std::string text;
      llvm::raw_string_ostream os(text);
      m->print(os, nullptr);
      std::fprintf(stderr, "%s\n%s\n", os.str().c_str(), vm::disassemble(r->container).c_str());
    }
    return r;
  }

  /// Translates `ir` without optimising it (for rejection tests).
  vm::Result<CodegenResult> translate_only(const std::string& ir) {
    llvm::LLVMContext ctx;
    auto m = parse_ir(ctx, ir);
    if (!m) return vm::Error{"parse error"};
    return generate_bytecode(*m, {}, false);
  }

  /// Deploys a translated container; returns its address.
  vm::Address deploy_result(const CodegenResult& r) {
    auto code = vm::serialize_container(r.container);
    vm::ExecResult d = host.deploy(sender, code, 100'000'000);
    EXPECT_EQ(d.status, vm::Status::Success) << d.reason;
    return d.created;
  }

  /// Compiles `ir` at `level`, deploys it and calls main() with `args`.
  vm::ExecResult run(const std::string& ir, OptLevel level,
                     const std::vector<vm::Word>& args = {}) {
    auto r = compile(ir, level);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r) return vm::ExecResult{vm::Status::Trap, 0, {}, {}, "compile error"};
    vm::Address a = deploy_result(*r);
    return call(a, vm::testing::calldata("main()", args), 100'000'000);
  }

  /// `@f` (defined in `ir`, with `ret` result and `params`) called with `args` at O0 and
  /// at O2; expects both to return `expected`.
  void expect_f(const std::string& ir, const std::string& ret,
                const std::vector<std::string>& params, const std::vector<vm::Word>& args,
                const vm::Word& expected) {
    for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
      SCOPED_TRACE(level == OptLevel::O0 ? "O0" : "O2");
      vm::ExecResult r = run(ir + entry_calling(ret, params), level, args);
      ASSERT_EQ(r.status, vm::Status::Success) << r.reason;
      ASSERT_EQ(r.output.size(), 32u);
      EXPECT_EQ(vm::to_hex(vm::word_from_be(r.output.data())), vm::to_hex(expected));
    }
  }

  /// Like expect_f, but translating the IR as written (critical edges not split).
  void expect_f_unoptimised(const std::string& ir, const std::string& ret,
                            const std::vector<std::string>& params,
                            const std::vector<vm::Word>& args, const vm::Word& expected) {
    auto r = translate_only(ir + entry_calling(ret, params));
    ASSERT_TRUE(r.ok()) << r.error().message;
    vm::Address a = deploy_result(*r);
    vm::ExecResult x = call(a, vm::testing::calldata("main()", args), 100'000'000);
    ASSERT_EQ(x.status, vm::Status::Success) << x.reason;
    ASSERT_EQ(x.output.size(), 32u);
    EXPECT_EQ(vm::to_hex(vm::word_from_be(x.output.data())), vm::to_hex(expected));
  }
};

/// A word from hex or decimal text.
inline vm::Word W(std::string_view text) {
  return vm::testing::W(text);
}

}  // namespace tenet::compiler::testing
