#pragma once
/// \file
/// The LLVM intrinsics a Tenet module may contain after optimisation: the one list that
/// the legality check (opt.cpp) accepts and codegen translates. Everything else is
/// rejected by `check_legal` before codegen sees it. A public header of the opt stage,
/// which defines what may leave it, so that codegen (a later stage) reads the same table;
/// it includes LLVM's headers, so only code built against LLVM can include it.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(opt, llvm_intrinsics.hpp)

#include <llvm/IR/Intrinsics.h>

namespace tenet::compiler {

/// What codegen does with a supported LLVM intrinsic.
enum class LlvmIntrinsicUse : uint8_t {
  lowered,  ///< translated to VM instructions
  dropped,  ///< no code: hints, debug info, lifetimes
};

// X(llvm::Intrinsic ID, use)
#define TENET_LLVM_INTRINSICS(X)           \
  X(uadd_with_overflow, lowered)           \
  X(sadd_with_overflow, lowered)           \
  X(usub_with_overflow, lowered)           \
  X(ssub_with_overflow, lowered)           \
  X(umul_with_overflow, lowered)           \
  X(smul_with_overflow, lowered)           \
  X(ctpop, lowered)                        \
  X(ctlz, lowered)                         \
  X(cttz, lowered)                         \
  X(bswap, lowered)                        \
  X(bitreverse, lowered)                   \
  X(fshl, lowered)                         \
  X(fshr, lowered)                         \
  X(umin, lowered)                         \
  X(umax, lowered)                         \
  X(smin, lowered)                         \
  X(smax, lowered)                         \
  X(abs, lowered)                          \
  X(uadd_sat, lowered)                     \
  X(usub_sat, lowered)                     \
  X(memcpy, lowered)                       \
  X(memmove, lowered)                      \
  X(memset, lowered)                       \
  X(expect, lowered)                       \
  X(assume, dropped)                       \
  X(lifetime_start, dropped)               \
  X(lifetime_end, dropped)                 \
  X(dbg_declare, dropped)                  \
  X(dbg_value, dropped)                    \
  X(dbg_assign, dropped)                   \
  X(dbg_label, dropped)                    \
  X(experimental_noalias_scope_decl, dropped) \
  X(invariant_start, dropped)              \
  X(invariant_end, dropped)                \
  X(donothing, dropped)                    \
  X(sideeffect, dropped)

/// True when `id` is in TENET_LLVM_INTRINSICS.
inline bool is_supported_llvm_intrinsic(llvm::Intrinsic::ID id) {
  switch (id) {
#define TENET_X(name, use) case llvm::Intrinsic::name:
    TENET_LLVM_INTRINSICS(TENET_X)
#undef TENET_X
    return true;
    default:
      return false;
  }
}

/// True when codegen emits nothing for `id`.
inline bool is_dropped_llvm_intrinsic(llvm::Intrinsic::ID id) {
  switch (id) {
#define TENET_X(name, use) \
  case llvm::Intrinsic::name: return LlvmIntrinsicUse::use == LlvmIntrinsicUse::dropped;
    TENET_LLVM_INTRINSICS(TENET_X)
#undef TENET_X
    default:
      return false;
  }
}

}  // namespace tenet::compiler
