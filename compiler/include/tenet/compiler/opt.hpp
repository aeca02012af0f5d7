#pragma once
/// \file
/// The fixed LLVM 19 optimisation pipeline of the Tenet compiler and the
/// post-optimisation legality check (docs/compiler.md, "Optimisation pipeline").
///
/// `optimise` runs one fixed new-PassManager pipeline per level, then checks every
/// defined function with `check_legal`. At O1/O2 a function that fails is redone from a
/// copy of the module taken before optimisation, through the conservative pipeline, and
/// checked again; if it still fails, the result is an error naming the function and the
/// offending instruction. Nothing here throws.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(opt, opt.hpp)

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/intrinsics.hpp"  // tenet_data_layout
#include "tenet/vm/error.hpp"

namespace llvm {
class Function;
class Module;
}  // namespace llvm

namespace tenet::compiler {

/// The optimisation levels of `tenet compile -O0|-O1|-O2`.
enum class OptLevel { O0, O1, O2 };

/// Why `f` cannot be translated to Tenet bytecode, or nullopt when it can. Rejects vector
/// and floating-point types, integers wider than 256 bits, `invoke`/`landingpad`/
/// `callbr`/`resume`, atomics, inline asm, indirect calls, intrinsics outside the
/// allow-list, and calls to declared non-intrinsic functions whose names do not start
/// with "tenet.". The message has the form ``<what> in `<instruction>` ``.
std::optional<std::string> check_legal(const llvm::Function& f);

/// Extra knobs for `optimise`; the defaults are what the compiler uses.
struct OptOptions {
  /// Test hook: an additional legality rule applied after `check_legal` (nullopt = legal).
  /// Lets tests drive the conservative fallback with IR that O2 does not make illegal.
  std::function<std::optional<std::string>(const llvm::Function&)> extra_check;
};

/// What `optimise` did besides optimising.
struct OptReport {
  /// Functions redone through the conservative pipeline after failing the legality check.
  std::vector<std::string> fell_back;
};

/// Optimises `module` in place at `level` and checks every defined function. Sets the
/// data layout to `tenet_data_layout()` (intrinsics.hpp) when the module has none; a
/// different layout is an error. Deterministic: the same input gives byte-identical IR.
vm::Result<OptReport> optimise(llvm::Module& module, OptLevel level, const OptOptions& options = {});

}  // namespace tenet::compiler
