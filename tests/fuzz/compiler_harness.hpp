#pragma once
/// \file
/// The compiler fuzz harness: one input → the whole compile pipeline (parse → sema →
/// irgen → opt → codegen → validate → gas estimate). The libFuzzer target
/// (compiler_fuzz.cpp) and the corpus replay test (compiler_fuzz_replay.cpp) both call
/// it, so a reproducer saved in tests/fuzz/compiler_corpus/ is replayed by `make test`.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace tenet::fuzz {

/// What compiling one input did.
struct CompileOutcome {
  bool checked = false;               ///< parse and sema reported no error
  size_t compiled = 0;                ///< contracts compiled to bytecode that validates
  std::vector<std::string> rejected;  ///< clean compile errors after sema, one per contract
  /// Defects: bytecode that fails validation, or a compiler internal error (invalid IR,
  /// codegen's own validation failing). An input with a defect is a bug to fix.
  std::vector<std::string> defects;
};

/// Compiles one fuzz input. The first byte chooses the optimisation level (its value
/// modulo 3: '0' → -O0, '1' → -O1, '2' → -O2, so a seed is a digit followed by a
/// program); the rest is the source of one entry file, whose `std/` imports are read
/// from `stdlib_dir` (the directory holding `std/`) and whose relative imports resolve
/// against a directory that does not exist. Every contract and test contract the
/// entry file declares is compiled, and each produced container is parsed back,
/// validated and gas-estimated. Never throws for any input.
CompileOutcome compile_input(std::span<const uint8_t> input,
                             const std::filesystem::path& stdlib_dir);

}  // namespace tenet::fuzz
