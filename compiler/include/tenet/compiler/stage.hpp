#pragma once
/// \file
/// The compiler's stages in order, and the guards that make a back-reference fail to build
/// (docs/compiler.md, "Source layout").
///
/// Each folder of compiler/src/ is a stage, built as its own CMake object library that links
/// only to the stages before it; compiler/CMakeLists.txt compiles its sources with
/// `TENET_COMPILER_STAGE=<name>`. Every header says which stage it belongs to:
///
///     TENET_COMPILER_PUBLIC_HEADER(codegen, codegen.hpp)       // tenet/compiler/codegen.hpp
///     TENET_COMPILER_INTERNAL_HEADER(sema, sema_checker.hpp)   // compiler/src/sema/
///
/// A public header included by an earlier stage, or an internal header included by another
/// stage, is a compile error naming both stages. Code outside the compiler (the CLI, tests,
/// benchmarks) defines no stage and may include every header.

/// The stages, in the order they depend on each other; each may use only those before it.
#define TENET_COMPILER_ORDER_common 1   ///< diagnostics, sources, the intrinsics table
#define TENET_COMPILER_ORDER_parse 2    ///< text → AST
#define TENET_COMPILER_ORDER_sema 3     ///< AST → checked program, types, storage layout
#define TENET_COMPILER_ORDER_irgen 4    ///< checked program → LLVM IR
#define TENET_COMPILER_ORDER_opt 5      ///< the fixed LLVM pipeline and the legality check
#define TENET_COMPILER_ORDER_codegen 6  ///< LLVM IR → bytecode
#define TENET_COMPILER_ORDER_driver 7   ///< compile_contract (irgen → opt → codegen), projects
#define TENET_COMPILER_ORDER_outputs 8  ///< ABI JSON, artifacts, gas estimates
#define TENET_COMPILER_ORDER_index 9    ///< the source index (editor support)
#define TENET_COMPILER_ORDER_fmt 10     ///< the formatter (`tenet fmt`): links only parse, beside the pipeline

#define TENET_COMPILER_ORDER_(stage_) TENET_COMPILER_ORDER_##stage_
/// The position of `stage_` (a name above) in the order; 0 for an unknown name.
#define TENET_COMPILER_ORDER(stage_) TENET_COMPILER_ORDER_(stage_)

#define TENET_COMPILER_STR_(...) #__VA_ARGS__
#define TENET_COMPILER_STR(...) TENET_COMPILER_STR_(__VA_ARGS__)
/// A compile error: `what_` (a header path) may not be included by the current stage.
// clang-format off
#define TENET_COMPILER_REFUSE(what_, stage_, relation_)                                    \
  _Pragma(TENET_COMPILER_STR(GCC error TENET_COMPILER_STR(                                 \
      what_ relation_ stage stage_; stage TENET_COMPILER_STAGE may not include it (stages \
      depend only on earlier ones, docs/compiler.md))))

/// Declares the header that expands it, tenet/compiler/`file_`, a public header of `stage_`.
#define TENET_COMPILER_PUBLIC_HEADER(stage_, file_) TENET_COMPILER_PUBLIC_##stage_(tenet/compiler/file_)
// clang-format on
/// Declares the header that expands it, `file_`, internal to `stage_`'s folder.
#define TENET_COMPILER_INTERNAL_HEADER(stage_, file_) TENET_COMPILER_INTERNAL_##stage_(file_)

#ifdef TENET_COMPILER_STAGE
#if TENET_COMPILER_ORDER(TENET_COMPILER_STAGE) == 0
#error "TENET_COMPILER_STAGE names no stage of tenet/compiler/stage.hpp"
#endif
#define TENET_COMPILER_HERE TENET_COMPILER_ORDER(TENET_COMPILER_STAGE)
#else
#define TENET_COMPILER_HERE 100  // outside the compiler: every header is available
#endif

// One pair of guards per stage (the preprocessor cannot generate #if from a table).
#define TENET_COMPILER_PUBLIC_common(path_)
#if TENET_COMPILER_HERE < 2
#define TENET_COMPILER_PUBLIC_parse(path_) TENET_COMPILER_REFUSE(path_, parse, belongs to)
#else
#define TENET_COMPILER_PUBLIC_parse(path_)
#endif
#if TENET_COMPILER_HERE < 3
#define TENET_COMPILER_PUBLIC_sema(path_) TENET_COMPILER_REFUSE(path_, sema, belongs to)
#else
#define TENET_COMPILER_PUBLIC_sema(path_)
#endif
#if TENET_COMPILER_HERE < 4
#define TENET_COMPILER_PUBLIC_irgen(path_) TENET_COMPILER_REFUSE(path_, irgen, belongs to)
#else
#define TENET_COMPILER_PUBLIC_irgen(path_)
#endif
#if TENET_COMPILER_HERE < 5
#define TENET_COMPILER_PUBLIC_opt(path_) TENET_COMPILER_REFUSE(path_, opt, belongs to)
#else
#define TENET_COMPILER_PUBLIC_opt(path_)
#endif
#if TENET_COMPILER_HERE < 6
#define TENET_COMPILER_PUBLIC_codegen(path_) TENET_COMPILER_REFUSE(path_, codegen, belongs to)
#else
#define TENET_COMPILER_PUBLIC_codegen(path_)
#endif
#if TENET_COMPILER_HERE < 7
#define TENET_COMPILER_PUBLIC_driver(path_) TENET_COMPILER_REFUSE(path_, driver, belongs to)
#else
#define TENET_COMPILER_PUBLIC_driver(path_)
#endif
#if TENET_COMPILER_HERE < 8
#define TENET_COMPILER_PUBLIC_outputs(path_) TENET_COMPILER_REFUSE(path_, outputs, belongs to)
#else
#define TENET_COMPILER_PUBLIC_outputs(path_)
#endif
#if TENET_COMPILER_HERE < 9
#define TENET_COMPILER_PUBLIC_index(path_) TENET_COMPILER_REFUSE(path_, index, belongs to)
#else
#define TENET_COMPILER_PUBLIC_index(path_)
#endif
#if TENET_COMPILER_HERE < 10
#define TENET_COMPILER_PUBLIC_fmt(path_) TENET_COMPILER_REFUSE(path_, fmt, belongs to)
#else
#define TENET_COMPILER_PUBLIC_fmt(path_)
#endif

// An internal header is refused in every stage but its own.
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 2
#define TENET_COMPILER_INTERNAL_parse(path_) TENET_COMPILER_REFUSE(path_, parse, is internal to)
#else
#define TENET_COMPILER_INTERNAL_parse(path_)
#endif
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 3
#define TENET_COMPILER_INTERNAL_sema(path_) TENET_COMPILER_REFUSE(path_, sema, is internal to)
#else
#define TENET_COMPILER_INTERNAL_sema(path_)
#endif
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 4
#define TENET_COMPILER_INTERNAL_irgen(path_) TENET_COMPILER_REFUSE(path_, irgen, is internal to)
#else
#define TENET_COMPILER_INTERNAL_irgen(path_)
#endif
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 6
#define TENET_COMPILER_INTERNAL_codegen(path_) TENET_COMPILER_REFUSE(path_, codegen, is internal to)
#else
#define TENET_COMPILER_INTERNAL_codegen(path_)
#endif
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 9
#define TENET_COMPILER_INTERNAL_index(path_) TENET_COMPILER_REFUSE(path_, index, is internal to)
#else
#define TENET_COMPILER_INTERNAL_index(path_)
#endif
#if defined(TENET_COMPILER_STAGE) && TENET_COMPILER_HERE != 10
#define TENET_COMPILER_INTERNAL_fmt(path_) TENET_COMPILER_REFUSE(path_, fmt, is internal to)
#else
#define TENET_COMPILER_INTERNAL_fmt(path_)
#endif
