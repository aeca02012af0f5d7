#pragma once
/// \file
/// What every part of irgen shares while generating one contract's module: the LLVM
/// module and builder, the `tenet.*` declarations, the mapping of Tenet types to LLVM
/// types, and the few code shapes everything needs (allocation, panics, word access).
///
/// Value representation (docs/compiler.md, "irgen"):
/// - In SSA, `uN`/`iN` are `iN`, `bool` is `i1`, `address` and contract types are
///   `i160`, `bytes32` is `i256`, an enum is `i8`.
/// - Every other type (struct, `[T; N]`, `[T]`, `string`, `bytes`, a tuple of results)
///   is a `ptr` to a block of 32-byte words in memory:
///   - struct: one word per field, in order; `[T; N]`: N words;
///   - `[T]`: word 0 is the length n, then n words;
///   - `string`/`bytes`: word 0 is the length in bytes, then the bytes, zero-padded to
///     a multiple of 32;
///   - a word holding a scalar holds it as the ABI does (unsigned zero-extended, signed
///     sign-extended, bool 0/1); a word holding a reference type holds its pointer.
/// - Locals never alias: binding a value that lives in a place (a local, an element or
///   field of one) deep-copies it (ValueOps::copy); fresh values are used as they are.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(irgen, irgen_context.hpp)

#include <llvm/IR/DIBuilder.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <array>
#include <cstdint>
#include <memory>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/intrinsics.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler::irgen {

/// Panic codes of language.md §7.
enum PanicCode : uint8_t {
  kPanicAssert = 0x01,
  kPanicOverflow = 0x11,
  kPanicDivideByZero = 0x12,
  kPanicBadEnum = 0x21,
  kPanicEmptyPop = 0x31,
  kPanicOutOfBounds = 0x32,
  kPanicOutOfMemory = 0x41,
};

/// The state shared by the parts of irgen for one module.
class IrContext {
 public:
  IrContext(llvm::LLVMContext& context, const CheckedProgram& program, const SourceManager& sources,
            std::unique_ptr<llvm::Module> module);

  llvm::LLVMContext& llvm;            ///< the LLVM context
  const CheckedProgram& program;      ///< what sema learned
  const SourceManager& sources;       ///< for debug info file names
  std::unique_ptr<llvm::Module> module;  ///< the module being built
  llvm::IRBuilder<> b;                ///< the one builder; its insert point is "here"

  /// The declaration of a `tenet.*` function (declared on first use, with its effects).
  llvm::Function* intrinsic(Intrinsic id);
  /// Calls a `tenet.*` function; for a noreturn one also ends the block with
  /// `unreachable` and leaves the builder in a fresh, unreachable block.
  llvm::Value* call(Intrinsic id, llvm::ArrayRef<llvm::Value*> args);

  /// The SSA type of a Tenet type (see the file comment); `ptr` for reference types.
  llvm::Type* llvm_type(const Type* type);
  /// True when `type` is represented by a pointer to memory.
  static bool is_reference(const Type* type);

  llvm::IntegerType* word_type() const { return llvm::Type::getIntNTy(llvm, 256); }  ///< i256
  llvm::PointerType* ptr_type() const { return llvm::PointerType::get(llvm, 0); }     ///< ptr
  llvm::ConstantInt* word(uint64_t v) const { return llvm::ConstantInt::get(word_type(), v); }  ///< i256 constant
  /// An i256 constant from a 256-bit APInt.
  llvm::ConstantInt* word(const llvm::APInt& v) const { return llvm::ConstantInt::get(llvm, v); }

  /// `tenet.alloc(bytes)`: fresh zeroed memory; `bytes` is any integer.
  llvm::Value* alloc(llvm::Value* bytes);
  /// Pointer `base + 32 * index` (index: any integer).
  llvm::Value* word_ptr(llvm::Value* base, llvm::Value* index);
  /// Loads the i256 word at `p`.
  llvm::Value* load_word(llvm::Value* p);
  /// Stores the i256 `w` at `p`.
  void store_word(llvm::Value* p, llvm::Value* w);
  /// An SSA value of `type` as the i256 word it occupies in memory (zext/sext/ptrtoint).
  llvm::Value* to_word(llvm::Value* v, const Type* type);
  /// The i256 word `w` as an SSA value of `type` (trunc/inttoptr). No range check.
  llvm::Value* from_word(llvm::Value* w, const Type* type);
  /// Converts an integer or pointer SSA value to i256 (zext or ptrtoint).
  llvm::Value* as_word(llvm::Value* v);

  /// Emits `if (cond) panic(code)` and continues in the not-taken block. The panic blocks
  /// of one function are shared per code.
  void panic_if(llvm::Value* cond, PanicCode code);
  /// Emits `if (cond) revert with empty data` (malformed call data, failed calls …).
  void revert_if(llvm::Value* cond);
  /// Ends the current block with a panic (the builder moves to a fresh unreachable block).
  void panic(PanicCode code);

  /// Debug info: the DISubprogram for a new function defined in `file` at `line`.
  llvm::DISubprogram* debug_function(llvm::Function* f, FileId file, uint32_t line);
  /// Sets the builder's current debug location to `range` inside `scope`.
  void set_location(const SourceRange& range, llvm::DIScope* scope);
  /// Finalises debug info (call once, before verification).
  void finish_debug_info();

 private:
  std::unique_ptr<llvm::DIBuilder> di_;
  llvm::DICompileUnit* cu_ = nullptr;
  std::map<FileId, llvm::DIFile*> files_;
  std::array<llvm::Function*, 64> intrinsics_{};
  /// Shared panic/revert blocks of the function being generated.
  llvm::Function* shared_for_ = nullptr;
  std::map<int, llvm::BasicBlock*> shared_blocks_;
  llvm::BasicBlock* shared_block(int code);
};

}  // namespace tenet::compiler::irgen
